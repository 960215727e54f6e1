import type { HttpClient } from '../../ingest/http'
import { matchText } from '../../ingest/nlp/tagger'
import { isHashtagTerm, type Term, TermTally, termsOf } from '../../ingest/nlp/text'
import { rankDrivers, type SpikeDrivers } from '../../ingest/nlp/trends/drivers'
import { type Bucket, detectSpikes, isOngoing, resolveSpikeOptions, SPIKE_WINDOWS, type SpikeEvent } from '../../ingest/nlp/trends/spikes'
import type { Db } from '../db'
import { recordAlert, saveSpike } from '../db/repositories/spikes'
import type { AlertConfig } from './config'
import { spikeEventKey } from './cooldown'
import { deliverSpikeAlert } from './deliver'

// Watches every enabled topic for spikes (PRODUCT.md §2): reads the hourly rollup, finds the
// spikes in the topic's series overall and per language, hourly and daily, saves each event
// with the drivers behind it, and raises alerts for the ones still under way.

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** How far back the series are read: two weeks of hours, eight weeks of days. */
const LOOKBACK = { hour: 14 * DAY, day: 56 * DAY } as const
const RULE = { hour: SPIKE_WINDOWS.hourly, day: SPIKE_WINDOWS.daily } as const
// Drivers compare the spike with the day (or two weeks) before it.
const DRIVER_BASELINE = { hour: DAY, day: 14 * DAY } as const
/** Posts read per window when explaining a spike; beyond it the drivers come from a sample. */
const DRIVER_POSTS = 5000

export interface WatchOptions {
  now: Date
  /** Alert delivery; absent: spikes are saved and shown in the app, nothing is sent. */
  delivery?: { config: AlertConfig, http: HttpClient }
  topicIds?: number[]
}

export interface WatchResult {
  spikes: number
  created: number
  alerts: number
}

type Granularity = 'hour' | 'day'

function bucketStart(iso: string, granularity: Granularity): string {
  return granularity === 'hour' ? `${iso.slice(0, 13)}:00:00.000Z` : `${iso.slice(0, 10)}T00:00:00.000Z`
}

/** Zero-filled series from the first bucket with data (or `from`) to the bucket holding `now`. */
function zeroFilled(counts: Map<string, number>, from: number, now: Date, granularity: Granularity): Bucket[] {
  const step = granularity === 'hour' ? HOUR : DAY
  const last = Date.parse(bucketStart(now.toISOString(), granularity))
  const first = Math.max(Date.parse(bucketStart(new Date(from).toISOString(), granularity)),
    Math.min(...[...counts.keys()].map((key) => Date.parse(key)), last))
  const series: Bucket[] = []
  for (let t = first; t <= last; t += step) {
    const start = new Date(t).toISOString()
    series.push({ start, count: counts.get(start) ?? 0 })
  }
  return series
}

/** Hourly and daily counts of one topic, overall ('*') and per language. */
async function topicSeries(db: Db, topicId: number, now: Date) {
  const since = new Date(now.getTime() - LOOKBACK.day).toISOString().slice(0, 13)
  const rows = await db.selectFrom('volumeHourly').select(['hour', 'lang', (eb) => eb.fn.sum<number>('posts').as('posts')])
    .where('topicId', '=', topicId).where('hour', '>=', since).groupBy(['hour', 'lang']).execute()
  const series = new Map<string, { hour: Map<string, number>, day: Map<string, number> }>()
  const add = (lang: string, hour: string, posts: number) => {
    const entry = series.get(lang) ?? { hour: new Map(), day: new Map() }
    series.set(lang, entry)
    const hourKey = `${hour}:00:00.000Z`
    const dayKey = `${hour.slice(0, 10)}T00:00:00.000Z`
    entry.hour.set(hourKey, (entry.hour.get(hourKey) ?? 0) + posts)
    entry.day.set(dayKey, (entry.day.get(dayKey) ?? 0) + posts)
  }
  for (const row of rows) {
    add('*', row.hour, Number(row.posts))
    add(row.lang, row.hour, Number(row.posts))
  }
  return series
}

