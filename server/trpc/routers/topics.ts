import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { createTopicInput, previewTopicInput, topicIdSchema, updateTopicInput } from '../../../shared/schemas/topics'
import { SECRET_MASK } from '../../../shared/schemas/sources'
import { ANY_ROLE } from '../../../shared/roles'
import { validateQuery } from '../../../ingest/nlp/query'
import { recordAudit } from '../../db/repositories/audit'
import { previewMatches } from '../../db/repositories/posts'
import {
  clearTopicTags, getJob, getTopic, latestJobs, listTopics, queueRetag, replaceTopicQueries, topicQueries, topicVolumes, type TopicRow,
} from '../../db/repositories/topics'
import { listSpikes } from '../../db/repositories/spikes'
import type { Context } from '../context'
import { procedureFor, router } from '../init'

// Topics are read by everyone (they label every chart); admins and analysts define them.
const readers = procedureFor(ANY_ROLE)
const managers = procedureFor(['admin', 'analyst'])

function present(topic: TopicRow, canManage: boolean) {
  const { alertWebhookSecret, alertEmails, alertWebhookUrl, ...rest } = topic
  return {
    ...rest,
    enabled: topic.enabled === 1,
    alertsEnabled: topic.alertsEnabled === 1,
    // Where alerts go is the managers' business; the secret never leaves the server.
    alertEmails: canManage ? JSON.parse(alertEmails) as string[] : [],
    alertWebhookUrl: canManage ? alertWebhookUrl : null,
    alertWebhookSecret: canManage && alertWebhookSecret ? SECRET_MASK : null,
  }
}

async function requireTopic(ctx: Context, id: number) {
  const topic = await getTopic(ctx.db, id)
  if (!topic) throw new TRPCError({ code: 'NOT_FOUND', message: `no topic with id ${id}` })
  return topic
}

function sameQueries(a: readonly { lang: string, query: string }[], b: readonly { lang: string, query: string }[]) {
  const key = (list: readonly { lang: string, query: string }[]) => JSON.stringify([...list].sort((x, y) => x.lang.localeCompare(y.lang)))
  return key(a) === key(b)
}

function secretToStore(given: string | null | undefined, stored: string | null) {
  if (given === undefined || given === SECRET_MASK) return stored
  return given
}

