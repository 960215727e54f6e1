import type { Channel, ContentStatus } from '../../shared/calendar'
import { instantOf, shiftLocal } from '../../shared/zoned-time'
import { demoFacts } from '../../ingest/demo'
import type { Db } from '../db'
import { recordAudit } from '../db/repositories/audit'
import { insertContentItem, replaceChannels, replaceInfluencers, saveVersion } from '../db/repositories/content-items'

// A few content items so the demo's calendar is not empty: planned the way the demo team would
// have planned them, on days counted from the corpus's last day, so the same corpus always gets
// the same plan. Some of what the corpus shows rising is left unplanned on purpose: the gap
// hints have something to say.

interface DemoItem {
  title: string
  brief: string
  owner: 'editor' | 'analyst' | 'admin'
  /** Days after the corpus's last day, and the local time, in the item's zone. */
  day: number
  time: string
  timeZone: string
  topic: string
  /** A community of the demo corpus, by id: its name is the item's community label and its key accounts the influencers. */
  community: string | null
  channels: Channel[]
  /** A version in review, scheduled or published has its text; earlier ones may not yet. */
  versions: { lang: string, title: string, status: ContentStatus, assignee: 'editor' | 'analyst' | null, body?: string }[]
}

const DEMO_ITEMS: readonly DemoItem[] = [
  {
    title: 'What the aid budget vote means for our programmes',
    brief: 'Explain the committee’s cuts in plain words, with the three programmes they put at risk.',
    owner: 'editor', day: -9, time: '10:00', timeZone: 'Europe/Brussels', topic: 'Aid cuts', community: 'global-policy-hub',
    channels: ['website', 'newsletter', 'mastodon'],
    versions: [
      { lang: 'en', title: 'What the aid budget vote means', status: 'published', assignee: 'editor',
        body: 'Parliament’s budget committee has cut next year’s development aid. Three of our programmes depend on it: clean water in Kisumu, school meals in Mopti and cash transfers to displaced families. Here is what changes for each, and what we ask for before the final vote.' },
      { lang: 'fr', title: 'Ce que change le vote sur le budget de l’aide', status: 'published', assignee: 'editor',
        body: 'La commission du budget du Parlement a réduit l’aide au développement de l’an prochain. Trois de nos programmes en dépendent : l’eau potable à Kisumu, les repas scolaires à Mopti et les transferts monétaires aux familles déplacées. Voici ce qui change pour chacun, et ce que nous demandons avant le vote final.' },
      { lang: 'de', title: 'Was der Haushaltsbeschluss zur Entwicklungshilfe bedeutet', status: 'published', assignee: 'analyst',
        body: 'Der Haushaltsausschuss des Parlaments hat die Entwicklungshilfe für das kommende Jahr gekürzt. Drei unserer Programme hängen davon ab: sauberes Wasser in Kisumu, Schulmahlzeiten in Mopti und Bargeldhilfen für vertriebene Familien. Hier steht, was sich für jedes ändert und was wir vor der Schlussabstimmung fordern.' },
    ],
  },
  {
    title: 'Displacement figures of the quarter, explained',
    brief: 'The new figures in three charts; the Arabic version waits for the regional team’s review.',
    owner: 'editor', day: -3, time: '11:00', timeZone: 'Europe/Paris', topic: 'Refugees & displacement', community: null,
    channels: ['website', 'mastodon', 'bluesky'],
    versions: [
      { lang: 'en', title: 'Displacement figures of the quarter, explained', status: 'published', assignee: 'editor',
        body: 'More people were forced from their homes this quarter than in any quarter of last year. We explain where the figures come from, what they leave out, and how our teams count the families they meet.' },
      { lang: 'es', title: 'Las cifras de desplazamiento del trimestre, explicadas', status: 'published', assignee: 'editor',
        body: 'Este trimestre más personas se vieron obligadas a dejar sus hogares que en cualquier trimestre del año pasado. Explicamos de dónde vienen las cifras, qué dejan fuera y cómo cuentan nuestros equipos a las familias que encuentran.' },
      { lang: 'ar', title: 'أرقام النزوح لهذا الربع، بالتفصيل', status: 'translating', assignee: 'analyst' },
    ],
  },
  {
    title: 'Cholera: how to keep water safe at home',
    brief: 'Practical prevention guide following the outbreak; check the figures with the health team before it goes out.',
    owner: 'editor', day: 3, time: '09:00', timeZone: 'Africa/Nairobi', topic: 'Health & cholera', community: 'east-africa-health',
    channels: ['mastodon', 'bluesky', 'website'],
    versions: [
      { lang: 'en', title: 'Cholera: keeping water safe at home', status: 'scheduled', assignee: 'editor',
        body: 'Boil drinking water for at least one minute, or treat it with chlorine tablets, and keep it in a clean, covered container. Wash your hands with soap before cooking and after using the latrine.' },
      { lang: 'sw', title: 'Kipindupindu: jinsi ya kuweka maji salama nyumbani', status: 'translating', assignee: 'analyst' },
      { lang: 'fr', title: 'Choléra : garder l’eau potable à la maison', status: 'review', assignee: 'editor',
        body: 'Faites bouillir l’eau de boisson au moins une minute, ou traitez-la avec des pastilles de chlore, et gardez-la dans un récipient propre et couvert. Lavez-vous les mains au savon avant de cuisiner et après être allé aux latrines.' },
    ],
  },
  {
    title: 'Climate finance: where the adaptation money went',
    brief: 'A thread with the disbursement figures, and a longer piece for the site.',
    owner: 'analyst', day: 8, time: '14:00', timeZone: 'America/Sao_Paulo', topic: 'Climate finance', community: 'brazil-climate',
    channels: ['bluesky', 'website'],
    versions: [
      { lang: 'pt', title: 'Financiamento climático: para onde foi o dinheiro da adaptação', status: 'drafting', assignee: 'analyst' },
      { lang: 'es', title: 'Financiamiento climático: adónde fue el dinero de adaptación', status: 'idea', assignee: null },
    ],
  },
  {
    title: 'Monthly newsletter',
    brief: 'The month in review: displacement figures, the cholera response, and what comes next.',
    owner: 'admin', day: 12, time: '08:30', timeZone: 'Europe/Paris', topic: 'Refugees & displacement', community: null,
    channels: ['newsletter'],
    versions: [
      { lang: 'en', title: 'Monthly newsletter', status: 'drafting', assignee: 'editor' },
      { lang: 'fr', title: 'Lettre d’information mensuelle', status: 'idea', assignee: 'editor' },
      { lang: 'ar', title: 'النشرة الإخبارية الشهرية', status: 'idea', assignee: null },
    ],
  },
  {
    title: 'Food security: voices from the Sahel',
    brief: 'Interviews gathered by partners; ask for consent forms before publishing names.',
    owner: 'editor', day: 20, time: '11:00', timeZone: 'Africa/Dakar', topic: 'Food security', community: 'sahel-humanitarian',
    channels: ['website', 'video'],
    versions: [
      { lang: 'fr', title: 'Sécurité alimentaire : paroles du Sahel', status: 'idea', assignee: 'editor' },
    ],
  },
]

