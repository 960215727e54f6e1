import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BatchWriter } from '../../../ingest/pipeline'
import { Tagger } from '../../../ingest/nlp/tagger'
import { watchSpikes } from '../../../server/alerts/watch'
import { webhookClient } from '../../../server/alerts/webhook'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import { startRun } from '../../../server/db/repositories/ingest'
import { createTopics } from '../../../server/db/repositories/topics'
import type { SqliteHandle } from '../../../server/db/sqlite'
import type { NormalisedPost } from '../../../ingest/types'
import { type ReplayServer, startReplayServer } from '../../support/replay-server'
import { aPost, anAuthor } from '../ingest/builders'
import { alertConfig, emailSettings } from './builders'
import { startSmtpServer, type TestSmtpServer } from './smtp-server'

// From stored posts to alerts: the watch finds a topic's spike in the rollups the ingest keeps,
// saves it with its drivers, and alerts once — in the app, by e-mail to a real SMTP server and
// by webhook to a local receiver — however often it runs while the spike lasts.

const HOUR = 3_600_000
const now = new Date('2026-11-20T12:30:00.000Z')
let db: Db
let sqlite: SqliteHandle
let smtp: TestSmtpServer
let receiver: ReplayServer
let topicId: number
let tagger: Tagger

beforeAll(async () => {
  smtp = await startSmtpServer()
  receiver = await startReplayServer([{ method: 'POST', path: '/hook', respond: { status: 200 } }])
})
afterAll(async () => {
  await smtp.close()
  await receiver.close()
})

function posts(): NormalisedPost[] {
  const out: NormalisedPost[] = []
  // Two posts an hour about cholera for eight days, then forty in the current hour from new voices.
  for (let h = 8 * 24; h >= 1; h--) {
    for (let i = 0; i < 2; i++) {
      const at = new Date(now.getTime() - h * HOUR + i * 60_000).toISOString()
      out.push(aPost(`base-${h}-${i}`, { text: `Cholera vaccination campaign continues in the district, week ${h % 7}. #Vaccination`, hashtags: ['vaccination'], createdAt: at }))
    }
  }
  for (let i = 0; i < 40; i++) {
    const at = new Date(now.getTime() - 20 * 60_000 + i * 20_000).toISOString()
    out.push(aPost(`spike-${i}`, { text: 'Cholera outbreak confirmed at the river camp, clinics overwhelmed. #CholeraAlert', hashtags: ['choleraalert'], author: anAuthor(`witness${i % 4}`), createdAt: at }))
  }
  return out
}

beforeEach(async () => {
  smtp.mails.length = 0
  receiver.requests.length = 0;
  ({ db, sqlite } = createDb(':memory:'))
  await migrateToLatest(db)
  const [topic] = await createTopics(db, [{ name: 'Cholera', color: '#0f766e', queries: [{ lang: 'en', query: 'cholera' }] }], now)
  topicId = topic!.id
  await db.updateTable('topics').set({ alertEmails: JSON.stringify(['ana@ngo.example']), alertWebhookUrl: `${receiver.url}/hook` })
    .where('id', '=', topicId).execute()
  tagger = await Tagger.create({ topics: [topic!], languages: ['en', 'fr', 'sw'] })
  const writer = new BatchWriter(sqlite, db, tagger.tagBatch)
  const runId = await startRun(db, { sourceId: null, label: 'test', trigger: 'import' }, now)
  writer.store({ runId, sourceId: null, now, page: { posts: posts(), failures: [], nextCursor: null } })
})

const delivery = () => ({
  config: alertConfig(emailSettings(smtp.url())),
  http: webhookClient(500, { allowPrivateHosts: false, allowedHosts: [receiver.host], sleep: async () => {} }),
})

