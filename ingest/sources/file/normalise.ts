import { createHash } from 'node:crypto'
import { failedItem } from '../../failures'
import { canonicalUrl, hashtagsInText, normaliseHashtag } from '../../text'
import type { FailedItem, NormalisedAuthor, NormalisedMetrics, NormalisedPost, NormalisedRelation, Platform, RelationKind } from '../../types'
import type { ColumnMapping, MappedField } from './mapping'
import { cellText, httpUrl, languageCode, linksInCell, parseCount, parseDate, plainText, RowError, splitList } from './values'

// One row of an export (a CSV record or a JSONL object) into a post. Pure: the caller reads the
// file; this only looks at the cells the mapping names.

export interface ImportRow {
  /** The line the row starts on, as an editor numbers it: failure reasons point there. */
  line: number
  /** A cell by column name (CSV) or key path (JSONL); undefined when there is none. */
  get: (column: string) => unknown
  /** The row as the file holds it, kept with the post and with a failure. */
  raw: unknown
}

export interface RowOptions {
  mapping: ColumnMapping
  platform: Platform
  now: Date
}

/** What a page's notes should say about the rows in it. */
export interface RowFlags {
  zonelessDate: boolean
  hashedId: boolean
  unknownAuthor: boolean
  mangledId: boolean
}

export type RowResult = { post: NormalisedPost, flags: RowFlags } | { failure: FailedItem }

type Read = (field: MappedField) => unknown

export function mapRow(row: ImportRow, options: RowOptions): RowResult {
  const read: Read = (field) => {
    const column = options.mapping[field]
    return column === undefined ? undefined : row.get(column)
  }
  const flags: RowFlags = { zonelessDate: false, hashedId: false, unknownAuthor: false, mangledId: false }
  try {
    return { post: buildPost(read, row.raw, options, flags), flags }
  }
  catch (error) {
    // Anything else going wrong with one row is still that row's failure, not the file's.
    const reason = error instanceof RowError ? error.message : `could not be read (${error instanceof Error ? error.message : String(error)})`
    return { failure: failedItem(`line ${row.line}: ${reason}`, row.raw) }
  }
}

function buildPost(read: Read, raw: unknown, options: RowOptions, flags: RowFlags): NormalisedPost {
  const rawText = cellText(read('text'))
  const text = plainText(rawText)
  const title = plainText(cellText(read('title'))) || null
  if (!text && !title) throw new RowError(options.mapping.text ? `no text in column "${options.mapping.text}"` : 'no text or title')
  const dateCell = read('createdAt')
  if (cellText(dateCell) === null) throw new RowError(`no date in column "${options.mapping.createdAt}"`)
  const date = parseDate(dateCell, options.now)
  flags.zonelessDate = date.zoneless
  const url = httpUrl(cellText(read('url')))
  const author = readAuthor(read, options.platform, url, flags)
  const relations = readRelations(read, options.platform, flags)
  let externalId = idCell(read('externalId'), flags) ?? (url ? canonicalUrl(url) : null)
  if (!externalId) {
    externalId = hashedId(author.externalId, date.iso, text || title || '')
    flags.hashedId = true
  }
  const links = new Set([...splitList(read('links')).map((link) => httpUrl(link)), ...linksInCell(rawText)])
  links.delete(url)
  links.delete(null)
  return {
    platform: options.platform,
    externalId,
    url,
    author,
    kind: relations.some((r) => r.kind === 'repost') ? 'repost' : 'post',
    title,
    text,
    createdAt: date.iso,
    declaredLang: languageCode(read('lang')),
    metrics: readMetrics(read),
    hashtags: [...new Set([...splitList(read('hashtags')).map(normaliseHashtag), ...hashtagsInText(text)])].filter((tag) => /[\p{L}\p{N}]/u.test(tag)),
    links: [...links].filter((link): link is string => link !== null),
    relations,
    raw,
  }
}

/**
 * When a row has neither an id nor a URL, its id is a hash of what identifies it: the author,
 * the instant (ISO, UTC) and the plain text. The same row imported again, from the same file or
 * a re-export with differently written dates, gets the same id, so it is not stored twice.
 */
export function hashedId(authorId: string, createdAt: string, text: string): string {
  return `hash:${createHash('sha256').update(JSON.stringify([authorId, createdAt, text])).digest('hex').slice(0, 32)}`
}

