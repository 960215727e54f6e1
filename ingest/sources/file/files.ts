import { type FileHandle, open, realpath } from 'node:fs/promises'
import { isAbsolute, relative, resolve } from 'node:path'
import { z } from 'zod'
import type { FailedItem } from '../../types'
import type { ColumnMapping, MappingOverride } from './mapping'
import type { ImportRow } from './normalise'

// Reading an export from disk in windows of bytes, and the cursor that says how far a source
// has got. A configured path is confined to the import folder: a failed row echoes its content
// into the run history, so a path to any other file would let whoever configures sources read
// it through the UI.

/** Where files to import are placed; CHORUS_IMPORT_DIR overrides it. */
export function defaultImportDir(): string {
  return resolve(process.env.CHORUS_IMPORT_DIR || 'data/imports')
}

/** A file the import cannot read at all: the run fails with this message. */
export class FileImportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FileImportError'
  }
}

/** The real path of `path` (relative to the import folder), refused when it leads outside it. */
export async function resolveImportPath(path: string, importDir: string): Promise<string> {
  let root: string
  let target: string
  try {
    root = await realpath(importDir)
  }
  catch {
    throw new FileImportError(`the import folder ${importDir} does not exist (set CHORUS_IMPORT_DIR)`)
  }
  try {
    // realpath also resolves symbolic links, so a link inside the folder cannot lead out of it.
    target = await realpath(resolve(root, path))
  }
  catch {
    throw new FileImportError(`${path}: no such file in the import folder ${root}`)
  }
  const inside = relative(root, target)
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) {
    throw new FileImportError(`${path} is outside the import folder ${root}; place exports there`)
  }
  return target
}

export interface OpenFile {
  size: number
  read: (position: number, length: number) => Promise<Buffer>
  close: () => Promise<void>
}

export async function openImportFile(path: string): Promise<OpenFile> {
  const handle: FileHandle = await open(path, 'r')
  const { size } = await handle.stat()
  return {
    size,
    read: async (position, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)))
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position)
      return buffer.subarray(0, bytesRead)
    },
    close: () => handle.close(),
  }
}

/** Enough of the start of a file to find its encoding, delimiter and header. */
export const SAMPLE_BYTES = 1024 * 1024
/** First window read for a page (the next starts where its last whole row ended); it doubles while a single row does not fit. */
export const FIRST_WINDOW = 1024 * 1024
/** A row larger than this is taken for an unclosed quote swallowing the file. */
export const MAX_WINDOW = 64 * 1024 * 1024

const cursorSchema = z.object({
  /** Data rows already read (including the ones that failed): what the cursor means. */
  rows: z.number().int().nonnegative(),
  /** Byte offset just past the last row read, so a page starts without re-reading the file. */
  byte: z.number().int().nonnegative(),
  /** The line that row ended on, so line numbers in reasons stay right after a resume. */
  line: z.number().int().nonnegative(),
})
export type FileCursor = z.infer<typeof cursorSchema>

/**
 * A stored cursor: the JSON this adapter writes, or a bare row count (an operator may type
 * "5000" to skip rows), in which case only `rows` is known and the file is counted from its
 * start. Null when there is none, or when it is not understood (the import starts over;
 * dedupe keeps rows already stored from being stored twice).
 */
export function readCursor(raw: string | null): FileCursor | { rows: number } | null {
  if (!raw) return null
  if (/^\d+$/.test(raw.trim())) return { rows: Number(raw.trim()) }
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  }
  catch {
    return null
  }
}

export function writeCursor(cursor: FileCursor): string {
  return JSON.stringify(cursor)
}

/**
 * Whether a byte offset from a cursor still falls where a row starts: just after a line break
 * (or at the first data row). When the file was replaced by a different one it usually does
 * not, and the rows are counted again from the start instead.
 */
export async function atRowStart(file: OpenFile, byte: number, dataStart: number, unit: 1 | 2): Promise<boolean> {
  if (byte === dataStart) return true
  if (byte < dataStart || byte > file.size) return false
  const before = await file.read(byte - unit, unit)
  return unit === 1 ? before[0] === 0x0A : (before[0] === 0x0A && before[1] === 0) || (before[0] === 0 && before[1] === 0x0A)
}

