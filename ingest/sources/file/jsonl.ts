import { failedItem } from '../../failures'
import type { FailedItem } from '../../types'
import { describeLines, replacementsIn } from './encoding'
import { FileImportError, MAX_WINDOW, type PrepareFormat, type WindowItem } from './files'
import { applyOverride, detectMapping, unusableMappingReason } from './mapping'
import type { ImportRow } from './normalise'

// JSON Lines exports (one object per line; 4CAT's ndjson, platform archives, jq output). JSON
// is UTF-8 by definition (RFC 8259), so bad bytes are replaced, never guessed at. A line that
// is not JSON fails alone; blank lines are skipped.

export interface JsonlItem extends WindowItem {
  /** The line's text, or null for a blank line. */
  text: string | null
  replaced: boolean
  /** Why the line could not be read at all. */
  problem: string | null
}

const utf8 = new TextDecoder('utf-8')

/** A line's bytes (without its \n) as text, its \r dropped, and how many byte sequences were not UTF-8. */
export function decodeJsonLine(bytes: Buffer): { text: string, replaced: number } {
  const text = utf8.decode(bytes).replace(/\r$/, '')
  return { text, replaced: replacementsIn(bytes, text) }
}

/** Splits a window of bytes (starting at a line start) into up to `max` lines. */
export function parseJsonlWindow(window: Buffer, firstLine: number, max: number): JsonlItem[] {
  const items: JsonlItem[] = []
  let start = 0
  let line = firstLine
  while (start < window.length && items.length < max) {
    const newline = window.indexOf(0x0A, start)
    const end = newline === -1 ? window.length : newline + 1
    const bytes = window.subarray(start, newline === -1 ? end : newline)
    const { text, replaced } = decodeJsonLine(bytes)
    items.push({ line, endLine: line, end, text: text.trim() ? text : null, replaced: replaced > 0, problem: null })
    start = end
    line++
  }
  return items
}

/** BOM bytes at the start of a JSONL file (some Windows tools write one). */
export function jsonlBomLength(sample: Buffer): number {
  return sample[0] === 0xEF && sample[1] === 0xBB && sample[2] === 0xBF ? 3 : 0
}

/** Objects of the lines and the lines that are not JSON objects. */
export function jsonlRows(items: JsonlItem[]): { rows: ImportRow[], failures: FailedItem[], notes: string[] } {
  const rows: ImportRow[] = []
  const failures: FailedItem[] = []
  const replaced: number[] = []
  for (const item of items) {
    if (item.problem) failures.push(failedItem(`line ${item.line}: ${item.problem}`, ''))
    if (item.text === null) continue
    if (item.replaced) replaced.push(item.line)
    const parsed = parseLine(item.text)
    if (typeof parsed === 'string') {
      failures.push(failedItem(`line ${item.line}: ${parsed}`, item.text))
      continue
    }
    rows.push({ line: item.line, get: (path) => valueAtPath(parsed, path), raw: parsed })
  }
  const notes = replaced.length ? [`bytes that are not valid UTF-8 on ${describeLines(replaced)} were replaced with "\uFFFD"`] : []
  return { rows, failures, notes }
}

/** The object on a line, or why there is none. */
function parseLine(text: string): Record<string, unknown> | string {
  let value: unknown
  try {
    value = JSON.parse(text)
  }
  catch (error) {
    return `not valid JSON (${(error as Error).message})`
  }
  if (isRecord(value)) return value
  return `a JSON ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}, not an object`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The value at a key path such as `user.screen_name` or `entities.hashtags.text`. A key that
 * itself contains dots is found as written first. Passing through an array collects the value
 * from each element (a list of hashtags); a number picks one element (`media.0.url`).
 */
export function valueAtPath(value: unknown, path: string): unknown {
  if (isRecord(value) && Object.hasOwn(value, path)) return value[path]
  return walk(value, path.split('.'))
}

function walk(value: unknown, segments: string[]): unknown {
  if (!segments.length) return value
  const [head, ...rest] = segments as [string, ...string[]]
  if (Array.isArray(value)) {
    if (/^\d+$/.test(head)) return walk(value[Number(head)], rest)
    return value.map((item) => walk(item, segments)).filter((item) => item !== undefined)
  }
  if (isRecord(value) && Object.hasOwn(value, head)) return walk(value[head], rest)
  return undefined
}

/** Key paths to the values in an object, arrays looked through: the "headers" of JSON. */
export function keyPaths(objects: unknown[]): string[] {
  const found = new Set<string>()
  const visit = (value: unknown, prefix: string, depth: number) => {
    if (Array.isArray(value)) {
      for (const item of value.slice(0, 5)) visit(item, prefix, depth)
      if (!value.some(isRecord) && prefix) found.add(prefix)
    }
    else if (isRecord(value) && depth < 5) {
      for (const [key, child] of Object.entries(value)) visit(child, prefix ? `${prefix}.${key}` : key, depth + 1)
    }
    else if (prefix) found.add(prefix)
  }
  for (const object of objects) visit(object, '', 0)
  // An array empty in one object and holding objects in another (`mentions: []`) is known by
  // the paths into its objects, not as a list of its own.
  return [...found].filter((path) => ![...found].some((other) => other.startsWith(`${path}.`)))
}

/** Lines looked at to propose a mapping: objects of one export rarely differ in their keys. */
const SAMPLE_LINES = 200

/** How a JSONL file is read: its mapping is proposed from the keys of its first objects. */
export const jsonlFormat: PrepareFormat<JsonlItem> = (sample, wholeFile, override) => {
  const bom = jsonlBomLength(sample)
  const parsed = parseJsonlWindow(sample.subarray(bom), 1, SAMPLE_LINES)
  const whole = wholeFile ? parsed : parsed.filter((item) => item.end < sample.length - bom)
  const objects = jsonlRows(whole).rows.map((row) => row.raw)
  const paths = keyPaths(objects)
  const mapping = applyOverride(detectMapping(paths).mapping, override)
  const reason = unusableMappingReason(mapping, paths, false)
  if (reason) throw new FileImportError(objects.length ? reason : 'no JSON object found in the first lines of the file')
  return {
    mapping,
    origin: { rows: 0, byte: bom, line: 0 },
    unit: 1,
    notes: [],
    parseWindow: parseJsonlWindow,
    tooLong: (line) => ({ line, endLine: line, end: 0, text: null, replaced: false, problem: `a line longer than ${MAX_WINDOW / 1024 / 1024} MiB starts here; the rest of the file was not read` }),
    rows: jsonlRows,
  }
}