function readAuthor(read: Read, platform: Platform, postUrl: string | null, flags: RowFlags): NormalisedAuthor {
  const id = idCell(read('authorId'), flags)
  const handle = cellText(read('authorHandle'))?.trim().replace(/^@/, '') || null
  const name = plainText(cellText(read('authorName'))) || null
  const profileUrl = httpUrl(cellText(read('authorUrl')))
  // News exports often name no author: the site that published the item stands in for it.
  const site = postUrl ? new URL(postUrl).hostname.replace(/^www\./, '') : null
  const externalId = id ?? handle?.toLowerCase() ?? (profileUrl ? canonicalUrl(profileUrl) : null) ?? name ?? site
  if (!externalId) flags.unknownAuthor = true
  return {
    platform,
    externalId: externalId ?? 'unknown',
    handle: handle ?? name ?? site ?? 'unknown',
    name,
    profileUrl,
    followers: parseCount(read('authorFollowers'), 'authorFollowers'),
  }
}

function readMetrics(read: Read): NormalisedMetrics {
  return {
    likes: parseCount(read('likes'), 'likes'),
    reposts: parseCount(read('reposts'), 'reposts'),
    replies: parseCount(read('replies'), 'replies'),
    quotes: parseCount(read('quotes'), 'quotes'),
  }
}

const RELATION_FIELDS: [RelationKind, MappedField, MappedField][] = [
  ['reply', 'replyTo', 'replyToAuthor'],
  ['repost', 'repostOf', 'repostOfAuthor'],
  ['quote', 'quoteOf', 'quoteOfAuthor'],
]

function readRelations(read: Read, platform: Platform, flags: RowFlags): NormalisedRelation[] {
  const relations: NormalisedRelation[] = []
  for (const [kind, postField, authorField] of RELATION_FIELDS) {
    const target = targetId(read(postField), flags)
    const handle = cellText(read(authorField))?.trim().replace(/^@/, '') || null
    if (target || handle) relations.push({ kind, targetPostExternalId: target, targetAuthor: handle ? authorByHandle(platform, handle) : null })
  }
  const mentioned = new Set(splitList(read('mentions')).map((item) => item.replace(/^@/, '')).filter(Boolean))
  for (const handle of mentioned) relations.push({ kind: 'mention', targetAuthor: authorByHandle(platform, handle) })
  return relations
}

/**
 * An account known only by its handle. Its id is the lower-cased handle, which is how rows
 * without an author id are keyed too, so the network joins them.
 */
function authorByHandle(platform: Platform, handle: string): NormalisedAuthor {
  return { platform, externalId: handle.toLowerCase(), handle, name: null, profileUrl: null, followers: null }
}

/** A post a relation points at: by id, or by canonical URL when the export gives a link. */
function targetId(value: unknown, flags: RowFlags): string | null {
  const url = httpUrl(cellText(value))
  return url ? canonicalUrl(url) : idCell(value, flags)
}

/**
 * An id cell as text. Spreadsheets turn long numeric ids into "1.23457E+18" and JSON parsers
 * round integers above 2^53: both would make different posts collide, so such ids are dropped
 * (and the row falls back to its URL or hash) rather than trusted.
 */
function idCell(value: unknown, flags: RowFlags): string | null {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    flags.mangledId = true
    return null
  }
  const text = cellText(value)?.trim()
  if (!text) return null
  if (/^\d+(?:[.,]\d+)?e\+?\d+$/i.test(text)) {
    flags.mangledId = true
    return null
  }
  return text
}

export interface MappedRows {
  posts: NormalisedPost[]
  failures: FailedItem[]
  notes: string[]
}

const FLAG_NOTES: Record<keyof RowFlags, string> = {
  zonelessDate: 'dates without a time zone (such as "2024-03-05 10:15:00") were read as UTC',
  hashedId: 'rows with neither an id nor a URL were given an id hashed from their author, date and text, so importing them again adds nothing twice',
  unknownAuthor: 'rows that name no author and have no URL were stored under the author "unknown"',
  mangledId: 'ids written like 1.23457E+18 (rounded by a spreadsheet) or too large for a JSON number were ignored: export ids as text',
}

export function mapRows(rows: Iterable<ImportRow>, options: RowOptions): MappedRows {
  const result: MappedRows = { posts: [], failures: [], notes: [] }
  const raised = new Set<keyof RowFlags>()
  for (const row of rows) {
    const mapped = mapRow(row, options)
    if ('failure' in mapped) {
      result.failures.push(mapped.failure)
      continue
    }
    result.posts.push(mapped.post)
    for (const flag of Object.keys(FLAG_NOTES) as (keyof RowFlags)[]) if (mapped.flags[flag]) raised.add(flag)
  }
  result.notes = [...raised].map((flag) => FLAG_NOTES[flag])
  return result
}
