import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { createSourceInput, isSecretField, runIdSchema, SECRET_MASK, sourceIdSchema, testSourceInput, updateSourceInput } from '../../../shared/schemas/sources'
import { recordAudit } from '../../db/repositories/audit'
import { getRun, lastOutcomes, listFailures, listRuns, liveRuns, type RunRow } from '../../db/repositories/ingest'
import type { RunStatus } from '../../db/schema'
import { getSource, listSources, type SourceRow } from '../../db/repositories/sources'
import { adapterFor, adapterKinds } from '../../../ingest/sources'
import { describeError } from '../../../ingest/runner'
import type { Context } from '../context'
import { FieldErrors } from '../errors'
import { procedureFor, router } from '../init'

// Sources hold credentials: only the roles that manage listening see them, and stored secrets
// never leave the server.
const managers = procedureFor(['admin', 'analyst'])

type Health = 'ok' | 'failing' | 'disabled' | 'new' | 'interrupted'

/** `lastOutcome`: how the source's latest finished run ended. One whose process died is not the source's failure: it does not count towards the back-off, but the badge says so. */
function health(source: SourceRow, lastOutcome: RunStatus | undefined): Health {
  if (!source.enabled) return 'disabled'
  if (source.consecutiveFailures > 0) return 'failing'
  if (lastOutcome === 'interrupted') return 'interrupted'
  return source.lastSuccessAt ? 'ok' : 'new'
}

async function lastOutcome(ctx: Context, sourceId: number) {
  return (await lastOutcomes(ctx.db, sourceId)).get(sourceId)
}

function maskConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([key, value]) =>
    [key, isSecretField(key) && typeof value === 'string' && value ? SECRET_MASK : value]))
}

/** Whether a source is being fetched, by this server's scheduler or by another process (`chorus ingest`). */
async function runningCheck(ctx: Context): Promise<(sourceId: number) => boolean> {
  const elsewhere = new Set((await liveRuns(ctx.db, ctx.now())).map((run) => run.sourceId))
  return (sourceId) => (ctx.ingest?.isRunning(sourceId) ?? false) || elsewhere.has(sourceId)
}

function present(source: SourceRow, lastOutcome: RunStatus | undefined) {
  const { cursor: _cursor, config, ...rest } = source
  return { ...rest, enabled: source.enabled === 1, config: maskConfig(JSON.parse(config)), health: health(source, lastOutcome) }
}

/** A run as the pages show it: its notes (a search's result cap, a feed's guessed encoding...) as a list. */
function presentRun(run: RunRow) {
  return { ...run, notes: JSON.parse(run.notes) as string[] }
}

/** Validates a kind's config, keeping stored secrets where the form sent the mask back. */
function checkConfig(kind: string, config: Record<string, unknown>, stored?: Record<string, unknown>) {
  let adapter
  try {
    adapter = adapterFor(kind)
  }
  catch (error) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: describeError(error) })
  }
  const merged = Object.fromEntries(Object.entries(config).map(([key, value]) =>
    [key, value === SECRET_MASK && stored ? stored[key] : value]))
  const parsed = adapter.configSchema.safeParse(merged)
  if (!parsed.success) {
    // Field errors reach the form under config.<field>.
    const fieldErrors: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) {
      const field = ['config', ...issue.path.map(String)].join('.')
      ;(fieldErrors[field] ??= []).push(issue.message)
    }
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'the source settings are not valid', cause: new FieldErrors('the source settings are not valid', fieldErrors) })
  }
  return parsed.data as Record<string, unknown>
}

async function requireSource(db: Parameters<typeof getSource>[0], id: number) {
  const source = await getSource(db, id)
  if (!source) throw new TRPCError({ code: 'NOT_FOUND', message: `no source with id ${id}` })
  return source
}