const DEMO_ACTOR = { id: null, label: 'demo' }

/** Seeds the demo plan once (an instance that has any content item is left alone); returns how many items it added. */
export async function seedDemoCalendar(db: Db, corpusEnd: Date, now: Date): Promise<number> {
  if (await db.selectFrom('contentItems').select('id').limit(1).executeTakeFirst()) return 0
  // The demo's accounts hold one role each: the first active account of a role stands for it.
  const users = new Map<string, number>()
  for (const user of await db.selectFrom('users').select(['id', 'role']).where('disabledAt', 'is', null).orderBy('id').execute()) {
    if (!users.has(user.role)) users.set(user.role, user.id)
  }
  const userId = (role: string) => users.get(role) ?? null
  const topics = new Map((await db.selectFrom('topics').select(['id', 'name']).execute()).map((topic) => [topic.name, topic.id]))
  const communities = new Map(demoFacts().communities.map((community) => [community.id, community]))
  // The corpus's last complete day (UTC): every item's local date is counted from it.
  const lastDay = new Date(corpusEnd.getTime() - 86_400_000).toISOString().slice(0, 10)

  return db.transaction().execute(async (trx) => {
    let added = 0
    for (const item of DEMO_ITEMS) {
      const ownerId = userId(item.owner)
      if (ownerId === null) continue
      const local = shiftLocal(`${lastDay}T${item.time}`, { days: item.day })
      const community = item.community ? communities.get(item.community) ?? null : null
      const handles = (community?.influencers ?? []).flatMap((account) => [account.handle, `@${account.handle}`])
      const influencers = handles.length
        ? await trx.selectFrom('authors').select('id').where('handle', 'in', handles).orderBy('id').execute()
        : []
      const id = await insertContentItem(trx, {
        title: item.title, brief: item.brief, ownerId, publishAt: instantOf(local, item.timeZone), timeZone: item.timeZone,
        topicId: topics.get(item.topic) ?? null, community: community?.name ?? null,
      }, ownerId, now)
      await replaceChannels(trx, id, item.channels)
      await replaceInfluencers(trx, id, influencers.map((author) => author.id))
      for (const version of item.versions) {
        await saveVersion(trx, id, { lang: version.lang, title: version.title, body: version.body ?? '', status: version.status, assigneeId: version.assignee ? userId(version.assignee) : null }, now)
      }
      await recordAudit(trx, DEMO_ACTOR, { action: 'content.create', targetType: 'contentItem', targetId: id, details: { title: item.title, demo: true } }, now)
      added++
    }
    return added
  })
}
