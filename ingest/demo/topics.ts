import { PALETTE } from '../../shared/palette'

// The topics an NGO communications team would set up to follow the demo conversation, one
// Brandwatch-style query per language. They are written from the vocabulary of each language's
// text pack (text/<lang>.ts) the way an analyst works from a sample of posts: stems with
// wildcards, the set phrases of the sector, the campaign hashtags. Their precision and recall
// against the generator's ground truth are measured in tests/unit/ingest/demo/topics.test.ts.
//
// Each pack has a few organisations that are cited in posts on any topic ("the food security
// cluster", "la red de promotoras de salud", "wahudumu wa afya ya jamii"), so the sector words in
// their names are left out or fenced with NOT, as an analyst does once the citations show up in
// a topic's sample. Region and country tags that communities add to every
// post (#Sahel, #COP30, #Amazônia, #EZ, #国際協力) are left out for the same reason.
//
// Japanese terms need neither quotes nor wildcards: a term the segmenter cuts into several words
// is matched against the post's adjacent words joined, on its word boundaries, so 援助 finds
// 政府開発援助 (政府|開発|援助) but 避難 does not find 避難所, which is one word and listed apart.

export interface DemoTopic {
  name: string
  color: string
  description: string
  queries: { lang: string, query: string }[]
}

/** Terms joined by OR, as an analyst types a long list of alternatives. */
function anyOf(...terms: string[]): string {
  return terms.join(' OR ')
}