export const topicsRouter = router({
  list: readers.query(async ({ ctx }) => {
    const canManage = ctx.user.role === 'admin' || ctx.user.role === 'analyst'
    const [topics, queries, jobs, week] = await Promise.all([
      listTopics(ctx.db), topicQueries(ctx.db), latestJobs(ctx.db),
      topicVolumes(ctx.db, new Date(ctx.now().getTime() - 7 * 86_400_000)),
    ])
    return topics.map((topic) => ({
      ...present(topic, canManage),
      queries: queries.get(topic.id) ?? [],
      postsLast7Days: week.get(topic.id) ?? 0,
      job: jobs.get(topic.id) ?? null,
    }))
  }),

  get: readers.input(z.object({ id: topicIdSchema })).query(async ({ ctx, input }) => {
    const topic = await requireTopic(ctx, input.id)
    const canManage = ctx.user.role === 'admin' || ctx.user.role === 'analyst'
    return {
      ...present(topic, canManage),
      queries: (await topicQueries(ctx.db, [topic.id])).get(topic.id) ?? [],
      job: (await latestJobs(ctx.db)).get(topic.id) ?? null,
      spikes: await listSpikes(ctx.db, { topicId: topic.id, limit: 20 }),
    }
  }),

  create: managers.input(createTopicInput).mutation(async ({ ctx, input }) => {
    const at = ctx.now().toISOString()
    const id = await ctx.db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('topics').select('id').where('name', '=', input.name).executeTakeFirst()) {
        throw new TRPCError({ code: 'CONFLICT', message: `a topic named "${input.name}" exists already` })
      }
      const row = await trx.insertInto('topics').values({
        name: input.name, color: input.color, description: input.description, enabled: input.enabled ? 1 : 0,
        alertsEnabled: input.alertsEnabled ? 1 : 0, alertEmails: JSON.stringify(input.alertEmails), alertWebhookUrl: input.alertWebhookUrl,
        alertWebhookSecret: secretToStore(input.alertWebhookSecret, null), alertCooldownMinutes: input.alertCooldownMinutes,
        createdAt: at, updatedAt: at,
      }).returning('id').executeTakeFirstOrThrow()
      await replaceTopicQueries(trx, row.id, input.queries)
      await recordAudit(trx, { id: ctx.user.id, label: ctx.user.email }, {
        action: 'topic.create', targetType: 'topic', targetId: row.id, details: { name: input.name, queries: input.queries },
      }, ctx.now())
      await queueRetag(trx, row.id, 1, ctx.now())
      return row.id
    })
    await ctx.nlp?.topicsChanged()
    return { id }
  }),

  update: managers.input(updateTopicInput).mutation(async ({ ctx, input }) => {
    const topic = await requireTopic(ctx, input.id)
    const before = (await topicQueries(ctx.db, [topic.id])).get(topic.id) ?? []
    // What a post matches depends on the queries and on whether the topic is on.
    const retag = !sameQueries(before, input.queries) || (topic.enabled === 1) !== input.enabled
    await ctx.db.transaction().execute(async (trx) => {
      const clash = await trx.selectFrom('topics').select('id').where('name', '=', input.name).where('id', '!=', input.id).executeTakeFirst()
      if (clash) throw new TRPCError({ code: 'CONFLICT', message: `a topic named "${input.name}" exists already` })
      const version = retag ? topic.version + 1 : topic.version
      await trx.updateTable('topics').set({
        name: input.name, color: input.color, description: input.description, enabled: input.enabled ? 1 : 0, version,
        alertsEnabled: input.alertsEnabled ? 1 : 0, alertEmails: JSON.stringify(input.alertEmails), alertWebhookUrl: input.alertWebhookUrl,
        alertWebhookSecret: secretToStore(input.alertWebhookSecret, topic.alertWebhookSecret), alertCooldownMinutes: input.alertCooldownMinutes,
        updatedAt: ctx.now().toISOString(),
      }).where('id', '=', input.id).execute()
      await replaceTopicQueries(trx, input.id, input.queries)
      await recordAudit(trx, { id: ctx.user.id, label: ctx.user.email }, {
        action: 'topic.update', targetType: 'topic', targetId: input.id,
        details: { name: input.name, enabled: input.enabled, ...(retag ? { queries: input.queries } : {}) },
      }, ctx.now())
      if (retag) await queueRetag(trx, input.id, version, ctx.now())
    })
    if (retag) await ctx.nlp?.topicsChanged()
    return { id: input.id, retag }
  }),

  remove: managers.input(z.object({ id: topicIdSchema })).mutation(async ({ ctx, input }) => {
    const topic = await requireTopic(ctx, input.id)
    await ctx.db.transaction().execute(async (trx) => {
      await clearTopicTags(trx, topic.id)
      await trx.deleteFrom('topics').where('id', '=', topic.id).execute()
      await recordAudit(trx, { id: ctx.user.id, label: ctx.user.email }, {
        action: 'topic.delete', targetType: 'topic', targetId: topic.id, details: { name: topic.name },
      }, ctx.now())
    })
    await ctx.nlp?.topicsChanged()
    return { id: topic.id }
  }),

  /** Checks one query as the analyst types: the position and what was expected. */
  check: managers.input(z.object({ query: z.string().max(4000) })).query(({ input }) => {
    const error = validateQuery(input.query)
    return error ? { ok: false as const, position: error.position, code: error.code, message: error.message } : { ok: true as const }
  }),

  /** The most recent posts these queries match, and how many of the latest posts they match. */
  preview: managers.input(previewTopicInput).query(({ ctx, input }) => previewMatches(ctx.db, input.queries, { limit: input.limit })),

  job: readers.input(z.object({ id: z.number().int().positive() })).query(async ({ ctx, input }) => {
    const job = await getJob(ctx.db, input.id)
    if (!job) throw new TRPCError({ code: 'NOT_FOUND', message: `no job with id ${input.id}` })
    return job
  }),
})
