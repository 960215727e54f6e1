import type { CommunitySpec } from '../model'

// The communities of the demo. Every organisation, person and handle is invented; the places
// are real so maps and entity extraction have something to hold on to. Hosts use the
// reserved `.example` top-level domain so no demo link can ever reach a real server.

export const INSTANCES = ['global.social.example', 'afrika.social.example', 'latam.social.example', 'asia.social.example'] as const
/** Homes of accounts seen only as remote ones, so `acct` carries a domain now and then. */
export const REMOTE_HOMES = ['mstdn.example', 'toot.example', 'fediverse.example'] as const

export const COMMUNITIES: CommunitySpec[] = [
  {
    id: 'global-policy-hub',
    name: 'Global policy hub (English)',
    volume: 0.17,
    utcOffset: 0,
    langs: { en: 0.84, fr: 0.07, es: 0.05, de: 0.04 },
    topics: { aid: 0.3, climate: 0.26, health: 0.2, refugees: 0.14, food: 0.1 },
    channels: { mastodon: 0.45, bluesky: 0.32, feed: 0.14, reddit: 0.09 },
    instance: 'global.social.example',
    subreddits: ['worldnews', 'climate', 'globalhealth'],
    // The hub talks about crises everywhere; French and Spanish templates say "à {place}" /
    // "en {place}", so those lists hold cities, German ones countries that take no article.
    places: {
      default: ['Chad', 'South Sudan', 'Somalia', 'Haiti', 'Bangladesh', 'Mozambique', 'Malawi', 'Nairobi'],
      fr: ['N’Djamena', 'Juba', 'Mogadiscio', 'Port-au-Prince', 'Maputo', 'Nairobi'],
      es: ['Yamena', 'Juba', 'Mogadiscio', 'Puerto Príncipe', 'Maputo', 'Nairobi'],
      de: ['Somalia', 'Haiti', 'Bangladesch', 'Mosambik', 'Malawi', 'Nairobi'],
      pt: ['Maputo', 'Juba', 'Mogadíscio', 'Porto Príncipe', 'Daca', 'Nairóbi'],
      ar: ['تشاد', 'جنوب السودان', 'الصومال', 'هايتي', 'بنغلاديش', 'موزمبيق'],
      hi: ['बांग्लादेश', 'सोमालिया', 'हैती', 'चाड', 'दक्षिण सूडान', 'मोज़ाम्बिक'],
      sw: ['Chad', 'Sudan Kusini', 'Somalia', 'Haiti', 'Bangladesh', 'Msumbiji'],
      ja: ['チャド', '南スーダン', 'ソマリア', 'ハイチ', 'バングラデシュ', 'モザンビーク'],
    },
    tags: ['GlobalDev', 'SDGs', 'Multilateralism'],
    influencers: [
      { platform: 'mastodon', username: 'globaldevbrief', displayName: 'Global Development Brief', lang: 'en', bio: 'Daily notes on aid, climate finance and global health policy. Independent, reader-funded.' },
      { platform: 'bluesky', username: 'aidwatchdesk', displayName: 'Aid Watch Desk', lang: 'en', bio: 'Tracking donor budgets and humanitarian appeals, one spreadsheet at a time.' },
      { platform: 'mastodon', username: 'sarahokafor', displayName: 'Sarah Okafor', lang: 'en', also: 'fr', bio: 'Policy analyst on development finance. Views my own.' },
      { platform: 'bluesky', username: 'climatefinancelab', displayName: 'Climate Finance Lab', lang: 'en', bio: 'Research collective following climate money from pledge to project.' },
    ],
    bridges: [],
    orgs: ['Open Aid Monitor', 'Health Equity Forum', 'Humanitarian Data Circle', 'Debt and Climate Network', 'Policy Lab for Refugees'],
  },
  {
    id: 'sahel-humanitarian',
    name: 'Francophone West Africa humanitarian network',
    volume: 0.13,
    utcOffset: 0.5,
    langs: { fr: 0.9, en: 0.1 },
    topics: { refugees: 0.3, food: 0.3, health: 0.15, aid: 0.15, climate: 0.1 },
    channels: { mastodon: 0.55, bluesky: 0.2, feed: 0.17, reddit: 0.08 },
    instance: 'afrika.social.example',
    subreddits: ['Africa', 'france'],
    places: {
      default: ['Niamey', 'Bamako', 'Ouagadougou', 'Mopti', 'Diffa', 'Tillabéri', 'Dori', 'Gao', 'Kaya', 'Maradi'],
      ar: ['نيامي', 'باماكو', 'واغادوغو', 'موبتي', 'ديفا', 'غاو'],
    },
    tags: ['Sahel', 'Niger', 'BurkinaFaso', 'Mali'],
    influencers: [
      { platform: 'mastodon', username: 'reseausahel', displayName: 'Réseau Sahel Solidarité', lang: 'fr', bio: 'Réseau d’associations humanitaires au Sahel. Alertes, données et plaidoyer.' },
      { platform: 'mastodon', username: 'mariamsawadogo', displayName: 'Mariam Sawadogo', lang: 'fr', also: 'en', bio: 'Journaliste, couvre les déplacements et la sécurité alimentaire au Sahel.' },
      { platform: 'bluesky', username: 'infohumanitaire', displayName: 'Info Humanitaire Sahel', lang: 'fr', bio: 'Veille humanitaire quotidienne : Niger, Mali, Burkina Faso.' },
    ],
    bridges: [
      { platform: 'mastodon', username: 'aichadiallo', displayName: 'Aïcha Diallo', lang: 'fr', also: 'en', bridgeTo: 'global-policy-hub', bio: 'Plaidoyer humanitaire entre Dakar et Genève. FR/EN.' },
    ],
    orgs: ['Eau pour Tous Niger', 'Jeunes Leaders du Sahel', 'Collectif Santé Mopti', 'Femmes et Développement Dori', 'Radio Communautaire Gao'],
  },
  {
    id: 'arab-refugee-support',
    name: 'Arabic-speaking refugee support',
    volume: 0.12,
    utcOffset: 2.5,
    langs: { ar: 0.78, en: 0.17, fr: 0.05 },
    topics: { refugees: 0.45, health: 0.2, food: 0.15, aid: 0.15, climate: 0.05 },
    channels: { mastodon: 0.4, bluesky: 0.33, feed: 0.17, reddit: 0.1 },
    instance: 'global.social.example',
    subreddits: ['arabs', 'jordan', 'lebanon'],
    places: {
      ar: ['عمّان', 'بيروت', 'مخيم الزعتري', 'إربد', 'المفرق', 'البقاع', 'طرابلس', 'غازي عنتاب', 'أسوان', 'بورتسودان'],
      default: ['Amman', 'Beirut', 'Zaatari camp', 'Irbid', 'Mafraq', 'Tripoli', 'Gaziantep', 'Aswan', 'Port Sudan'],
      fr: ['Amman', 'Beyrouth', 'Zaatari', 'Irbid', 'Mafraq', 'Tripoli', 'Gaziantep', 'Assouan', 'Port-Soudan'],
    },
    tags: ['سوريا', 'لبنان', 'الأردن', 'السودان'],
    influencers: [
      { platform: 'mastodon', username: 'salam_relief', displayName: 'شبكة سلام للإغاثة', lang: 'ar', also: 'en', bio: 'شبكة منظمات محلية لدعم اللاجئين والمجتمعات المضيفة.' },
      { platform: 'bluesky', username: 'linahaddad', displayName: 'لينا حداد | Lina Haddad', lang: 'ar', also: 'en', bio: 'صحفية مستقلة، أكتب عن اللجوء والصحة.' },
      { platform: 'mastodon', username: 'dr_yousef_nasser', displayName: 'د. يوسف ناصر', lang: 'ar', bio: 'طبيب صحة عامة، أعمل مع اللاجئين منذ عشر سنوات.' },
    ],
    bridges: [
      { platform: 'mastodon', username: 'karimhaddad', displayName: 'Karim Haddad كريم', lang: 'ar', also: 'fr', bridgeTo: 'sahel-humanitarian', bio: 'Humanitaire entre Beyrouth et Niamey. عربي / français.' },
      { platform: 'bluesky', username: 'omarrashid', displayName: 'Omar Al-Rashid عمر', lang: 'ar', also: 'en', bridgeTo: 'global-policy-hub', bio: 'Refugee policy researcher. AR/EN.' },
    ],
    orgs: ['جمعية بيت اللاجئ|bait_allajee', 'مبادرة أمل للتعليم|amal_edu', 'عيادة الزعتري المجتمعية|zaatari_clinic', 'شباب من أجل الإغاثة|youth4relief', 'رابطة الأطباء المتطوعين|volunteer_doctors'],
  },
  {
    id: 'latam-climate-finance',
    name: 'Latin American climate finance',
    volume: 0.11,
    utcOffset: -5,
    langs: { es: 0.84, en: 0.1, pt: 0.06 },
    topics: { climate: 0.5, aid: 0.15, food: 0.15, refugees: 0.15, health: 0.05 },
    channels: { mastodon: 0.42, bluesky: 0.33, feed: 0.15, reddit: 0.1 },
    instance: 'latam.social.example',
    subreddits: ['LatinAmerica', 'colombia', 'mexico'],
    places: {
      default: ['Bogotá', 'Lima', 'Quito', 'Ciudad de México', 'La Paz', 'Tegucigalpa', 'Santiago', 'Cali', 'Cúcuta', 'Guayaquil'],
      en: ['Bogotá', 'Lima', 'Quito', 'Mexico City', 'La Paz', 'Tegucigalpa', 'Santiago', 'Cúcuta'],
      pt: ['Bogotá', 'Lima', 'Quito', 'Cidade do México', 'La Paz', 'Santiago'],
    },
    tags: ['AméricaLatina', 'Colombia', 'COP'],
    influencers: [
      { platform: 'bluesky', username: 'finanzasclimaticas', displayName: 'Red de Finanzas Climáticas', lang: 'es', bio: 'Seguimos el dinero del clima en América Latina y el Caribe.' },
      { platform: 'mastodon', username: 'valentinarios', displayName: 'Valentina Ríos', lang: 'es', also: 'en', bio: 'Economista. Deuda, clima y justicia fiscal.' },
      { platform: 'mastodon', username: 'observatorio_clima', displayName: 'Observatorio Clima Andino', lang: 'es', bio: 'Datos abiertos sobre adaptación y financiamiento en los Andes.' },
    ],
    bridges: [
      { platform: 'bluesky', username: 'luciaferreira', displayName: 'Lucía Ferreira', lang: 'es', also: 'pt', bridgeTo: 'brazil-climate', bio: 'Periodista entre Bogotá y Belém. ES/PT.' },
    ],
    orgs: ['Colectivo Agua y Territorio', 'Jóvenes por el Clima Bogotá', 'Fundación Deuda Justa', 'Red Mujeres Rurales', 'Alianza Andina de Adaptación'],
  },
  {
    id: 'east-africa-health',
    name: 'East African health (Swahili)',
    volume: 0.11,
    utcOffset: 3,
    langs: { sw: 0.62, en: 0.38 },
    topics: { health: 0.45, food: 0.2, refugees: 0.2, climate: 0.1, aid: 0.05 },
    channels: { mastodon: 0.5, bluesky: 0.22, feed: 0.16, reddit: 0.12 },
    instance: 'afrika.social.example',
    subreddits: ['Kenya', 'tanzania'],
    places: { default: ['Kisumu', 'Mombasa', 'Garissa', 'Dadaab', 'Kakuma', 'Turkana', 'Dar es Salaam', 'Kigoma', 'Mwanza', 'Tanga'] },
    tags: ['Kenya', 'Tanzania', 'AfrikaMashariki'],
    influencers: [
      { platform: 'mastodon', username: 'afyakwanza', displayName: 'Afya Kwanza', lang: 'sw', also: 'en', bio: 'Shirika la afya ya jamii Afrika Mashariki. Taarifa, chanjo na elimu ya afya.' },
      { platform: 'bluesky', username: 'drneemaowino', displayName: 'Dr. Neema Owino', lang: 'sw', also: 'en', bio: 'Daktari wa afya ya jamii. Epidemiolojia na chanjo.' },
      { platform: 'mastodon', username: 'habari_afya', displayName: 'Habari Afya', lang: 'sw', bio: 'Habari za afya kwa Kiswahili.' },
    ],
    bridges: [
      { platform: 'mastodon', username: 'amaniotieno', displayName: 'Amani Otieno', lang: 'sw', also: 'en', bridgeTo: 'global-policy-hub', bio: 'Global health advocate, Nairobi. SW/EN.' },
    ],
    orgs: ['Maji Safi Kisumu', 'Vijana na Afya', 'Mama na Mtoto Trust', 'Sauti ya Wakimbizi', 'Kliniki Tembezi'],
  },
  {
    id: 'brazil-climate',
    name: 'Brazilian climate movement',
    volume: 0.12,
    utcOffset: -3,
    langs: { pt: 0.92, en: 0.05, es: 0.03 },
    topics: { climate: 0.55, food: 0.2, health: 0.15, aid: 0.05, refugees: 0.05 },
    channels: { mastodon: 0.3, bluesky: 0.45, feed: 0.15, reddit: 0.1 },
    instance: 'latam.social.example',
    subreddits: ['brasil'],
    places: { default: ['Belém', 'Manaus', 'Recife', 'Porto Alegre', 'Santarém', 'São Paulo', 'Fortaleza', 'Rio Branco', 'Cuiabá', 'Altamira'] },
    tags: ['Brasil', 'COP30', 'Amazônia'],
    influencers: [
      { platform: 'bluesky', username: 'florestaviva', displayName: 'Coletivo Floresta Viva', lang: 'pt', bio: 'Coletivo de comunicação pela floresta e por quem vive nela.' },
      { platform: 'bluesky', username: 'anapaulamoreira', displayName: 'Ana Paula Moreira', lang: 'pt', also: 'en', bio: 'Jornalista de clima. Amazônia, finanças e COP.' },
      { platform: 'mastodon', username: 'climaempauta', displayName: 'Clima em Pauta', lang: 'pt', bio: 'Boletim diário de clima e meio ambiente.' },
    ],
    bridges: [
      { platform: 'bluesky', username: 'marianacosta', displayName: 'Mariana Costa', lang: 'pt', also: 'en', bridgeTo: 'global-policy-hub', bio: 'Climate finance researcher. PT/EN.' },
    ],
    orgs: ['Instituto Rios Limpos', 'Juventude pelo Clima', 'Rede Agroecologia Norte', 'Mulheres da Floresta', 'Fórum Cidades Resilientes'],
  },
  {
    id: 'india-public-health',
    name: 'Indian public health (Hindi)',
    volume: 0.11,
    utcOffset: 5.5,
    langs: { hi: 0.6, en: 0.4 },
    topics: { health: 0.55, climate: 0.2, food: 0.15, aid: 0.05, refugees: 0.05 },
    channels: { mastodon: 0.38, bluesky: 0.32, feed: 0.15, reddit: 0.15 },
    instance: 'global.social.example',
    subreddits: ['india', 'bihar'],
    places: {
      hi: ['पटना', 'लखनऊ', 'जयपुर', 'भोपाल', 'वाराणसी', 'रांची', 'गोरखपुर', 'मुज़फ़्फ़रपुर', 'गुवाहाटी', 'इंदौर'],
      default: ['Patna', 'Lucknow', 'Jaipur', 'Bhopal', 'Varanasi', 'Ranchi', 'Gorakhpur', 'Muzaffarpur', 'Guwahati', 'Indore'],
    },
    tags: ['भारत', 'बिहार', 'उत्तरप्रदेश'],
    influencers: [
      { platform: 'bluesky', username: 'swasthyasamvad', displayName: 'स्वास्थ्य संवाद | Swasthya Samvad', lang: 'hi', also: 'en', bio: 'जन स्वास्थ्य पर हिंदी में जानकारी और बहस।' },
      { platform: 'mastodon', username: 'dr_ritu_sharma', displayName: 'डॉ. रितु शर्मा', lang: 'hi', also: 'en', bio: 'सामुदायिक चिकित्सा, ग्रामीण स्वास्थ्य। विचार निजी।' },
      { platform: 'bluesky', username: 'arogyamanch', displayName: 'Arogya Manch', lang: 'en', also: 'hi', bio: 'Public health network. Data, policy, people.' },
    ],
    bridges: [
      { platform: 'bluesky', username: 'priyaraman', displayName: 'Priya Raman', lang: 'hi', also: 'en', bridgeTo: 'global-policy-hub', bio: 'Global health policy. Delhi and Geneva. HI/EN.' },
    ],
    orgs: ['आशा साथी मंच|asha_saathi', 'स्वच्छ जल अभियान|swachh_jal', 'Health Data Collective India', 'गाँव स्वास्थ्य समिति|gaon_swasthya', 'Heat Action Network'],
  },
  {
    id: 'german-development',
    name: 'German development policy',
    volume: 0.07,
    utcOffset: 1,
    langs: { de: 0.86, en: 0.14 },
    topics: { aid: 0.45, climate: 0.25, refugees: 0.2, health: 0.1 },
    channels: { mastodon: 0.6, bluesky: 0.2, feed: 0.14, reddit: 0.06 },
    instance: 'global.social.example',
    subreddits: ['de', 'germany'],
    places: {
      default: ['Berlin', 'Hamburg', 'Leipzig', 'Köln', 'Somalia', 'Malawi', 'Mosambik', 'Bangladesch'],
      en: ['Berlin', 'Hamburg', 'Leipzig', 'Cologne', 'Somalia', 'Malawi', 'Mozambique', 'Bangladesh'],
    },
    tags: ['EZ', 'Bundestag', 'Bundeshaushalt'],
    influencers: [
      { platform: 'mastodon', username: 'ez_debatte', displayName: 'EZ-Debatte', lang: 'de', bio: 'Nachrichten und Analysen zur Entwicklungszusammenarbeit.' },
      { platform: 'bluesky', username: 'katrinvogel', displayName: 'Katrin Vogel', lang: 'de', also: 'en', bio: 'Entwicklungsökonomin. Haushalt, ODA, Klimafinanzierung.' },
      { platform: 'mastodon', username: 'hilfe_global', displayName: 'Hilfe Global e.V.', lang: 'de', bio: 'Humanitäre Hilfe und Advocacy aus Berlin.' },
    ],
    bridges: [
      { platform: 'mastodon', username: 'jonasweber', displayName: 'Jonas Weber', lang: 'de', also: 'en', bridgeTo: 'global-policy-hub', bio: 'Aid transparency. Berlin. DE/EN.' },
    ],
    orgs: ['Bündnis Entwicklung Jetzt', 'Initiative Faire Finanzen', 'Medizin ohne Grenzen Verein', 'Netzwerk Flucht und Hilfe', 'Klimabündnis Süd'],
  },
  {
    id: 'japan-humanitarian',
    name: 'Japanese humanitarian and disaster relief network',
    volume: 0.06,
    utcOffset: 9,
    langs: { ja: 0.88, en: 0.12 },
    topics: { refugees: 0.3, aid: 0.25, health: 0.15, climate: 0.15, food: 0.15 },
    // Reddit is little used in Japan: the conversation is on Mastodon, Bluesky and the news.
    channels: { mastodon: 0.5, bluesky: 0.36, feed: 0.14, reddit: 0 },
    instance: 'asia.social.example',
    subreddits: [],
    // Disaster areas at home and the crises abroad that Japanese NGOs work on.
    places: {
      ja: ['能登', '輪島', '熊本', 'コックスバザール', 'ダッカ', 'マニラ', 'タクロバン', 'ヤンゴン', 'カトマンズ', 'スバ'],
      default: ['Noto', 'Wajima', 'Kumamoto', 'Cox’s Bazar', 'Dhaka', 'Manila', 'Tacloban', 'Yangon', 'Kathmandu', 'Suva'],
    },
    tags: ['国際協力', '防災', 'アジア'],
    influencers: [
      { platform: 'mastodon', username: 'tsunagu_relief', displayName: 'つなぐ人道支援ネット', lang: 'ja', bio: '国内外の災害・紛争の被災者を支えるNGOのネットワーク。現地の声と速報を届けます。' },
      { platform: 'bluesky', username: 'misakiokada', displayName: '岡田美咲 | Misaki Okada', lang: 'ja', also: 'en', bio: '国際保健の研究者。母子保健と感染症を追っています。発言は個人の見解です。' },
      { platform: 'mastodon', username: 'kikoshikin_watch', displayName: '気候資金ウォッチ', lang: 'ja', bio: '気候資金の約束が実際の事業になるまでを追いかけています。' },
      { platform: 'bluesky', username: 'nanmin_forum', displayName: '難民支援フォーラム', lang: 'ja', bio: '日本とアジアの難民・避難民の権利を守るための情報発信。' },
    ],
    bridges: [
      { platform: 'mastodon', username: 'kenjitakeda', displayName: '竹田健二 Kenji Takeda', lang: 'ja', also: 'en', bridgeTo: 'global-policy-hub', bio: 'Humanitarian finance, Tokyo and Geneva. 人道支援と資金の流れ。JA/EN.' },
    ],
    orgs: ['ひまわり災害支援センター|himawari_relief', 'アジア子ども保健基金|asia_kodomo', '難民とともに歩む会|nanmin_tomoni', '食とくらしの未来ネット|shoku_mirai', '気候と公正を考える会|kiko_kosei'],
  },
]

/** The accounts that drive the cholera spike, on top of the community's influencers. */
export const SPIKE_DRIVERS: { platform: 'mastodon' | 'bluesky', username: string, displayName: string, bio: string }[] = [
  { platform: 'mastodon', username: 'maji_salama', displayName: 'Maji Salama Initiative', bio: 'Maji safi, usafi na afya kwa kila kaya.' },
  { platform: 'bluesky', username: 'kisumuhealthwatch', displayName: 'Kisumu Health Watch', bio: 'Ufuatiliaji wa afya ya jamii, Kisumu na Ziwa Victoria.' },
]
