import type { Db } from '../index'
import { ownerAlive, thisProcess } from '../liveness'
import type { NlpJobStatus } from '../schema'

const TOPIC_COLUMNS = ['id', 'name', 'color', 'description', 'enabled', 'version', 'alertsEnabled', 'alertEmails',
  'alertWebhookUrl', 'alertWebhookSecret', 'alertCooldownMinutes', 'createdAt', 'updatedAt'] as const

export interface TopicQuery {
  lang: string
  query: string
}

/** What the tagger needs of a topic: its id and its queries. */
export interface TopicDefinition {
  id: number
  queries: TopicQuery[]
}

export function getTopic(db: Db, id: number) {
  return db.selectFrom('topics').select(TOPIC_COLUMNS).where('id', '=', id).executeTakeFirst()
}

export type TopicRow = NonNullable<Awaited<ReturnType<typeof getTopic>>>

export function listTopics(db: Db) {
  return db.selectFrom('topics').select(TOPIC_COLUMNS).orderBy('name').execute()
}

export async function topicQueries(db: Db, topicIds?: number[]): Promise<Map<number, TopicQuery[]>> {
  let query = db.selectFrom('topicQueries').select(['topicId', 'lang', 'query']).orderBy('topicId').orderBy('lang')
  if (topicIds) {
    if (topicIds.length === 0) return new Map()
    query = query.where('topicId', 'in', topicIds)
  }
  const byTopic = new Map<number, TopicQuery[]>()
  for (const row of await query.execute()) {
    const list = byTopic.get(row.topicId) ?? []
    list.push({ lang: row.lang, query: row.query })
    byTopic.set(row.topicId, list)
  }
  return byTopic
}

/** The enabled topics, as the tagger compiles them. */
export async function topicDefinitions(db: Db): Promise<TopicDefinition[]> {
  const topics = await db.selectFrom('topics').select('id').where('enabled', '=', 1).orderBy('id').execute()
  const queries = await topicQueries(db, topics.map((t) => t.id))
  return topics.map((t) => ({ id: t.id, queries: queries.get(t.id) ?? [] }))
}

export async function replaceTopicQueries(db: Db, topicId: number, queries: readonly TopicQuery[]): Promise<void> {
  await db.deleteFrom('topicQueries').where('topicId', '=', topicId).execute()
  if (queries.length) await db.insertInto('topicQueries').values(queries.map((q) => ({ topicId, lang: q.lang, query: q.query }))).execute()
}

/** Forgets what a topic matched: its post tags and its rollups (spikes go with the topic row). */
export async function clearTopicTags(db: Db, topicId: number): Promise<void> {
  await db.deleteFrom('postTopics').where('topicId', '=', topicId).execute()
  await db.deleteFrom('volumeHourly').where('topicId', '=', topicId).execute()
  await db.deleteFrom('dailyStats').where('topicId', '=', topicId).execute()
  await db.deleteFrom('dailyAuthors').where('topicId', '=', topicId).execute()
}

/** Posts per topic since a time, read from the hourly rollup. */
export async function topicVolumes(db: Db, since: Date): Promise<Map<number, number>> {
  const rows = await db.selectFrom('volumeHourly')
    .select(['topicId', (eb) => eb.fn.sum<number>('posts').as('posts')])
    .where('hour', '>=', since.toISOString().slice(0, 13))
    .where('topicId', '>', 0)
    .groupBy('topicId')
    .execute()
  return new Map(rows.map((r) => [r.topicId, Number(r.posts)]))
}

const JOB_COLUMNS = ['id', 'kind', 'topicId', 'topicVersion', 'status', 'total', 'done', 'matched', 'error', 'createdAt', 'startedAt', 'finishedAt'] as const

export function getJob(db: Db, id: number) {
  return db.selectFrom('nlpJobs').select(JOB_COLUMNS).where('id', '=', id).executeTakeFirst()
}

export type JobRow = NonNullable<Awaited<ReturnType<typeof getJob>>>

/**
 * Claims for `claim` (a job runner) the oldest job not finished that nobody else is working on:
 * queued, or left by a process that is gone (server/db/liveness.ts). Each claim is one
 * statement that holds only if the job's claim is still the one read, so that two runners never
 * take the same job.
 */
export async function claimNextJob(db: Db, claim: string, now: Date): Promise<JobRow | null> {
  const pending = await db.selectFrom('nlpJobs').select([...JOB_COLUMNS, 'claim', 'heartbeatAt', 'host', 'pid', 'instance'])
    .where('status', 'in', ['queued', 'running']).orderBy('id').execute()
  for (const { claim: held, heartbeatAt, host, pid, instance, ...job } of pending) {
    if (held !== null && held !== claim && ownerAlive({ heartbeatAt, host, pid, instance }, now)) continue
    const taken = await db.updateTable('nlpJobs').set({ claim, ...thisProcess(), heartbeatAt: now.toISOString() })
      .where('id', '=', job.id).where('status', 'in', ['queued', 'running']).where('claim', held === null ? 'is' : '=', held)
      .executeTakeFirst()
    if (Number(taken.numUpdatedRows) === 1) return job
  }
  return null
}

/** A sign of life from the runner working on the job. */
export async function beatJob(db: Db, id: number, claim: string, now: Date) {
  await db.updateTable('nlpJobs').set({ heartbeatAt: now.toISOString() }).where('id', '=', id).where('claim', '=', claim).execute()
}

/** The latest job of each topic. */
export async function latestJobs(db: Db): Promise<Map<number, JobRow>> {
  const rows = await db.selectFrom('nlpJobs').select(JOB_COLUMNS)
    .where('id', 'in', (eb) => eb.selectFrom('nlpJobs').select((e) => e.fn.max('id').as('id')).where('topicId', 'is not', null).groupBy('topicId'))
    .execute()
  return new Map(rows.map((r) => [r.topicId!, r]))
}

export async function queueRetag(db: Db, topicId: number, topicVersion: number, now: Date): Promise<number> {
  // A newer version supersedes any job still waiting or running for the same topic.
  await db.updateTable('nlpJobs').set({ status: 'cancelled', finishedAt: now.toISOString() })
    .where('topicId', '=', topicId).where('status', 'in', ['queued', 'running']).execute()
  const row = await db.insertInto('nlpJobs').values({
    kind: 'retag', topicId, topicVersion, status: 'queued', createdAt: now.toISOString(),
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function setJobStatus(db: Db, id: number, status: NlpJobStatus, now: Date, error: string | null = null): Promise<void> {
  const at = now.toISOString()
  await db.updateTable('nlpJobs').set({
    status,
    error,
    ...(status === 'running' ? { startedAt: at } : {}),
    ...(status === 'ok' || status === 'failed' || status === 'cancelled' ? { finishedAt: at } : {}),
  }).where('id', '=', id).execute()
}

export interface NewTopic {
  name: string
  color: string
  description?: string
  queries: TopicQuery[]
}

/** Stores topics and their queries (the demo's and the benchmark's); returns them as the tagger needs them. */
export async function createTopics(db: Db, topics: readonly NewTopic[], now: Date): Promise<TopicDefinition[]> {
  return db.transaction().execute(async (trx) => {
    const created: TopicDefinition[] = []
    for (const topic of topics) {
      const row = await trx.insertInto('topics').values({
        name: topic.name, color: topic.color, description: topic.description ?? '', createdAt: now.toISOString(), updatedAt: now.toISOString(),
      }).returning('id').executeTakeFirstOrThrow()
      await replaceTopicQueries(trx, row.id, topic.queries)
      created.push({ id: row.id, queries: topic.queries })
    }
    return created
  })
}