export const DEMO_TOPICS: readonly DemoTopic[] = [
  {
    name: 'Refugees & displacement',
    color: PALETTE[0],
    description: 'People forced from their homes, the camps and towns that receive them and the funding of the refugee response.',
    queries: [
      { lang: 'en', query: anyOf('refugee*', 'displace*', 'asylum', '"reception centre*"', '"new arrivals"', 'newcomers', '"host communities"', 'registration', '"work permit"', '#WithRefugees', '#ForcedMigration') },
      { lang: 'fr', query: anyOf('réfugi*', 'déplac*', 'accueil*', '"nouveaux arrivants"', '"communautés hôtes"', 'enregistr*', '"permis de travail"', '#migrations') },
      { lang: 'es', query: anyOf('refugiad*', 'migrante*', 'migrar', 'desplaza*', 'albergue*', 'acogida', '"nuevas llegadas"', 'regulariz*', '"permiso de trabajo"', '"respuesta humanitaria"', '#MigrarNoEsDelito') },
      { lang: 'pt', query: anyOf('refugi*', 'refúgio', 'migrante*', 'migração', 'desloca*', 'abrigo*', 'acolh*', 'interiorização', '"resposta humanitária"', '#RefúgioÉDireito') },
      { lang: 'ar', query: `(${anyOf('لاجئ*', 'اللاجئ*', 'للاجئ*', 'نازح*', 'النازح*', 'النزوح', 'وافد', 'الوافد*', '"مراكز الاستقبال"', '"مركز استقبال"', 'المضيفة', 'الخيام', '"تصريح عمل"', '#حق_اللجوء')}) NOT "الصحة النفسية"` },
      { lang: 'sw', query: anyOf('wakimbi*', 'mkimbizi', 'ukimbizi', 'mapokezi', 'makazi', 'kambi*', '#Kakuma', '#Dadaab') },
      { lang: 'hi', query: anyOf('विस्थापि*', 'विस्थापन', 'शिविर*', 'राहत', 'बाढ़', 'पलायन', 'मुआवज़*', 'बेघर', '#शरणार्थी') },
      { lang: 'de', query: anyOf('geflüchtet*', 'flucht*', 'asyl*', 'erstaufnahme', 'unterbringung', 'integration', 'sprachkurse', 'arbeitserlaubnis') },
      { lang: 'ja', query: anyOf('難民', '避難', '避難民', '避難者', '避難所', '避難生活', '受け入れ', '#難民支援') },
    ],
  },
  {
    name: 'Climate finance',
    color: PALETTE[1],
    description: 'Money for adaptation and for loss and damage: pledges, loans, disbursements and who decides how it is spent.',
    queries: [
      { lang: 'en', query: anyOf('"climate finance"', 'adaptation', '"loss and damage"', '"flood defences"', 'disbursement*', 'pledge*', '"climate justice"', '#ClimateFinance', '#LossAndDamage', '#ClimateJustice') },
      { lang: 'fr', query: anyOf('"finance climat"', '"financement climatique"', 'adaptation', '"pertes et dommages"', 'décaissement*', 'digues', '"engagements climatiques"', '#FinanceClimat', '#PertesEtDommages', '#JusticeClimatique') },
      { lang: 'es', query: anyOf('"financiamiento climático"', 'adaptación', '"pérdidas y daños"', 'préstamos', '"bonos verdes"', '"deuda externa"', 'desembols*', '"canje de deuda"', '#FinanciamientoClimático', '#PérdidasYDaños', '#JusticiaClimática', '#DeudaPorClima') },
      { lang: 'pt', query: anyOf('"financiamento climático"', 'adaptação', '"Fundo Amazônia"', 'desmatamento', 'empréstimo*', 'desembols*', 'floresta', '"áreas degradadas"', '"seca histórica"', 'negociações', '#FinanciamentoClimático', '#JustiçaClimática') },
      { lang: 'ar', query: anyOf('المناخي', 'مناخي', 'التكيف', '"الخسائر والأضرار"', 'قروض*', 'القروض', 'مدفوعات', 'الاستشاريين', '"موجات الحر"', '#تمويل_المناخ', '#العدالة_المناخية', '#التغير_المناخي', '#الخسائر_والأضرار') },
      { lang: 'sw', query: anyOf('"fedha za tabianchi"', '"mabadiliko ya tabianchi"', '"hasara na uharibifu"', 'mikopo', 'ahadi', 'malipo', 'washauri', 'mafuriko', '(wafugaji NOT mifugo)', '#FedhaZaTabianchi', '#MabadilikoYaTabianchi', '#HakiYaTabianchi') },
      { lang: 'hi', query: anyOf('"जलवायु वित्त"', 'अनुकूलन', '"लू से"', 'भुगतान', 'वादे', '"नुक़सान और क्षति"', '#जलवायु_वित्त', '#जलवायु_परिवर्तन', '#जलवायु_न्याय', '#लू') },
      { lang: 'de', query: anyOf('klimafinanz*', 'klimaanpassung', 'anpassung', '"Verluste und Schäden"', 'Kredite', 'Auszahlung*', 'Zusagen', 'Klimazusagen', 'Katastrophenhilfe', '#Klimafinanzierung', '#Klimagerechtigkeit', '#LossAndDamage', '#Klimakrise') },
      { lang: 'ja', query: anyOf('気候資金', '適応', '適応資金', '損失と損害', '融資', '円借款', '堤防', '約束', '交渉', '気候変動', '気候正義') },
    ],
  },
  {
    name: 'Aid cuts',
    color: PALETTE[2],
    description: 'Official development assistance and humanitarian budgets: cuts, frozen funding and what they mean for programmes.',
    queries: [
      { lang: 'en', query: anyOf('"aid cut*"', '"cutting aid"', '"cut aid"', '"aid budget*"', '"aid freeze"', '"development assistance"', '"development aid"', '"development budget"', '"humanitarian aid"', '"humanitarian appeal*"', '"where aid goes"', '"local partners"', '(funding NEAR/3 renewed)', 'donor*', 'ODA', '#ForeignAid', '#AidCuts', '#Humanitarian') },
      { lang: 'fr', query: anyOf('aide', '"appel* humanitaire*"', 'coupes', 'bailleurs', '"partenaires locaux"', '"programmes ferment"', '(financements NEAR/4 renouvel*)', 'APD', '#AideAuDéveloppement', '#Humanitaire', '#Solidarité') },
      { lang: 'es', query: anyOf('ayuda', 'recort*', 'cooperación', 'llamamiento*', 'donantes', '(financiación NEAR/4 renueva)', 'AOD', '#Cooperación', '#AyudaHumanitaria', '#RecortesNo') },
      { lang: 'pt', query: anyOf('ajuda', 'cooperação', 'cortes', 'corta', 'cortam', 'cortar', 'apelo*', 'doador*', '(financiamento NEAR/4 renovado)', 'APD', '#AjudaHumanitária', '#Cooperação', '#CortesNaAjuda') },
      { lang: 'ar', query: anyOf('((المساعدات OR للمساعدات OR مساعدات) NOT الغذائية)', 'تخفيضات', 'التخفيضات', 'الميزانية', 'ميزانية', 'ميزانيات', 'النداء', 'النداءات', 'المانحون', '"الشركاء المحليون"', '(التمويل NEAR/1 يجدد)', '#المساعدات_الإنسانية', '#العمل_الإنساني', '#تخفيضات_المساعدات', '#التنمية') },
      { lang: 'sw', query: anyOf('misaada', 'wafadhili', 'bajeti', '(programu NEAR/4 (zitafungwa OR zafungwa))', '"kupoteza fedha"', '#Misaada', '#MisaadaYaKibinadamu', '#Maendeleo') },
      { lang: 'hi', query: anyOf('सहायता', 'फ़ंडिंग', 'कटौती', 'दानदाता', '"मानवीय अपील*"', '#विदेशी_सहायता', '#मानवीय_सहायता', '#विकास', '#बजट') },
      { lang: 'de', query: anyOf('(Entwicklungszusammenarbeit NOT Fluchtursachen)', 'Entwicklungsetat', 'Entwicklungshilfe', 'Entwicklungsministerium*', 'Kürzungen', '"humanitäre Hilfe"', 'Hilfsaufrufe', 'Haushaltsausschuss', 'ODA', '"lokale Partner"', '(Finanzierung NEAR/3 verlängert)', '"0,7-Prozent-Ziel"', '#Haushalt', '#HumanitäreHilfe') },
      { lang: 'ja', query: anyOf('援助', 'ODA', '政府開発援助', '人道支援', '援助削減', '現地パートナー', 'アピール') },
    ],
  },
  {
    name: 'Health & cholera',
    color: PALETTE[3],
    description: 'Vaccination, medicines, health workers and outbreaks, with the cholera outbreak around Kisumu (#Kipindupindu).',
    queries: [
      { lang: '*', query: anyOf('kipindupindu', 'cholera*', '#MajiSafi', '#AfyaKwaWote') },
      { lang: 'en', query: anyOf('vaccin*', 'measles', 'malaria', 'clinic*', 'medicine*', 'maternal', 'midwi*', 'hospital*', '"health worker*"', '"primary health"', '"health coverage"', '"global health"', 'outbreak*', 'prevention', '"wash your hands"', '#GlobalHealth', '#UHC', '#Vaccines', '#HealthForAll', '#WASH') },
      { lang: 'fr', query: anyOf('vaccin*', 'rougeole', 'paludisme', 'médicament*', '"mortalité maternelle"', 'sages-femmes', 'soignants', '"soins de santé"', '"couverture santé"', '"santé mondiale"', '("agents de santé" NOT "réseau des agents")', '#SantéMondiale', '#Vaccination', '#SantéPourTous') },
      { lang: 'es', query: anyOf('vacun*', 'dengue', 'medicamento*', '"mortalidad materna"', 'parteras', 'urgencias', '"atención primaria"', '"personal de salud"', '"cobertura universal"', '"salud global"', '("promotoras de salud" NOT "red de promotoras")', '#SaludGlobal', '#SaludParaTodos') },
      { lang: 'pt', query: anyOf('vacina*', 'dengue', 'remédio*', '"mortalidade materna"', 'parteiras', 'fumaça', 'queimadas', '"saúde pública"', '"profissionais de saúde"', '"atenção primária"', '"saúde global"', '("agentes comunitários" NOT "rede de agentes")', '#SaúdeGlobal', '#SUS', '#Vacinação') },
      { lang: 'ar', query: anyOf('اللقاحات', 'باللقاحات', 'التطعيم', 'الحصبة', 'بالحصبة', '(("العاملون الصحيون" OR "العاملين الصحيين") NOT ("بحسب العاملين" OR "تحذيرات العاملين"))', 'الأدوية', 'أدوية', '"المراكز الصحية"', '"وفيات الأمهات"', 'القابلات', 'قابلات', 'السكري', '"الرعاية الصحية"', '"القطاع الصحي"', '"التغطية الصحية"', '"الصحة العالمية"', '"الصحة النفسية"', '#الصحة_العالمية', '#الصحة_للجميع', '#الصحة_النفسية') },
      { lang: 'sw', query: anyOf('chanjo', 'surua', 'malaria', 'dawa', 'hospitali', 'wakunga', 'wajawazito', 'mishahara', 'kinga', '"afya ya msingi"', '"afya kwa wote"', '("wahudumu wa afya" NOT "mujibu wa wahudumu")', 'mlipuko', 'kuharisha', 'chemsha', '#Chanjo', '#AfyaYaJamii') },
      { lang: 'hi', query: anyOf('टीकाकरण', 'खसर*', 'डेंगू', 'दवाइ*', '"मातृ मृत्यु"', 'दाइयों', 'हीटस्ट्रोक', 'अस्पताल*', '("आशा कार्यकर्ता*" NOT ("आशा कार्यकर्ताओं के अनुसार" OR "आशा कार्यकर्ताओं ने"))', '"स्वास्थ्य सेवा"', '"स्वास्थ्य सेवाओं"', '"स्वास्थ्य केंद्रों"', '"सबके लिए स्वास्थ्य"', 'रोकथाम', 'महामारी', '#सार्वजनिक_स्वास्थ्य', '#स्वास्थ्य', '#आशा_कार्यकर्ता') },
      { lang: 'de', query: anyOf('impf*', 'Medikament*', 'Gemeindegesundheit*', 'Gesundheitsfinanzierung', 'Müttersterblichkeit', 'Hebamme*', '"globale Gesundheit"', 'Pflegekräfte', 'Prävention', 'Gesundheitszentren', 'Gesundheitsprogramm*', 'Epidemie', '#GlobaleGesundheit', '#GesundheitFürAlle', '#WHO') },
      { lang: 'ja', query: anyOf('予防接種', 'ワクチン', 'はしか', '麻疹', '医薬品', '診療所', '助産師', '妊産婦', '病院', '保健ボランティア', '医療', 'ヘルスケア', 'グローバルヘルス', 'ユニバーサル・ヘルス・カバレッジ', '感染症', '予防', '#UHC', '#母子保健') },
    ],
  },
  {
    name: 'Food security',
    color: PALETTE[4],
    description: 'Hunger and food prices, harvests and rains, school meals and support to smallholder farmers.',
    queries: [
      { lang: 'en', query: anyOf('("food security" NOT "food security cluster")', '"food insecurity"', '"food price*"', '"staple food*"', '"lean season"', '"school meal*"', 'rainfall', 'harvest*', 'grain', 'hunger', 'smallholder*', 'famine', '"early warning"', '#FoodSecurity', '#ZeroHunger', '#Nutrition') },
      { lang: 'fr', query: anyOf('"insécurité alimentaire"', '"de sécurité alimentaire"', '"prix alimentaires"', 'céréales', 'soudure', 'cantine*', 'pluies', 'récolte*', '"stocks de mil"', 'faim', '"petits producteurs"', '"alerte précoce"', 'famine', '#SécuritéAlimentaire', '#Nutrition') },
      { lang: 'es', query: anyOf('"inseguridad alimentaria"', '"seguridad alimentaria"', '"crisis alimentaria"', 'alimentos', 'sequía', 'cosecha*', 'comedor*', 'lluvias', 'hambre', '"agricultura familiar"', '"alerta temprana"', '"canasta básica"', '#SeguridadAlimentaria', '#HambreCero', '#AgriculturaFamiliar') },
      { lang: 'pt', query: anyOf('"insegurança alimentar"', '"segurança alimentar"', 'alimentos', '"preço da comida"', 'arroz', 'feijão', 'safra', 'merenda', 'chuvas', 'fome', '"agricultura familiar"', '"alerta precoce"', '#FomeZero', '#SegurançaAlimentar', '#AgriculturaFamiliar', '#Seca') },
      { lang: 'ar', query: anyOf('انعدام*', 'الغذائية', '("الأمن الغذائي" NOT "قطاع الأمن الغذائي")', 'الغذاء', '"الوجبات المدرسية"', 'الأمطار', 'المحاصيل', 'الجوع', '"صغار المزارعين"', 'المجاعة', '"الإنذار المبكر"', 'حصاد', '#الأمن_الغذائي', '#التغذية') },
      { lang: 'sw', query: anyOf('chakula', 'unga', 'mahindi', 'mavuno', 'mifugo', 'njaa', '"wakulima wadogo"', 'masoko', '#UsalamaWaChakula', '#Lishe') },
      { lang: 'hi', query: anyOf('"खाद्य असुरक्षा"', '"खाद्य सुरक्षा"', 'दाल', 'आटे', '"मिड-डे मील"', 'बारिश', 'मानसून', 'फ़सल*', 'भूख', 'भुखमरी', '"छोटे किसानों"', '"खाने की चीज़ें"', '#खाद्य_सुरक्षा', '#पोषण', '#किसान') },
      { lang: 'de', query: anyOf('Hunger*', 'Ernährungssicherheit', 'Grundnahrungsmittel', 'Lebensmittelpreise', 'Schulmahlzeiten', 'Regen', 'Dürre', 'Ernte*', 'Kleinbäuerlich*', 'Frühwarnung', '#Welternährung', '#Landwirtschaft') },
      { lang: 'ja', query: anyOf('食料不安', '食料安全保障', '食料価格', '主食', '端境期', '学校給食', '降水量', '収穫', '穀物', '飢餓', '飢饉', '小規模農家', '早期警報', 'コメ', '食事', '食べもの', '#栄養', '#ゼロハンガー') },
    ],
  },
]