describe('watchSpikes', () => {
  it('saves the spike with what drove it and alerts once in the app, by e-mail and by webhook', async () => {
    const result = await watchSpikes(db, { now, delivery: delivery() })
    expect(result.created).toBeGreaterThan(0)
    const hourly = await db.selectFrom('spikes').selectAll().where('granularity', '=', 'hour').where('lang', '=', '*').executeTakeFirstOrThrow()
    expect(hourly).toMatchObject({ topicId, peakCount: 40, start: '2026-11-20T12:00:00.000Z' })
    const drivers = JSON.parse(hourly.drivers) as { terms: { key: string }[], hashtags: { key: string }[], authors: { key: string }[] }
    // The burst repeats one sentence: its words are one phrase, as written, not its pieces apart.
    expect(drivers.terms.map((t) => t.key)).toEqual(expect.arrayContaining(['Cholera outbreak confirmed', 'clinics overwhelmed']))
    expect(drivers.terms.map((t) => t.key)).not.toContain('outbreak')
    // A hashtag is a driver once, among the hashtags, not a second time among the terms.
    expect(drivers.hashtags.map((t) => t.key)).toContain('#choleraalert')
    expect(drivers.terms.map((t) => t.key).filter((key) => key.startsWith('#'))).toEqual([])
    expect(drivers.authors.map((a) => a.key)).toContain('@witness0@example.social')

    const alerts = await db.selectFrom('alerts').select(['channel', 'status']).orderBy('id').execute()
    // The burst shows in the all-languages series and in the English one: the second is held
    // back by the cooldown, and the record says so.
    expect(alerts).toEqual([
      { channel: 'app', status: 'sent' },
      { channel: 'email', status: 'sent' },
      { channel: 'webhook', status: 'sent' },
      { channel: 'email', status: 'skipped' },
    ])
    expect(smtp.mails).toHaveLength(1)
    expect(smtp.mails[0]!.rcptTo).toEqual(['ana@ngo.example'])
    expect(smtp.mails[0]!.raw).toMatch(/Subject: .*Cholera/)
    expect(receiver.requests).toHaveLength(1)
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({ topic: { id: topicId, name: 'Cholera' } })
  })

  it('sends nothing more when it runs again while the same spike goes on', async () => {
    await watchSpikes(db, { now, delivery: delivery() })
    const later = new Date(now.getTime() + 10 * 60_000)
    const again = await watchSpikes(db, { now: later, delivery: delivery() })
    expect(again.created).toBe(0)
    expect(await db.selectFrom('alerts').select('channel').execute()).toHaveLength(4)
    expect(smtp.mails).toHaveLength(1)
    expect(receiver.requests).toHaveLength(1)
  })

  it('counts a term however it is capitalised, and shows it as most posts wrote it', async () => {
    const writer = new BatchWriter(sqlite, db, tagger.tagBatch)
    const runId = await startRun(db, { sourceId: null, label: 'test', trigger: 'import' }, now)
    const spoken = Array.from({ length: 12 }, (_, i) => aPost(`evacuation-${i}`, {
      text: i < 4 ? 'Evacuation of the cholera ward has begun.' : 'Cholera ward: evacuation ordered tonight.',
      author: anAuthor(`nurse${i}`), createdAt: new Date(now.getTime() - 15 * 60_000 + i * 10_000).toISOString(),
    }))
    writer.store({ runId, sourceId: null, now, page: { posts: spoken, failures: [], nextCursor: null } })
    await watchSpikes(db, { now })
    const hourly = await db.selectFrom('spikes').select('drivers').where('granularity', '=', 'hour').where('lang', '=', '*').executeTakeFirstOrThrow()
    const terms = (JSON.parse(hourly.drivers) as { terms: { key: string, spike: number }[] }).terms
    expect(terms.filter((t) => /^evacuation$/i.test(t.key))).toEqual([expect.objectContaining({ key: 'evacuation', spike: 12 })])
  })

  it('counts a name as one term across languages, where each language stems it its own way', async () => {
    // Porter stems "Bay" to "bai"; Swahili has no stemmer. Both languages wrote "Homa Bay".
    const both = await Tagger.create({ topics: [{ id: topicId, queries: [{ lang: '*', query: 'cholera OR kipindupindu' }] }], languages: ['en', 'sw'] })
    const writer = new BatchWriter(sqlite, db, both.tagBatch)
    const runId = await startRun(db, { sourceId: null, label: 'test', trigger: 'import' }, now)
    const texts = [
      'Cholera treatment centres in Homa Bay are filling up fast, nurses say.',
      'Wagonjwa wa kipindupindu huko Homa Bay wanaongezeka kila siku, wauguzi wanasema.',
    ]
    const spoken = Array.from({ length: 12 }, (_, i) => aPost(`homa-${i}`, {
      text: texts[i % 2]!, author: anAuthor(`ward${i}`), createdAt: new Date(now.getTime() - 15 * 60_000 + i * 10_000).toISOString(),
    }))
    writer.store({ runId, sourceId: null, now, page: { posts: spoken, failures: [], nextCursor: null } })
    expect(await db.selectFrom('posts').select('lang').distinct().where('externalId', 'like', '%homa-%').orderBy('lang').execute()).toEqual([{ lang: 'en' }, { lang: 'sw' }])
    await watchSpikes(db, { now })
    const hourly = await db.selectFrom('spikes').select('drivers').where('granularity', '=', 'hour').where('lang', '=', '*').executeTakeFirstOrThrow()
    const terms = (JSON.parse(hourly.drivers) as { terms: { key: string, spike: number }[] }).terms
    expect(terms.filter((t) => /^(homa|bay|homa bay)$/i.test(t.key))).toEqual([expect.objectContaining({ key: 'Homa Bay', spike: 12 })])
  })

  it('saves spikes and raises the in-app alert without delivery configured', async () => {
    await watchSpikes(db, { now })
    expect(await db.selectFrom('alerts').select(['channel', 'status']).execute()).toEqual([{ channel: 'app', status: 'sent' }])
    expect(smtp.mails).toHaveLength(0)
  })
})
