import { type CsvError, type InfoRecord, parse } from 'csv-parse/sync'
import { failedItem } from '../../failures'
import type { FailedItem } from '../../types'
import { decodeBytes, describeLines, detectEncoding, type TextEncoding } from './encoding'
import { FileImportError, MAX_WINDOW, type PrepareFormat, type WindowItem } from './files'
import { applyOverride, detectMapping, type MappingOverride, normaliseHeader, unusableMappingReason } from './mapping'
import type { ImportRow } from './normalise'

// CSV exports: delimiter (comma, semicolon, tab, pipe) found from the file, quoted fields over
// several lines, rows of the wrong length reported and skipped. csv-parse reads the raw bytes
// (fields come back as bytes, decoded here in the file's encoding), which keeps byte offsets
// exact for resuming, and its own line count is not used: it counts a CRLF inside a quoted
// field as two lines, so line numbers are counted here from the fields themselves.

export interface CsvFormat {
  encoding: TextEncoding
  delimiter: string
}

export interface CsvItem extends WindowItem {
  /** The fields, or null when csv-parse could not read the row. */
  fields: string[] | null
  problem: string | null
  /** Some bytes were not valid in the file's encoding and were replaced with U+FFFD. */
  replaced: boolean
}

class StopParsing {}

/** Parses up to `max` rows of a window of bytes that starts at a row boundary. */
export function parseCsvWindow(window: Buffer, format: CsvFormat, firstLine: number, max: number): CsvItem[] {
  const items: CsvItem[] = []
  let lastLine = firstLine - 1
  let lastEmpty = 0
  const add = (item: Pick<CsvItem, 'end' | 'fields' | 'problem' | 'replaced'>, emptyLines: number) => {
    // Empty lines are skipped by csv-parse; it counts them, and line breaks are in the fields.
    const line = lastLine + 1 + (emptyLines - lastEmpty)
    const breaks = item.fields?.reduce((sum, field) => sum + countNewlines(field), 0) ?? 0
    items.push({ ...item, line, endLine: line + breaks })
    lastLine = line + breaks
    lastEmpty = emptyLines
    if (items.length >= max) throw new StopParsing()
  }
  const utf16 = format.encoding.kind === 'utf-16le' || format.encoding.kind === 'utf-16be'
  const even = utf16 && window.length % 2 ? window.subarray(0, -1) : window
  try {
    parse(format.encoding.kind === 'utf-16be' ? Buffer.from(even).swap16() : even, {
      delimiter: format.delimiter,
      // Fixed, not guessed: csv-parse takes the first break it meets as the only one, and a
      // file mixing CRLF and LF would then read as one long row.
      record_delimiter: ['\r\n', '\n'],
      encoding: utf16 ? 'utf16le' : null,
      bom: false,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (record: unknown, context: InfoRecord) => {
        const decoded = decodeRecord(record, format.encoding)
        add({ end: context.bytes, fields: decoded.fields, problem: null, replaced: decoded.replaced }, context.empty_lines)
        return null
      },
      on_skip: (error: CsvError | undefined) => {
        const unclosed = error?.code === 'CSV_QUOTE_NOT_CLOSED'
        const bytes = typeof error?.bytes === 'number' ? error.bytes : even.length
        const emptyLines = typeof error?.empty_lines === 'number' ? error.empty_lines : lastEmpty
        const problem = unclosed ? 'a quoted field opened on this line is never closed, so the rest of the file could not be split into rows' : `unreadable row (${error?.message ?? 'unknown error'})`
        add({ end: unclosed ? even.length : bytes, fields: null, problem, replaced: false }, emptyLines)
        return undefined
      },
    })
  }
  catch (error) {
    if (!(error instanceof StopParsing)) throw error
  }
  return items
}

function decodeRecord(record: unknown, encoding: TextEncoding): { fields: string[], replaced: boolean } {
  if (!Array.isArray(record)) return { fields: [], replaced: false }
  let replaced = false
  const fields = record.map((value: unknown) => {
    if (!Buffer.isBuffer(value)) return String(value)
    const decoded = decodeBytes(value, encoding)
    if (decoded.replaced) replaced = true
    return decoded.text
  })
  return { fields, replaced }
}

function countNewlines(text: string): number {
  let count = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++
  return count
}

const DELIMITERS = [',', ';', '\t', '|'] as const

/**
 * The delimiter whose count per row is the most consistent over the first rows. Counting per
 * row, outside quotes, keeps commas in Spanish text from outvoting the semicolons of a
 * European export.
 */
export function detectDelimiter(text: string): string {
  const rows = countPerRow(text.slice(0, 64 * 1024), 50)
  let best: string = ','
  let bestScore = 0
  for (const delimiter of DELIMITERS) {
    const counts = rows.map((row) => row[delimiter])
    const mode = modeOf(counts.filter((count) => count > 0))
    if (!mode) continue
    const score = counts.filter((count) => count === mode).length * 1000 + Math.min(mode, 999)
    if (score > bestScore) {
      best = delimiter
      bestScore = score
    }
  }
  return best
}

function countPerRow(text: string, maxRows: number): Record<(typeof DELIMITERS)[number], number>[] {
  const fresh = () => ({ ',': 0, ';': 0, '\t': 0, '|': 0 })
  const rows = [fresh()]
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (quoted) continue
    else if (char === '\n') {
      if (rows.length >= maxRows) break
      rows.push(fresh())
    }
    else if (char === ',' || char === ';' || char === '\t' || char === '|') rows[rows.length - 1]![char]++
  }
  return rows
}

