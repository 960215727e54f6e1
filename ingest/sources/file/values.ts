import { htmlToText, httpUrl, linksInHtml } from '../../text'

// Reading one cell of an export into a typed value. Exports disagree on everything: "1,234",
// "1.2K" and "" for counts; ISO, RFC 2822, epoch seconds and spreadsheet-style dates; lists
// joined by commas, spaces or semicolons. A cell that cannot be read throws a RowError, which
// turns its row into a failed item with the line number.

export class RowError extends Error {}

const MISSING = /^(?:|n\/?a|null|none|nan|undefined|-|—)$/i

/** Text of a cell, or null when it is empty (JSON numbers are written as text). */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value.trim() === '' ? null : value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return null
}

/** A count: null when the cell is empty (missing), never 0 unless it says 0. */
export function parseCount(value: unknown, field: string): number | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return Math.round(value)
    throw new RowError(`${field} ${value} is not a count`)
  }
  if (typeof value !== 'string') throw new RowError(`${field} is a ${typeof value}, not a count`)
  const text = value.trim()
  if (MISSING.test(text)) return null
  // Thousands may be grouped by spaces, narrow no-break spaces or apostrophes (fr, ch).
  const compact = text.replace(/[\s\u00A0\u202F']/g, '')
  const suffixed = /^(\d+(?:[.,]\d+)?)([kmb])$/i.exec(compact)
  if (suffixed) {
    const scale = { k: 1e3, m: 1e6, b: 1e9 }[suffixed[2]!.toLowerCase() as 'k' | 'm' | 'b']
    return Math.round(Number(suffixed[1]!.replace(',', '.')) * scale)
  }
  // "1,234" and "1.234" are both thousands: a count has no fractional part to confuse them with.
  if (/^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$/.test(compact)) return Number(compact.replace(/[.,]/g, ''))
  if (/^\d+$/.test(compact)) return Number(compact)
  // "12.0": a count written by a tool that stores every number as a float (pandas does).
  if (/^\d+[.,]\d+$/.test(compact)) return Math.round(Number(compact.replace(',', '.')))
  throw new RowError(`${field} "${clip(text)}" is not a count`)
}

export interface ParsedDate {
  iso: string
  /** The cell gave a wall-clock time with no zone; it was read as UTC. */
  zoneless: boolean
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const ZONES: Record<string, number> = { z: 0, ut: 0, utc: 0, gmt: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420 }
// ISO 8601 and the "YYYY-MM-DD HH:MM:SS" of databases and spreadsheets (4CAT, Brandwatch).
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i
// RFC 2822 (e-mail, RSS): "Tue, 05 Mar 2024 10:15:00 +0100".
const RFC2822 = /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[a-z]{1,3}t|z|ut|utc)?$/i
// Twitter API v1.1 and exports built on it: "Tue Mar 05 10:15:00 +0000 2024".
const TWITTER = /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+([+-]\d{4})\s+(\d{4})$/i

/** A date cell as ISO 8601 UTC. Accepts ISO 8601, RFC 2822, Twitter's format and Unix time. */
export function parseDate(value: unknown, now: Date): ParsedDate {
  const parsed = typeof value === 'number' ? fromEpoch(value) : typeof value === 'string' ? fromText(value.trim()) : null
  if (!parsed) {
    throw new RowError(`createdAt ${describe(value)} is not a date this import reads (ISO 8601, RFC 2822, Unix seconds or milliseconds, or YYYY-MM-DD HH:MM:SS)`)
  }
  // A day of slack covers zone mistakes; more means the cell was misread (seconds taken as ms).
  if (parsed.ms > now.getTime() + 86_400_000) throw new RowError(`createdAt ${describe(value)} is in the future`)
  return { iso: new Date(parsed.ms).toISOString(), zoneless: parsed.zoneless }
}

function fromText(text: string): { ms: number, zoneless: boolean } | null {
  if (/^\d{9,13}(?:\.\d+)?$/.test(text)) return fromEpoch(Number(text))
  let m = ISO.exec(text)
  if (m) {
    const fraction = Number(`0.${m[7] ?? '0'}`) * 1000
    const ms = utc(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), fraction, m[8])
    return ms === null ? null : { ms, zoneless: !m[8] }
  }
  m = RFC2822.exec(text)
  if (m) {
    const ms = utc(+m[3]!, monthOf(m[2]!), +m[1]!, +m[4]!, +m[5]!, +(m[6] ?? 0), 0, m[7])
    return ms === null ? null : { ms, zoneless: !m[7] }
  }
  m = TWITTER.exec(text)
  if (m) {
    const ms = utc(+m[7]!, monthOf(m[1]!), +m[2]!, +m[3]!, +m[4]!, +m[5]!, 0, m[6])
    return ms === null ? null : { ms, zoneless: false }
  }
  return null
}

