import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { getRun, listFailures } from '../server/db/repositories/ingest'
import { parseCompletePrefix } from './json'
import { openRun } from './run-record'
import { describeError, type IngestContext } from './runner'
import { adapterFor } from './sources'
import type { Page, Platform } from './types'

// `chorus import`: one saved response, feed or export file (or a URL) through the same
// adapters and pipeline as scheduled ingest, stored in batches of one transaction each.

export const IMPORT_FORMATS = ['auto', 'rss', 'atom', 'jsonfeed', 'mastodon', 'bluesky', 'reddit', 'hn', 'csv', 'jsonl'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

const KIND_OF_FORMAT: Record<Exclude<ImportFormat, 'auto'>, string> = {
  rss: 'feed', atom: 'feed', jsonfeed: 'feed', mastodon: 'mastodon', bluesky: 'bluesky', reddit: 'reddit',
  hn: 'hackernews', csv: 'csv', jsonl: 'jsonl',
}

export class ImportError extends Error {}

const BATCH = 1_000
const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function jsonKind(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value
  if (Array.isArray(value) && value.length === 0) return null
  if (!isObject(first)) return null
  if (first.kind === 'Listing') return 'reddit'
  if ('hits' in first && Array.isArray(first.hits)) return 'hackernews'
  if ('posts' in first || 'feed' in first || 'thread' in first || isObject(first.post) || ('record' in first && 'author' in first)) return 'bluesky'
  if ('statuses' in first || 'ancestors' in first || ('uri' in first && 'account' in first) || ('type' in first && 'status' in first)) return 'mastodon'
  if (typeof first.version === 'string' && first.version.includes('jsonfeed.org')) return 'feed'
  return null
}

/** Which adapter reads this input: by extension, then by looking at the content. */
export function detectKind(name: string, body: Buffer): string {
  const lower = name.toLowerCase().replace(/[?#].*$/, '')
  if (/\.(csv|tsv)$/.test(lower)) return 'csv'
  if (/\.(jsonl|ndjson)$/.test(lower)) return 'jsonl'
  if (/\.(xml|rss|atom|rdf)$/.test(lower)) return 'feed'
  const head = body.subarray(0, 2048).toString('utf8').replace(/^\uFEFF/, '').trimStart()
  if (head.startsWith('<')) return 'feed'
  const text = body.toString('utf8').replace(/^\uFEFF/, '')
  try {
    const kind = jsonKind(JSON.parse(text))
    if (kind) return kind
  }
  catch {
    const lines = text.split('\n').filter((line) => line.trim())
    if (lines.length > 1 && lines.slice(0, 5).every((line) => line.trim().startsWith('{'))) return 'jsonl'
    // A response cut short is told by what it holds before the cut.
    const complete = parseCompletePrefix(text)
    const kind = complete && jsonKind(complete.json)
    if (kind) return kind
  }
  throw new ImportError(`cannot tell the format of ${name}: pass --format`)
}

async function readInput(context: IngestContext, input: string): Promise<Buffer> {
  if (/^https?:\/\//i.test(input)) {
    try {
      return (await context.http.request(input)).body
    }
    catch (error) {
      throw new ImportError(describeError(error))
    }
  }
  try {
    const info = await stat(input)
    if (!info.isFile()) throw new ImportError(`${input} is not a file`)
    if (info.size > MAX_FILE_BYTES) throw new ImportError(`${input} is larger than 2 GiB: split it first`)
    return await readFile(input)
  }
  catch (error) {
    if (error instanceof ImportError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new ImportError(code === 'ENOENT' ? `no such file: ${input}` : `cannot read ${input}: ${describeError(error)}`)
  }
}

export interface ImportResult {
  runId: number
  kind: string
  fetched: number
  inserted: number
  duplicates: number
  failed: number
  failures: { reason: string }[]
  notes: string[]
}

export interface ImportOptions {
  format?: ImportFormat
  /** For CSV / JSONL: the platform the posts came from and corrections to the proposed columns. */
  platform?: Platform
  mapping?: Record<string, string | null>
  onProgress?: (done: number, total: number) => void
}

/** Reads a whole input, or throws ImportError with one line saying why it cannot be read. */
export async function importInput(context: IngestContext, input: string, options: ImportOptions = {}): Promise<ImportResult> {
  const body = await readInput(context, input)
  const kind = !options.format || options.format === 'auto' ? detectKind(input, body) : KIND_OF_FORMAT[options.format]
  const adapter = adapterFor(kind)
  if (!adapter.importPayload) throw new ImportError(`${kind} cannot import saved files`)
  let page: Page
  try {
    page = adapter.importPayload(body, {
      origin: /^https?:/i.test(input) ? input : basename(input), now: context.now(), platform: options.platform, mapping: options.mapping,
    })
  }
  catch (error) {
    throw new ImportError(`${input} cannot be read as ${kind}: ${describeError(error)}`)
  }
  const unreadable = page.posts.length === 0 ? page.failures.find((failure) => failure.wholeInput) : undefined
  if (unreadable) throw new ImportError(`${input} cannot be read as ${kind}: ${unreadable.reason}`)
  return storeImported(context, input, kind, page, options)
}

export async function storeImported(context: IngestContext, label: string, kind: string, page: Page, options: ImportOptions = {}): Promise<ImportResult> {
  const record = await openRun(context.db, { sourceId: null, label, trigger: 'import' }, context.now)
  const runId = record.id
  const total = page.posts.length
  try {
    for (let start = 0; start === 0 || start < total; start += BATCH) {
      context.writer.store({
        runId, sourceId: null, now: context.now(),
        page: { posts: page.posts.slice(start, start + BATCH), failures: start === 0 ? page.failures : [], nextCursor: null },
      })
      options.onProgress?.(Math.min(total, start + BATCH), total)
      // Between batches, so that the run's heartbeat keeps beating through a file of millions of rows.
      await new Promise((resume) => setImmediate(resume))
    }
    await record.finish({ status: 'ok', notes: page.notes })
  }
  catch (error) {
    await record.finish({ status: 'failed', error: describeError(error), notes: page.notes })
    throw error
  }
  const run = (await getRun(context.db, runId))!
  const failures = (await listFailures(context.db, runId, 10_000)).map((f) => ({ reason: f.reason }))
  return { runId, kind, fetched: run.fetched, inserted: run.inserted, duplicates: run.duplicates, failed: run.failed, failures, notes: page.notes ?? [] }
}
