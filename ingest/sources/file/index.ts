import { z } from 'zod'
import { unreadableInput } from '../../failures'
import { type FetchContext, type Page, type Platform, PLATFORMS, type SourceAdapter } from '../../types'
import { csvFormat } from './csv'
import {
  defaultImportDir, type FileFormat, FileImportError, openImportFile, type PrepareFormat, readItems, resolveImportPath,
  SAMPLE_BYTES, startFrom, type WindowItem, writeCursor,
} from './files'
import { jsonlFormat } from './jsonl'
import { mappingOverrideSchema, type MappingOverride } from './mapping'
import { mapRows } from './normalise'

// File import of CSV and JSONL exports from other tools (Brandwatch, Talkwalker, Meltwater,
// 4CAT, CrowdTangle...) and from platforms Chorus does not poll. `importPayload` reads a whole
// file handed over by the CLI; `fetchPage` reads a file in the import folder a page of rows at
// a time, its cursor counting the rows read, so a large file is stored in batches and a crash
// resumes at the row after the last stored batch.

export { detectMapping, MAPPED_FIELDS } from './mapping'
export type { ColumnMapping, DetectedMapping, MappedField, MappingOverride, RequiredField } from './mapping'
export { hashedId } from './normalise'
export { FileImportError } from './files'

export const fileSourceConfigSchema = z.object({
  /** The export, relative to the import folder (CHORUS_IMPORT_DIR, default data/imports). */
  path: z.string().trim().min(1),
  /** The platform the posts came from: an export of Mastodon posts is stored as 'mastodon'. */
  platform: z.enum(PLATFORMS).optional(),
  /** Corrections to the mapping proposed from the file's header: field → column, or null. */
  mapping: mappingOverrideSchema.optional(),
  /** Rows per page: each page is stored in one transaction. */
  pageSize: z.number().int().min(1).max(50_000).default(5_000),
})
export type FileSourceConfig = z.infer<typeof fileSourceConfigSchema>

export interface ImportOptions {
  now: Date
  /** The file's name, put in front of the page's notes. */
  origin?: string
  platform?: Platform
  mapping?: MappingOverride
}

/** Reads a whole CSV export. A file that cannot be read at all is one failed item saying why. */
export function importCsv(body: Buffer, options: ImportOptions): Page {
  return importWhole(csvFormat, body, options)
}

/** Reads a whole JSONL export. */
export function importJsonl(body: Buffer, options: ImportOptions): Page {
  return importWhole(jsonlFormat, body, options)
}

function importWhole<T extends WindowItem>(prepare: PrepareFormat<T>, body: Buffer, options: ImportOptions): Page {
  let format: FileFormat<T>
  try {
    format = prepare(body.subarray(0, SAMPLE_BYTES), body.length <= SAMPLE_BYTES, options.mapping)
  }
  catch (error) {
    if (!(error instanceof FileImportError)) throw error
    return { posts: [], failures: [unreadableInput(error.message, options.origin ?? '')], nextCursor: null, done: true }
  }
  const items = format.parseWindow(body.subarray(format.origin.byte), format.origin.line + 1, Number.POSITIVE_INFINITY)
  return { ...pageOf(format, items, [], options), nextCursor: null, done: true }
}

function pageOf<T extends WindowItem>(format: FileFormat<T>, items: T[], extraNotes: string[], options: ImportOptions): Omit<Page, 'nextCursor' | 'done'> {
  const read = format.rows(items)
  const mapped = mapRows(read.rows, { mapping: format.mapping, platform: options.platform ?? 'import', now: options.now })
  const notes = [...new Set([...format.notes, ...extraNotes, ...read.notes, ...mapped.notes])]
  return {
    posts: mapped.posts,
    failures: [...read.failures, ...mapped.failures],
    notes: options.origin ? notes.map((note) => `${options.origin}: ${note}`) : notes,
  }
}

async function fetchFilePage<T extends WindowItem>(prepare: PrepareFormat<T>, context: FetchContext<FileSourceConfig>, importDir: string): Promise<Page> {
  context.signal?.throwIfAborted()
  const { config } = context
  const file = await openImportFile(await resolveImportPath(config.path, importDir))
  try {
    const sample = await file.read(0, SAMPLE_BYTES)
    const format = prepare(sample, sample.length >= file.size, config.mapping)
    const start = await startFrom(file, context.cursor, format.origin, format.unit, format.parseWindow, format.tooLong)
    const { items, cursor } = await readItems(file, start.cursor, config.pageSize, format.parseWindow, format.tooLong)
    const options = { now: context.now, platform: config.platform, origin: config.path }
    const page = pageOf(format, items, start.note ? [start.note] : [], options)
    return { ...page, nextCursor: writeCursor(cursor), done: cursor.byte >= file.size }
  }
  finally {
    await file.close()
  }
}

export interface FileAdapterOptions {
  /** The folder configured paths are confined to; by default CHORUS_IMPORT_DIR or data/imports. */
  importDir?: string
}

export function createCsvAdapter(options: FileAdapterOptions = {}): SourceAdapter<FileSourceConfig> {
  return {
    kind: 'csv',
    platform: 'import',
    configSchema: fileSourceConfigSchema,
    fetchPage: (context) => fetchFilePage(csvFormat, context, options.importDir ?? defaultImportDir()),
    importPayload: (body, context) => importCsv(body, { ...context, mapping: mappingOverrideSchema.parse(context.mapping ?? {}) }),
  }
}

export function createJsonlAdapter(options: FileAdapterOptions = {}): SourceAdapter<FileSourceConfig> {
  return {
    kind: 'jsonl',
    platform: 'import',
    configSchema: fileSourceConfigSchema,
    fetchPage: (context) => fetchFilePage(jsonlFormat, context, options.importDir ?? defaultImportDir()),
    importPayload: (body, context) => importJsonl(body, { ...context, mapping: mappingOverrideSchema.parse(context.mapping ?? {}) }),
  }
}

export const csvAdapter = createCsvAdapter()
export const jsonlAdapter = createJsonlAdapter()