function modeOf(values: number[]): number | null {
  const tally = new Map<number, number>()
  for (const value of values) tally.set(value, (tally.get(value) ?? 0) + 1)
  let mode: number | null = null
  for (const [value, count] of tally) if (mode === null || count > tally.get(mode)!) mode = value
  return mode
}

export interface CsvLayout extends CsvFormat {
  header: string[]
  /** Byte offset of the first data row (after any BOM, report preamble and the header). */
  dataStart: number
  /** The line the header ends on. */
  headerLine: number
  /** 2 for UTF-16, where a line break is two bytes. */
  unit: 1 | 2
  notes: string[]
}

/** Rows searched for the header: listening suites put a few lines of report details above it. */
const HEADER_SEARCH_ROWS = 30

/** Encoding, delimiter and header of a CSV file, from its first bytes. */
export function readCsvLayout(sample: Buffer, wholeFile: boolean, override: MappingOverride | undefined): CsvLayout {
  const detected = detectEncoding(sample)
  const body = sample.subarray(detected.bomLength)
  const unit = detected.encoding.kind.startsWith('utf-16') ? 2 : 1
  const delimiter = detectDelimiter(decodeBytes(unit === 2 ? body.subarray(0, body.length & ~1) : body, detected.encoding).text)
  const format = { encoding: detected.encoding, delimiter }
  const parsed = parseCsvWindow(body, format, 1, HEADER_SEARCH_ROWS)
  const whole = wholeFile ? parsed : parsed.filter((item) => item.end < body.length)
  const index = headerIndex(whole, override)
  const found = whole[index]
  if (!found?.fields) throw new FileImportError(parsed.length ? 'no header row found in the first rows of the file' : 'the file is empty')
  const notes = detected.note ? [detected.note] : []
  if (found.line > 1) notes.push(`the header is on line ${found.line}; the ${found.line - 1} lines of report details above it were skipped`)
  return { ...format, header: cleanHeader(found.fields), dataStart: detected.bomLength + found.end, headerLine: found.endLine, unit, notes }
}

/** The first row whose names give a usable mapping; else the first row with any names. */
function headerIndex(items: CsvItem[], override: MappingOverride | undefined): number {
  const usable = items.findIndex((item) => {
    if (!item.fields) return false
    const header = cleanHeader(item.fields)
    return unusableMappingReason(applyOverride(detectMapping(header).mapping, override), header, true) === null
  })
  return usable >= 0 ? usable : items.findIndex((item) => item.fields?.some((field) => field.trim()))
}

function cleanHeader(fields: string[]): string[] {
  return fields.map((field) => field.replace(/^\uFEFF/, '').trim())
}

/** How a CSV file is read: its layout, and a mapping proposed from its header. */
export const csvFormat: PrepareFormat<CsvItem> = (sample, wholeFile, override) => {
  const layout = readCsvLayout(sample, wholeFile, override)
  const mapping = applyOverride(detectMapping(layout.header).mapping, override)
  const reason = unusableMappingReason(mapping, layout.header, true)
  if (reason) throw new FileImportError(reason)
  return {
    mapping,
    origin: { rows: 0, byte: layout.dataStart, line: layout.headerLine },
    unit: layout.unit,
    notes: layout.notes,
    parseWindow: (window, firstLine, max) => parseCsvWindow(window, layout, firstLine, max),
    tooLong: (line) => ({ line, endLine: line, end: 0, fields: null, replaced: false, problem: `a row longer than ${MAX_WINDOW / 1024 / 1024} MiB starts here (a quote never closed?); the rest of the file was not read` }),
    rows: (items) => csvRows(items, layout.header),
  }
}

/** Rows ready for mapping, and the rows that could not be read at all. */
export function csvRows(items: CsvItem[], header: string[]): { rows: ImportRow[], failures: FailedItem[], notes: string[] } {
  const exact = new Map<string, number>()
  const loose = new Map<string, number>()
  header.forEach((name, i) => {
    if (!exact.has(name)) exact.set(name, i)
    if (!loose.has(normaliseHeader(name))) loose.set(normaliseHeader(name), i)
  })
  const column = (name: string) => exact.get(name) ?? loose.get(normaliseHeader(name))
  const rows: ImportRow[] = []
  const failures: FailedItem[] = []
  const replaced: number[] = []
  for (const item of items) {
    if (item.replaced) replaced.push(item.line)
    const problem = rowProblem(item, header.length)
    if (problem) failures.push(failedItem(`line ${item.line}: ${problem}`, item.fields?.join(' | ') ?? ''))
    if (problem || !item.fields || isBlank(item.fields)) continue
    const fields = item.fields
    const raw = Object.fromEntries(header.map((name, i) => [name, fields[i] ?? '']))
    rows.push({ line: item.line, get: (name) => { const i = column(name); return i === undefined ? undefined : fields[i] }, raw })
  }
  const notes = replaced.length ? [`bytes that are not valid UTF-8 on ${describeLines(replaced)} were replaced with "\uFFFD"`] : []
  return { rows, failures, notes }
}

function rowProblem(item: CsvItem, width: number): string | null {
  if (!item.fields) return item.problem
  if (isBlank(item.fields)) return null
  // Cells past the header that are all empty are a trailing delimiter, not shifted data.
  const extra = item.fields.slice(width)
  if (item.fields.length < width || extra.some((field) => field.trim())) {
    return `${item.fields.length} fields where the header has ${width}${item.fields.length > width ? ' (a delimiter inside an unquoted field?)' : ''}`
  }
  return null
}

function isBlank(fields: string[]): boolean {
  return fields.every((field) => !field.trim())
}
