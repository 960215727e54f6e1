import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { Db } from '../../server/db'
import type { NlpJobStatus, VolumeHourlyTable } from '../../server/db/schema'
import { clearTopicTags, getJob, getTopic, setJobStatus, topicQueries, type JobRow } from '../../server/db/repositories/topics'
import { addDailyCells, addHourlyVolume } from '../../server/db/repositories/daily-stats'
import { DailyRollup } from '../rollups/daily'
import { compileTopics } from './query'
import { matchText } from './tagger'

// Re-tags history after a topic changed (PRODUCT.md §2), in the background: chunks of posts in
// id order, each chunk one transaction, the event loop free between chunks so the app stays
// usable. Posts newer than the job's start are tagged by the live pass with the new queries.
// A job interrupted by a crash starts again from the top: it first clears the topic's tags, so
// running it twice gives the same result.

export interface RetagOptions {
  now?: () => Date
  chunk?: number
  onProgress?: (job: { id: number, done: number, total: number, matched: number }) => void
  /** Checked between chunks: a stopping server leaves the job 'running', to start again next time. */
  shouldStop?: () => boolean
  /** The job runner's claim on the job (claimNextJob): should another runner take the job over, this one writes nothing more. */
  claim?: string
}

export async function runRetag(db: Db, jobId: number, options: RetagOptions = {}): Promise<JobRow> {
  const now = options.now ?? (() => new Date())
  const chunk = options.chunk ?? 2000
  const job = await getJob(db, jobId)
  if (!job || job.topicId === null) throw new Error(`no re-tag job with id ${jobId}`)
  const topic = await getTopic(db, job.topicId)
  if (!topic || topic.version !== job.topicVersion) {
    await setJobStatus(db, jobId, 'cancelled', now(), 'the topic changed again; a newer job takes over')
    return (await getJob(db, jobId))!
  }
  const queries = (await topicQueries(db, [topic.id])).get(topic.id) ?? []
  const matcher = compileTopics(topic.enabled ? [{ id: topic.id, queries }] : [])

  // Still this job runner's to write: not cancelled by a newer version, not taken over by another runner.
  const holds = async (trx: Db, statuses: readonly NlpJobStatus[]) => {
    const current = await trx.selectFrom('nlpJobs').select(['status', 'claim']).where('id', '=', jobId).executeTakeFirst()
    return current !== undefined && statuses.includes(current.status) && (options.claim === undefined || current.claim === options.claim)
  }
  const start = await db.transaction().execute(async (trx) => {
    if (!(await holds(trx, ['queued', 'running']))) return null
    await clearTopicTags(trx, topic.id)
    const row = await trx.selectFrom('posts').select([(eb) => eb.fn.max('id').as('maxId'), (eb) => eb.fn.countAll<number>().as('total')]).executeTakeFirstOrThrow()
    await trx.updateTable('nlpJobs').set({ status: 'running', startedAt: now().toISOString(), total: Number(row.total), done: 0, matched: 0 })
      .where('id', '=', jobId).execute()
    return { maxId: Number(row.maxId ?? 0), total: Number(row.total) }
  })
  if (!start) return (await getJob(db, jobId))!
  const { maxId, total } = start

  let after = 0
  let done = 0
  let matched = 0
  try {
    while (after < maxId) {
      const posts = await db.selectFrom('posts')
        .select(['id', 'platform', 'createdAt', 'lang', 'title', 'text', 'sourceId', 'authorId', 'engagement', 'sentimentLabel', 'sentimentCorrected'])
        .where('id', '>', after).where('id', '<=', maxId).orderBy('id').limit(chunk).execute()
      if (posts.length === 0) break
      after = posts.at(-1)!.id
      const tags: { postId: number, createdAt: string, terms: string, lang: string, platform: string }[] = []
      const daily = new DailyRollup()
      for (const post of posts) {
        const hit = matcher.match({ lang: post.lang, text: matchText(post.title, post.text) })[0]
        if (!hit) continue
        tags.push({ postId: post.id, createdAt: post.createdAt, terms: JSON.stringify(hit.terms), lang: post.lang ?? 'und', platform: post.platform })
        daily.add({ ...post, sentiment: post.sentimentCorrected ?? post.sentimentLabel, topicIds: [] }, [topic.id])
      }
      done += posts.length
      matched += tags.length
      const stillCurrent = await db.transaction().execute(async (trx) => {
        if (!(await holds(trx, ['running']))) return false
        if (tags.length) {
          for (let i = 0; i < tags.length; i += 1000) {
            await trx.insertInto('postTopics').values(tags.slice(i, i + 1000).map((t) => ({ topicId: topic.id, postId: t.postId, createdAt: t.createdAt, terms: t.terms })))
              .onConflict((oc) => oc.doNothing()).execute()
          }
          await addHourlyVolume(trx, hourlyCounts(tags, topic.id))
          await addDailyCells(trx, daily)
        }
        await trx.updateTable('nlpJobs').set({ done, matched }).where('id', '=', jobId).execute()
        return true
      })
      if (!stillCurrent) return (await getJob(db, jobId))!
      options.onProgress?.({ id: jobId, done, total, matched })
      if (options.shouldStop?.()) return (await getJob(db, jobId))!
      await yieldToEventLoop()
    }
    await setJobStatus(db, jobId, 'ok', now())
  }
  catch (error) {
    await setJobStatus(db, jobId, 'failed', now(), (error as Error).message)
  }
  return (await getJob(db, jobId))!
}

function hourlyCounts(tags: readonly { createdAt: string, lang: string, platform: string }[], topicId: number) {
  const counts = new Map<string, VolumeHourlyTable>()
  for (const tag of tags) {
    const hour = tag.createdAt.slice(0, 13)
    const key = `${hour}\u0000${tag.lang}\u0000${tag.platform}`
    const row = counts.get(key)
    if (row) row.posts++
    else counts.set(key, { hour, topicId, lang: tag.lang, platform: tag.platform, posts: 1 })
  }
  return counts.values()
}
