import type { Lang, Outlet } from '../model'

// Invented news outlets, a few per community, each with its own URL scheme: the same article
// then turns up on social media with and without tracking parameters, which is what
// canonical-URL matching has to see through.

export type OutletSpec = Omit<Outlet, 'community' | 'journalists'> & { communityId: string, bylines: number }

export const OUTLETS: OutletSpec[] = [
  { id: 'globalledger', name: 'The Global Ledger', domain: 'globalledger.example', lang: 'en', communityId: 'global-policy-hub', utcOffset: 0, urlStyle: 'dated', description: 'Development, aid and climate finance, explained.', cdata: false, bylines: 5 },
  { id: 'devdispatch', name: 'Development Dispatch', domain: 'devdispatch.example', lang: 'en', communityId: 'global-policy-hub', utcOffset: -5, urlStyle: 'numbered', description: 'News for people who work in international development.', cdata: true, bylines: 4 },
  { id: 'reliefweekly', name: 'Relief Weekly', domain: 'reliefweekly.example', lang: 'en', communityId: 'global-policy-hub', utcOffset: 1, urlStyle: 'html', description: 'Humanitarian news and analysis.', cdata: false, bylines: 3 },
  { id: 'courrierdusahel', name: 'Le Courrier du Sahel', domain: 'courrierdusahel.example', lang: 'fr', communityId: 'sahel-humanitarian', utcOffset: 0, urlStyle: 'dated', description: 'L’actualité du Sahel au quotidien.', cdata: true, bylines: 4 },
  { id: 'horizonafrique', name: 'Horizon Afrique', domain: 'horizonafrique.example', lang: 'fr', communityId: 'sahel-humanitarian', utcOffset: 1, urlStyle: 'html', description: 'Société, santé et développement en Afrique de l’Ouest.', cdata: false, bylines: 3 },
  { id: 'almanara', name: 'المنارة نيوز', domain: 'almanara.example', lang: 'ar', communityId: 'arab-refugee-support', utcOffset: 3, urlStyle: 'numbered', description: 'أخبار اللجوء والإغاثة في المنطقة.', cdata: false, bylines: 4 },
  { id: 'alofoq', name: 'الأفق اليوم', domain: 'alofoq.example', lang: 'ar', communityId: 'arab-refugee-support', utcOffset: 2, urlStyle: 'numbered', description: 'تقارير وتحقيقات من الميدان.', cdata: true, bylines: 3 },
  { id: 'observadorclimatico', name: 'El Observador Climático', domain: 'observadorclimatico.example', lang: 'es', communityId: 'latam-climate-finance', utcOffset: -5, urlStyle: 'dated', description: 'Periodismo sobre clima y finanzas en América Latina.', cdata: false, bylines: 4 },
  { id: 'diarioandino', name: 'Diario Andino', domain: 'diarioandino.example', lang: 'es', communityId: 'latam-climate-finance', utcOffset: -5, urlStyle: 'html', description: 'Noticias de la región andina.', cdata: true, bylines: 3 },
  { id: 'habariafya', name: 'Habari Afya', domain: 'habariafya.example', lang: 'sw', communityId: 'east-africa-health', utcOffset: 3, urlStyle: 'dated', description: 'Habari za afya Afrika Mashariki.', cdata: false, bylines: 3 },
  { id: 'mwangazaleo', name: 'Mwangaza Leo', domain: 'mwangazaleo.example', lang: 'sw', communityId: 'east-africa-health', utcOffset: 3, urlStyle: 'numbered', description: 'Habari, uchambuzi na maoni.', cdata: true, bylines: 3 },
  { id: 'folhaverde', name: 'Folha Verde', domain: 'folhaverde.example', lang: 'pt', communityId: 'brazil-climate', utcOffset: -3, urlStyle: 'dated', description: 'Jornalismo de clima e meio ambiente.', cdata: false, bylines: 4 },
  { id: 'jornaldaamazonia', name: 'Jornal da Amazônia', domain: 'jornaldaamazonia.example', lang: 'pt', communityId: 'brazil-climate', utcOffset: -4, urlStyle: 'html', description: 'Notícias da Amazônia para o Brasil.', cdata: true, bylines: 3 },
  { id: 'janswasthya', name: 'जन स्वास्थ्य समाचार', domain: 'janswasthya.example', lang: 'hi', communityId: 'india-public-health', utcOffset: 5.5, urlStyle: 'numbered', description: 'स्वास्थ्य, पोषण और पर्यावरण की ख़बरें।', cdata: false, bylines: 4 },
  { id: 'bharatdarpan', name: 'भारत दर्पण', domain: 'bharatdarpan.example', lang: 'hi', communityId: 'india-public-health', utcOffset: 5.5, urlStyle: 'html', description: 'देश-दुनिया, गाँव और शहर की ख़बरें।', cdata: true, bylines: 3 },
  { id: 'healthledgerindia', name: 'Health Ledger India', domain: 'healthledgerindia.example', lang: 'en', communityId: 'india-public-health', utcOffset: 5.5, urlStyle: 'dated', description: 'Public health reporting from India.', cdata: true, bylines: 3 },
  { id: 'ezheute', name: 'Entwicklungspolitik Heute', domain: 'ez-heute.example', lang: 'de', communityId: 'german-development', utcOffset: 1, urlStyle: 'dated', description: 'Nachrichten zur Entwicklungszusammenarbeit.', cdata: false, bylines: 3 },
  { id: 'rundschauglobal', name: 'Rundschau Global', domain: 'rundschau-global.example', lang: 'de', communityId: 'german-development', utcOffset: 1, urlStyle: 'html', description: 'Weltpolitik, Klima und Entwicklung.', cdata: true, bylines: 3 },
  { id: 'kyoryokushimpo', name: '国際協力新報', domain: 'kyoryoku-shimpo.example', lang: 'ja', communityId: 'japan-humanitarian', utcOffset: 9, urlStyle: 'numbered', description: '国際協力と人道支援のニュースを毎日お届けします。', cdata: false, bylines: 3 },
  { id: 'ajiamirai', name: 'アジアみらい通信', domain: 'ajia-mirai.example', lang: 'ja', communityId: 'japan-humanitarian', utcOffset: 9, urlStyle: 'html', description: 'アジア太平洋の防災、気候、保健の現場から。', cdata: true, bylines: 3 },
]

/** Language of each outlet's bylines (Indian English outlets still have Hindi-speaking reporters). */
export function bylineLang(spec: OutletSpec): Lang {
  return spec.id === 'healthledgerindia' ? 'hi' : spec.lang
}