/** What is over-represented in the spike against the window before it. */
async function spikeDrivers(db: Db, topicId: number, lang: string, event: SpikeEvent, granularity: Granularity): Promise<SpikeDrivers> {
  const span = DRIVER_BASELINE[granularity]
  const baselineStart = new Date(Date.parse(event.start) - span).toISOString()
  const [spike, baseline] = await Promise.all([
    windowCounts(db, topicId, lang, event.start, event.end),
    windowCounts(db, topicId, lang, baselineStart, event.start),
  ])
  const dimension = (key: keyof typeof spike) => ({ spike: spike[key], baseline: baseline[key] })
  return rankDrivers({
    terms: { ...dimension('terms'), surfaces: new Map(spike.terms.map((term) => [term.key, term.surface])) },
    hashtags: dimension('hashtags'), authors: dimension('authors'), links: dimension('links'), domains: dimension('domains'),
    languages: dimension('languages'),
  })
}

async function windowCounts(db: Db, topicId: number, lang: string, from: string, to: string) {
  let query = db.selectFrom('postTopics').innerJoin('posts', 'posts.id', 'postTopics.postId').innerJoin('authors', 'authors.id', 'posts.authorId')
    .select(['posts.id', 'posts.lang', 'posts.title', 'posts.text', 'authors.handle'])
    .where('postTopics.topicId', '=', topicId).where('postTopics.createdAt', '>=', from).where('postTopics.createdAt', '<', to)
    .orderBy('postTopics.createdAt', 'desc').limit(DRIVER_POSTS)
  if (lang !== '*') query = query.where('posts.lang', '=', lang)
  const posts = await query.execute()
  const counts = { hashtags: new Map<string, number>(), authors: new Map<string, number>(),
    links: new Map<string, number>(), domains: new Map<string, number>(), languages: new Map<string, number>() }
  // In one language a term is its stem, so that its inflections count together. Across languages
  // stems part one name ("Bay" is bai in English, bay in Swahili): there a term is what was
  // written, in lower case.
  const termKey = lang === '*' ? (term: Term) => term.surface.toLowerCase() : (term: Term) => term.key
  const terms = new TermTally()
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)
  for (const post of posts) {
    const postLang = post.lang ?? 'und'
    bump(counts.languages, postLang)
    bump(counts.authors, post.handle)
    // Terms are shown as people most often wrote them in the window. Hashtags have their own
    // dimension (from the stored tags): as terms too, each showed twice.
    const seen = new Set<string>()
    for (const term of termsOf(matchText(post.title, post.text), postLang)) {
      const key = termKey(term)
      if (seen.has(key) || isHashtagTerm(term)) continue
      seen.add(key)
      terms.add(key, term.surface)
    }
  }
  const ids = posts.map((p) => p.id)
  for (let i = 0; i < ids.length; i += 900) {
    const chunk = ids.slice(i, i + 900)
    for (const row of await db.selectFrom('postHashtags').select('tag').where('postId', 'in', chunk).execute()) bump(counts.hashtags, `#${row.tag}`)
    for (const row of await db.selectFrom('postLinks').select(['canonicalUrl', 'domain']).where('postId', 'in', chunk).execute()) {
      bump(counts.links, row.canonicalUrl)
      bump(counts.domains, row.domain)
    }
  }
  return { ...counts, terms: terms.terms() }
}

