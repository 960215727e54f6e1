import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TRPCError } from '@trpc/server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import { startRun } from '../../../server/db/repositories/ingest'
import { createInnerContext } from '../../../server/trpc/context'
import { createCallerFactory } from '../../../server/trpc/init'
import { appRouter } from '../../../server/trpc/routers'
import type { FieldErrors } from '../../../server/trpc/errors'
import { HttpClient } from '../../../ingest/http'
import { importInput } from '../../../ingest/import'
import { createIngestContext, type IngestContext } from '../../../ingest/runner'
import { IngestScheduler } from '../../../ingest/scheduler'
import { anAccount } from '../support'
import { type ReplayServer, startReplayServer } from '../../support/replay-server'
import { makeStatuses, tagTimeline } from '../../support/mastodon-timeline'

let server: ReplayServer
let db: Db
let scheduler: IngestScheduler
let context: IngestContext
const createCaller = createCallerFactory(appRouter)

beforeAll(async () => {
  server = await startReplayServer([tagTimeline(makeStatuses(3))])
})
afterAll(() => server.close())

beforeEach(async () => {
  const opened = createDb(':memory:')
  db = opened.db
  await migrateToLatest(db)
  const http = new HttpClient({ allowPrivateHosts: false, allowedHosts: [server.host], sleep: async () => {} })
  context = createIngestContext(db, opened.sqlite, { http })
  scheduler = new IngestScheduler(context)
})

async function callerFor(role: 'admin' | 'analyst' | 'editor' | 'viewer') {
  const user = await anAccount(db, role)
  return createCaller(createInnerContext({ db, user, ingest: scheduler }))
}

const mastodon = (extra: Record<string, unknown> = {}) => ({
  kind: 'mastodon', name: '#climat', intervalMinutes: 30, enabled: true,
  config: { mode: 'hashtag', tag: '#climat', instance: server.url, token: 'secret-token', ...extra },
})