export const sourcesRouter = router({
  kinds: managers.query(() => adapterKinds().map((kind) => {
    const adapter = adapterFor(kind)
    return { kind, platform: adapter.platform, schema: z.toJSONSchema(adapter.configSchema, { io: 'input', unrepresentable: 'any' }) }
  })),

  list: managers.query(async ({ ctx }) => {
    const running = await runningCheck(ctx)
    const outcomes = await lastOutcomes(ctx.db)
    return (await listSources(ctx.db)).map((source) => ({ ...present(source, outcomes.get(source.id)), running: running(source.id) }))
  }),

  get: managers.input(z.object({ id: sourceIdSchema })).query(async ({ ctx, input }) => {
    const source = await requireSource(ctx.db, input.id)
    return { ...present(source, await lastOutcome(ctx, source.id)), running: (await runningCheck(ctx))(source.id), runs: (await listRuns(ctx.db, source.id)).map(presentRun) }
  }),

  create: managers.input(createSourceInput).mutation(async ({ ctx, input }) => {
    const config = checkConfig(input.kind, input.config)
    const at = ctx.now().toISOString()
    return ctx.db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('sources').values({
        kind: input.kind, name: input.name, config: JSON.stringify(config), intervalMinutes: input.intervalMinutes,
        enabled: input.enabled ? 1 : 0, consecutiveFailures: 0, createdAt: at, updatedAt: at,
      }).returning('id').executeTakeFirstOrThrow()
      await recordAudit(trx, { id: ctx.user.id, label: ctx.user.email }, {
        action: 'source.create', targetType: 'source', targetId: row.id, details: { name: input.name, kind: input.kind },
      }, ctx.now())
      return row
    })
  }),

  update: managers.input(updateSourceInput).mutation(async ({ ctx, input }) => {
    const source = await requireSource(ctx.db, input.id)
    const config = checkConfig(source.kind, input.config, JSON.parse(source.config))
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('sources').set({
        name: input.name, config: JSON.stringify(config), intervalMinutes: input.intervalMinutes,
        enabled: input.enabled ? 1 : 0, updatedAt: ctx.now().toISOString(),
        // Re-enabling a failing source gives it a fresh start.
        ...(input.enabled && !source.enabled ? { nextRunAt: null, consecutiveFailures: 0 } : {}),
      }).where('id', '=', input.id).execute()
      await recordAudit(trx, { id: ctx.user.id, label: ctx.user.email }, {
        action: 'source.update', targetType: 'source', targetId: input.id,
        details: { name: input.name, enabled: input.enabled, intervalMinutes: input.intervalMinutes },
      }, ctx.now())
    })
    return present((await getSource(ctx.db, input.id))!, await lastOutcome(ctx, input.id))
  }),

  /** Fetches one page with these settings and shows what would be stored, storing nothing. */
  test: managers.input(testSourceInput).mutation(async ({ ctx, input }) => {
    const stored = input.id ? JSON.parse((await requireSource(ctx.db, input.id)).config) : undefined
    const config = checkConfig(input.kind, input.config, stored)
    if (!ctx.ingest) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'ingest is not available in this process' })
    try {
      const page = await adapterFor(input.kind).fetchPage({ config, cursor: null, http: ctx.ingest.context.http, now: ctx.now() })
      return {
        ok: true as const,
        posts: page.posts.slice(0, 20).map(({ raw: _raw, ...post }) => post),
        total: page.posts.length,
        failures: page.failures.slice(0, 20),
        notes: page.notes ?? [],
      }
    }
    catch (error) {
      return { ok: false as const, error: describeError(error) }
    }
  }),

  runNow: managers.input(z.object({ id: sourceIdSchema })).mutation(async ({ ctx, input }) => {
    await requireSource(ctx.db, input.id)
    if (!ctx.ingest) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'ingest is not available in this process' })
    return { runId: await ctx.ingest.launch(input.id, 'manual') }
  }),

  run: managers.input(z.object({ id: runIdSchema })).query(async ({ ctx, input }) => {
    const run = await getRun(ctx.db, input.id)
    if (!run) throw new TRPCError({ code: 'NOT_FOUND', message: `no run with id ${input.id}` })
    return presentRun(run)
  }),

  imports: managers.query(async ({ ctx }) => (await listRuns(ctx.db, null)).map(presentRun)),

  failures: managers.input(z.object({ runId: runIdSchema })).query(({ ctx, input }) => listFailures(ctx.db, input.runId)),
})