/** What a window parser returns for each row: where it starts and ends. */
export interface WindowItem {
  /** The line the row starts on. */
  line: number
  /** The line it ends on (a quoted CSV field may span lines). */
  endLine: number
  /** Byte just past the row and its line break, from the start of the window. */
  end: number
}

/** Parses up to `max` rows from a window of bytes whose first row starts on `firstLine`. */
export type WindowParser<T extends WindowItem> = (window: Buffer, firstLine: number, max: number) => T[]

/**
 * Up to `max` rows from `from` on, read window by window. The last row of a window that does
 * not reach the end of the file may be cut short, so it is read again with the next window;
 * a window holding no whole row is doubled, up to MAX_WINDOW.
 */
export async function readItems<T extends WindowItem>(
  file: OpenFile, from: FileCursor, max: number, parseWindow: WindowParser<T>, tooLong: (line: number) => T,
): Promise<{ items: T[], cursor: FileCursor }> {
  const items: T[] = []
  let { rows, byte, line } = from
  let size = FIRST_WINDOW
  while (items.length < max && byte < file.size) {
    const window = await file.read(byte, size)
    const atEof = byte + window.length >= file.size
    const parsed = parseWindow(window, line + 1, max - items.length)
    const whole = atEof ? parsed : parsed.filter((item) => item.end < window.length)
    if (!whole.length) {
      if (!atEof && size < MAX_WINDOW) {
        size *= 2
        continue
      }
      // Nothing but blank lines left, or one row larger than any real post: stop at the end.
      if (!atEof) items.push(tooLong(line + 1))
      rows += atEof ? 0 : 1
      byte = file.size
      break
    }
    items.push(...whole)
    const last = whole[whole.length - 1]!
    byte += last.end
    line = last.endLine
    rows += whole.length
  }
  return { items, cursor: { rows, byte, line } }
}

/**
 * Where a page starts: the stored cursor when its byte offset still falls on a row start;
 * otherwise its row count, counted from the first data row (`origin`).
 */
export async function startFrom<T extends WindowItem>(
  file: OpenFile, stored: string | null, origin: FileCursor, unit: 1 | 2, parseWindow: WindowParser<T>, tooLong: (line: number) => T,
): Promise<{ cursor: FileCursor, note?: string }> {
  const parsed = readCursor(stored)
  if (!parsed) {
    return stored ? { cursor: origin, note: 'the stored cursor was not understood; the file is read again from its first row (rows already stored are not stored twice)' } : { cursor: origin }
  }
  if ('byte' in parsed && await atRowStart(file, parsed.byte, origin.byte, unit)) return { cursor: parsed }
  let cursor = origin
  while (cursor.rows < parsed.rows && cursor.byte < file.size) {
    cursor = (await readItems(file, cursor, Math.min(parsed.rows - cursor.rows, 10_000), parseWindow, tooLong)).cursor
  }
  return 'byte' in parsed ? { cursor, note: `the file changed since the last page was read; resumed after row ${cursor.rows}, counted from the start` } : { cursor }
}

/** How one kind of file (CSV, JSONL) is read, settled from the first bytes of the file. */
export interface FileFormat<T extends WindowItem> {
  mapping: ColumnMapping
  /** Where the first data row starts: rows 0, after any BOM and header. */
  origin: FileCursor
  /** Bytes per code unit: 2 for UTF-16. */
  unit: 1 | 2
  /** What the page should say about the file as a whole (its encoding, a skipped preamble). */
  notes: string[]
  parseWindow: WindowParser<T>
  /** The item standing for a row too long to read. */
  tooLong: (line: number) => T
  rows: (items: T[]) => { rows: ImportRow[], failures: FailedItem[], notes: string[] }
}

/** Settles a FileFormat from a sample (the whole file or its first SAMPLE_BYTES). */
export type PrepareFormat<T extends WindowItem> = (sample: Buffer, wholeFile: boolean, override: MappingOverride | undefined) => FileFormat<T>