/** Finds and saves the spikes of the enabled topics, and alerts on the ones still under way. */
export async function watchSpikes(db: Db, options: WatchOptions): Promise<WatchResult> {
  let topicsQuery = db.selectFrom('topics').select(['id', 'name', 'alertsEnabled', 'alertEmails', 'alertWebhookUrl', 'alertWebhookSecret', 'alertCooldownMinutes'])
    .where('enabled', '=', 1)
  if (options.topicIds) topicsQuery = topicsQuery.where('id', 'in', options.topicIds.length ? options.topicIds : [0])
  const result: WatchResult = { spikes: 0, created: 0, alerts: 0 }
  for (const topic of await topicsQuery.execute()) {
    const series = await topicSeries(db, topic.id, options.now)
    for (const [lang, counts] of series) {
      for (const granularity of ['hour', 'day'] as const) {
        const buckets = zeroFilled(counts[granularity], options.now.getTime() - LOOKBACK[granularity], options.now, granularity)
        const rule = resolveSpikeOptions(RULE[granularity])
        for (const event of detectSpikes(buckets, rule)) {
          const drivers = await spikeDrivers(db, topic.id, lang, event, granularity)
          const saved = await saveSpike(db, {
            topicId: topic.id, lang, granularity, start: event.start, end: event.end, peakAt: event.peakAt, peakCount: event.peakCount,
            total: event.total, baseline: event.baseline, z: event.z, drivers,
          }, options.now)
          result.spikes++
          if (saved.created) result.created++
          // An alert is news: only a spike still under way raises one, and only once.
          if (!saved.created || !topic.alertsEnabled || !isOngoing(event, buckets.at(-1)!)) continue
          await raiseAlert(db, options, { ...topic, alertEmails: JSON.parse(topic.alertEmails) as string[] }, saved.id, { lang, granularity, event, drivers, rule })
          result.alerts++
        }
      }
    }
  }
  return result
}

interface AlertTopic {
  id: number
  name: string
  alertEmails: string[]
  alertWebhookUrl: string | null
  alertWebhookSecret: string | null
  alertCooldownMinutes: number
}

async function raiseAlert(db: Db, options: WatchOptions, topic: AlertTopic, spikeId: number,
  spike: { lang: string, granularity: Granularity, event: SpikeEvent, drivers: SpikeDrivers, rule: ReturnType<typeof resolveSpikeOptions> }) {
  // The instance's setting is a floor: an admin can keep every topic from alerting more often.
  const cooldownMinutes = Math.max(topic.alertCooldownMinutes, options.delivery?.config.cooldownMinutes ?? 0)
  const summary = `${spike.event.peakCount} posts in one ${spike.granularity} against about ${Math.round(spike.event.baseline)} expected`
  // One burst shows in several series (overall and per language, hourly and daily): the team's
  // inbox gets it once per cooldown, like the e-mail.
  const quietSince = new Date(options.now.getTime() - cooldownMinutes * 60_000).toISOString()
  const recent = await db.selectFrom('alerts').select('id').where('topicId', '=', topic.id).where('channel', '=', 'app')
    .where('createdAt', '>', quietSince).limit(1).executeTakeFirst()
  if (!recent) await recordAlert(db, { spikeId, topicId: topic.id, channel: 'app', status: 'sent', detail: summary }, options.now)
  const channels = { emailTo: topic.alertEmails, webhook: topic.alertWebhookUrl ? { url: topic.alertWebhookUrl, secret: topic.alertWebhookSecret ?? undefined } : null }
  if (!options.delivery || (!channels.emailTo.length && !channels.webhook)) return
  const last = await db.selectFrom('alerts').innerJoin('spikes', 'spikes.id', 'alerts.spikeId')
    .select(['alerts.createdAt', 'spikes.topicId', 'spikes.lang', 'spikes.start'])
    .where('alerts.topicId', '=', topic.id).where('alerts.channel', '!=', 'app').where('alerts.status', '=', 'sent')
    .orderBy('alerts.id', 'desc').limit(1).executeTakeFirst()
  const report = await deliverSpikeAlert({
    alert: { topic: { id: topic.id, name: topic.name }, language: spike.lang === '*' ? null : spike.lang, granularity: spike.granularity,
      event: spike.event, drivers: spike.drivers, rule: spike.rule },
    channels,
    state: { lastSentAt: last?.createdAt ?? null, lastEventKey: last ? spikeEventKey(last.topicId, last.lang === '*' ? null : last.lang, last) : null },
    now: options.now,
    cooldownMinutes,
  }, options.delivery)
  if (!report.decision.send) {
    await recordAlert(db, { spikeId, topicId: topic.id, channel: 'email', status: 'skipped', detail: report.decision.message }, options.now)
    return
  }
  for (const outcome of report.outcomes) {
    await recordAlert(db, {
      spikeId, topicId: topic.id, channel: outcome.channel, status: outcome.ok ? 'sent' : 'failed',
      detail: outcome.ok ? summary : outcome.error,
    }, options.now)
  }
}