/** Unix time: below 1e11 it is seconds (1e11 s is the year 5138), above it milliseconds. */
function fromEpoch(value: number): { ms: number, zoneless: boolean } | null {
  if (!Number.isFinite(value) || value < 0) return null
  return { ms: Math.round(value < 1e11 ? value * 1000 : value), zoneless: false }
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1
}

/** Milliseconds since the epoch, or null for a date that does not exist (31 February, 25:00). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, zone: string | undefined): number | null {
  const offset = zoneOffsetMinutes(zone)
  if (offset === null) return null
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  const check = new Date(local)
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day
    || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute) return null
  return local - offset * 60_000
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0
  const named = ZONES[zone.toLowerCase()]
  if (named !== undefined) return named
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
  if (!m) return null
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0)
  return m[1] === '-' ? -minutes : minutes
}

/** Items of a list cell: a JSON array, or text split on spaces, commas and semicolons. */
export function splitList(value: unknown): string[] {
  const items = Array.isArray(value) ? value.flat(2).map(cellText) : [cellText(value)]
  return items
    .filter((item): item is string => item !== null)
    .flatMap((item) => item.split(/[\s,;]+/))
    // Lists written by Python tools look like "['a', 'b']".
    .map((item) => item.replace(/^[[\]'"]+|[[\]'"]+$/g, ''))
    .filter(Boolean)
}

const LOOKS_LIKE_HTML = /<\/?[a-z][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i

/** Plain text of a text cell: HTML is reduced to text; plain text keeps its line breaks. */
export function plainText(value: string | null): string {
  if (!value) return ''
  if (LOOKS_LIKE_HTML.test(value)) return htmlToText(value)
  return value.replace(/\r\n?/g, '\n').trim()
}

// Mastodon (and other ActivityPub software) writes mentions and hashtags as links to a profile
// or a tag page: they are mentions and hashtags, not links shared in the post.
const TAG_OR_MENTION_LINK = /<a\b(?=[^>]*(?:\bclass\s*=\s*["'][^"']*\b(?:mention|hashtag)\b|\brel\s*=\s*["']?tag\b))[^>]*>/gi
const BARE_URL = /\bhttps?:\/\/[^\s<>"'\p{Cc}]+/giu

/** Absolute http(s) URLs in a text cell: the targets of HTML links and URLs written out. */
export function linksInCell(value: string | null): string[] {
  if (!value) return []
  const found = new Set(linksInHtml(value.replace(TAG_OR_MENTION_LINK, '<a>')))
  const written = LOOKS_LIKE_HTML.test(value) ? htmlToText(value) : value
  for (const match of written.matchAll(BARE_URL)) {
    const url = httpUrl(match[0].replace(/[.,;:!?'")\]}]+$/, ''))
    if (url) found.add(url)
  }
  return [...found]
}

export { httpUrl }

/** A language code as declared ("es", "pt-BR" → "pt"); names and "und" are not codes. */
export function languageCode(value: unknown): string | null {
  const text = cellText(Array.isArray(value) ? value[0] : value)?.trim().toLowerCase()
  if (!text) return null
  const m = /^([a-z]{2,3})(?:[-_][a-z0-9]+)*$/.exec(text)
  return m && m[1] !== 'und' ? m[1]! : null
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${clip(value)}"`
  return value === null || value === undefined ? '(empty)' : clip(JSON.stringify(value) ?? String(value))
}

export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