describe('sources', () => {
  it('is open to admins and analysts only', async () => {
    for (const role of ['editor', 'viewer'] as const) {
      await expect((await callerFor(role)).sources.list()).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    expect(await (await callerFor('analyst')).sources.list()).toEqual([])
  })

  it('puts a settings error on the field that is wrong', async () => {
    const caller = await callerFor('analyst')
    const error = await caller.sources.create(mastodon({ instance: 'not a url' })).then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(TRPCError)
    expect((error as TRPCError).code).toBe('BAD_REQUEST')
    expect(Object.keys(((error as TRPCError).cause as FieldErrors).fieldErrors)).toEqual(['config.instance'])
  })

  it('never sends a stored secret back, and keeps it when the form returns the mask', async () => {
    const caller = await callerFor('admin')
    const { id } = await caller.sources.create(mastodon())
    const shown = await caller.sources.get({ id })
    expect(shown.config.token).toBe('••••••••')
    await caller.sources.update({ id, name: 'renamed', intervalMinutes: 60, enabled: true, config: shown.config })
    const stored = await db.selectFrom('sources').select('config').where('id', '=', id).executeTakeFirstOrThrow()
    expect(JSON.parse(stored.config)).toMatchObject({ token: 'secret-token', tag: 'climat' })
  })

  it('tests a connection by reading one page and storing nothing', async () => {
    const caller = await callerFor('analyst')
    const result = await caller.sources.test({ kind: 'mastodon', config: mastodon().config })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.posts.map((p) => p.text)).toContain('Réunion 0 sur le financement climatique #climat')
    expect(await db.selectFrom('posts').select('id').execute()).toEqual([])
  })

  it('reports an unreachable source as a failed test with the reason', async () => {
    const caller = await callerFor('analyst')
    const result = await caller.sources.test({ kind: 'mastodon', config: mastodon({ instance: 'http://10.255.255.1' }).config })
    expect(result).toMatchObject({ ok: false })
    expect(!result.ok && result.error).toMatch(/private/)
  })

  it('runs a source now, records the run and shows it in the history', async () => {
    const caller = await callerFor('admin')
    const { id } = await caller.sources.create(mastodon())
    const { runId } = await caller.sources.runNow({ id })
    await scheduler.run(id, 'manual')
    const run = await caller.sources.run({ id: runId })
    expect(run).toMatchObject({ status: 'ok', fetched: 3, inserted: 3, duplicates: 0, failed: 0 })
    const source = await caller.sources.get({ id })
    expect(source.health).toBe('ok')
    expect(source.runs.map((r) => r.id)).toEqual([runId])
    const audit = await db.selectFrom('auditLog').select('action').where('action', 'like', 'source.%').execute()
    expect(audit.map((a) => a.action)).toEqual(['source.create'])
  })

  it('says a source whose latest run was cut short by its process dying is interrupted, neither new nor failing, until a run ends', async () => {
    const caller = await callerFor('analyst')
    const { id } = await caller.sources.create(mastodon())
    const health = async () => ({ listed: (await caller.sources.list()).find((s) => s.id === id)?.health, shown: (await caller.sources.get({ id })).health })
    expect(await health()).toEqual({ listed: 'new', shown: 'new' })
    // `chorus ingest` on another host, killed after its first batch: its heartbeat stopped three minutes ago.
    const startedAt = new Date(Date.now() - 3 * 60_000)
    await startRun(db, { sourceId: id, label: '#climat', trigger: 'cli', host: 'another-host', pid: 4242, instance: 'a process gone' }, startedAt)
    expect(await health()).toEqual({ listed: 'new', shown: 'new' })
    expect(await scheduler.sweep()).toBe(1)
    expect(await health()).toEqual({ listed: 'interrupted', shown: 'interrupted' })
    // Not the source's failure: no back-off.
    expect(await db.selectFrom('sources').select(['consecutiveFailures', 'nextRunAt']).where('id', '=', id).executeTakeFirstOrThrow())
      .toEqual({ consecutiveFailures: 0, nextRunAt: null })
    await scheduler.run(id, 'manual')
    expect(await health()).toEqual({ listed: 'ok', shown: 'ok' })
  })

  it("lists the imports from the command line apart from the sources' runs, with what they noted and the items they could not read", async () => {
    const caller = await callerFor('analyst')
    const { id } = await caller.sources.create(mastodon())
    await scheduler.run(id, 'manual')
    const dir = mkdtempSync(join(tmpdir(), 'chorus-imports-'))
    const file = join(dir, 'export.csv')
    writeFileSync(file, 'id,text,created_at,author\n1,Les réfugiés attendent,2026-11-20T10:00:00Z,@amina@social.example\n2,Sans date,not a date,@omar@social.example\n')
    const result = await importInput(context, file, { platform: 'mastodon', mapping: { externalId: 'id', text: 'text', createdAt: 'created_at', authorHandle: 'author' } })
    expect(result).toMatchObject({ inserted: 1, failed: 1 })

    const report = join(import.meta.dirname, '../../fixtures/file/brandwatch-mentions.csv')
    expect(await importInput(context, report)).toMatchObject({ inserted: 5, failed: 0 })

    const imports = await caller.sources.imports()
    expect(imports).toEqual([
      expect.objectContaining({ sourceId: null, label: report, status: 'ok', fetched: 5, inserted: 5, failed: 0 }),
      expect.objectContaining({ sourceId: null, label: file, status: 'ok', fetched: 2, inserted: 1, failed: 1, notes: [] }),
    ])
    // A Brandwatch export opens with report details, which the import skips and says so.
    expect(imports[0]!.notes).toContainEqual(expect.stringContaining('the header is on line 8'))
    const failures = await caller.sources.failures({ runId: imports[1]!.id })
    expect(failures).toEqual([expect.objectContaining({ reason: expect.stringContaining('not a date'), raw: expect.stringContaining('Sans date') })])
    // The source's own run stays in the source's history only.
    expect((await caller.sources.get({ id })).runs).toHaveLength(1)
    for (const role of ['editor', 'viewer'] as const) {
      await expect((await callerFor(role)).sources.imports()).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
  })
})
