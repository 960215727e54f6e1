import type { Db } from '../server/db'
import type { SqliteHandle } from '../server/db/sqlite'
import { getRun, type RunRow } from '../server/db/repositories/ingest'
import { getSource, recordSourceFailure, recordSourceSuccess, type SourceRow } from '../server/db/repositories/sources'
import { HttpClient, HttpError } from './http'
import { BatchWriter, type BatchTagger } from './pipeline'
import { openRun } from './run-record'
import { adapterFor } from './sources'

// Runs one source: fetch a page since the cursor, store it (and the new cursor) in one
// transaction, repeat until the source has nothing more or the page budget is spent. A failure
// ends the run with its reason; the cursor stays where the last stored page left it.

export interface IngestContext {
  db: Db
  sqlite: SqliteHandle
  http: HttpClient
  writer: BatchWriter
  now: () => Date
}

export function createIngestContext(db: Db, sqlite: SqliteHandle, options: { http?: HttpClient, tagger?: BatchTagger, now?: () => Date } = {}): IngestContext {
  return {
    db,
    sqlite,
    http: options.http ?? new HttpClient(),
    writer: new BatchWriter(sqlite, db, options.tagger),
    now: options.now ?? (() => new Date()),
  }
}

export type RunTrigger = 'schedule' | 'manual' | 'cli'

export interface RunOptions {
  trigger: RunTrigger
  /** Pages per run at most, so one busy source cannot hold the scheduler. */
  maxPages?: number
  /** Called once the run is recorded, before the first fetch (for live progress). */
  onStart?: (runId: number) => void
  onProgress?: (run: RunRow) => void
  signal?: AbortSignal
}

const MAX_BACKOFF_MS = 24 * 60 * 60_000

/** When to try a failing source again: what the server asked for, else doubling from its interval. */
export function retryAfterFailure(error: unknown, intervalMinutes: number, consecutiveFailures: number, now: Date): Date {
  if (error instanceof HttpError && error.details.retryAt) return error.details.retryAt
  const wait = Math.min(MAX_BACKOFF_MS, Math.max(60_000, intervalMinutes * 60_000 * 2 ** consecutiveFailures))
  return new Date(now.getTime() + wait)
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}

export async function runSource(context: IngestContext, sourceId: number, options: RunOptions): Promise<RunRow> {
  const source = await getSource(context.db, sourceId)
  if (!source) throw new Error(`no source with id ${sourceId}`)
  const run = await openRun(context.db, { sourceId, label: source.name, trigger: options.trigger }, context.now)
  const runId = run.id
  options.onStart?.(runId)
  const notes = new Set<string>()
  try {
    await fetchAll(context, source, runId, options, notes)
    await run.finish({ status: 'ok', notes: [...notes] })
    await recordSourceSuccess(context.db, sourceId, source.intervalMinutes, context.now())
  }
  catch (error) {
    const message = describeError(error)
    await run.finish({ status: 'failed', error: message, notes: [...notes] })
    const retryAt = retryAfterFailure(error, source.intervalMinutes, source.consecutiveFailures, context.now())
    await recordSourceFailure(context.db, sourceId, message, retryAt, context.now())
  }
  return (await getRun(context.db, runId))!
}

async function fetchAll(context: IngestContext, source: SourceRow, runId: number, options: RunOptions, notes: Set<string>) {
  const adapter = adapterFor(source.kind)
  const config = adapter.configSchema.parse(JSON.parse(source.config))
  let cursor = source.cursor
  const maxPages = options.maxPages ?? 50
  for (let pageNumber = 0; pageNumber < maxPages; pageNumber++) {
    options.signal?.throwIfAborted()
    const page = await adapter.fetchPage({ config, cursor, http: context.http, now: context.now(), signal: options.signal })
    for (const note of page.notes ?? []) notes.add(note)
    context.writer.store({ page, runId, sourceId: source.id, now: context.now() })
    cursor = page.nextCursor ?? cursor
    if (options.onProgress) options.onProgress((await getRun(context.db, runId))!)
    if (page.done) return
  }
  notes.add(`stopped after ${maxPages} pages; the next run continues from here`)
}
