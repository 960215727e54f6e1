import { XMLValidator } from 'fast-xml-parser'
import { type AnyFeed, DetectError, parseFeed } from 'feedsmith'
import { failedItem } from '../../failures'
import { MalformedResponseError } from '../../http'
import type { FailedItem } from '../../types'
import { charsetFromContentType, decodeFeedBytes } from './decode'
import { type CleanedFeed, cleanFeedXml, itemElements } from './repair'

// Bytes → a parsed feed: decode (decode.ts), repair what can be repaired (repair.ts), then let
// feedsmith recognise RSS 0.9x/2.0, RDF, Atom 0.3/1.0 or JSON Feed. Pure: no network, no clock.

/** A body that is not a feed, or too broken to repair. The pipeline records it as a failed run. */
export class FeedFormatError extends MalformedResponseError {
  constructor(message: string, url?: string) {
    super(message, url)
    this.name = 'FeedFormatError'
  }
}

export interface ParsedFeedDocument {
  feed: AnyFeed
  /** What was guessed or repaired on the way, for the run record. */
  notes: string[]
  /** Part of the document that could not be kept (an item cut off by truncation). */
  failures: FailedItem[]
}

export interface DocumentSource {
  /** The response's Content-Type header, when the body came over HTTP. */
  contentType?: string | null
  /** The feed URL or file name, named in errors. */
  origin: string
}

export function parseFeedDocument(body: Uint8Array, source: DocumentSource): ParsedFeedDocument {
  if (body.length === 0 || !Buffer.from(body).toString('latin1').trim()) {
    throw new FeedFormatError(`the feed ${source.origin} is empty`, source.origin)
  }
  const decoded = decodeFeedBytes(body, charsetFromContentType(source.contentType))
  const text = decoded.text.replace(/^\uFEFF/, '')
  if (/^\s*[{[]/.test(text)) return { feed: parseJsonFeed(text, source.origin), notes: decoded.notes, failures: [] }
  const parsed = parseXmlFeed(text, source.origin)
  return { ...parsed, notes: [...decoded.notes, ...parsed.notes] }
}

function parseJsonFeed(text: string, origin: string): AnyFeed {
  let value: unknown
  try {
    value = JSON.parse(text)
  }
  catch (error) {
    throw new FeedFormatError(`the feed ${origin} is malformed JSON (${(error as Error).message})`, origin)
  }
  // JSON Feed 1.0/1.1 (jsonfeed.org/version/1.1): "version" is required and names the spec. feedsmith
  // alone takes any object with a title and items for a JSON Feed.
  const version = typeof value === 'object' && value !== null && 'version' in value ? value.version : null
  if (typeof version === 'string' && version.includes('jsonfeed.org/version/')) {
    try {
      const parsed = parseFeed(value)
      if (parsed.format === 'json') return parsed
    }
    catch {
      // reported below
    }
  }
  throw new FeedFormatError(`the feed ${origin} is JSON but not a JSON Feed (it needs "version" and "items")`, origin)
}

function parseXmlFeed(text: string, origin: string): ParsedFeedDocument {
  const cleaned = cleanFeedXml(text)
  let feed: AnyFeed
  try {
    feed = parseFeed(cleaned.text)
  }
  catch (error) {
    if (error instanceof DetectError) throw notAFeed(cleaned.text, origin)
    throw new FeedFormatError(`the feed ${origin} is not well-formed XML and could not be repaired (${whereBroken(text, cleaned) ?? reasonOf(error)})`, origin)
  }
  // An XML document is never a JSON Feed; feedsmith only tries JSON after the XML formats.
  if (feed.format === 'json') throw notAFeed(cleaned.text, origin)
  const failures = emptyItems(cleaned.text, feed)
  if (cleaned.droppedTail) failures.push(failedItem('the feed ends in the middle of this item (truncated); it was left out', cleaned.droppedTail))
  const notes = cleaned.repairs.length ? [`the feed was repaired: ${cleaned.repairs.join('; ')}`] : []
  return { feed, notes, failures }
}

/**
 * feedsmith leaves out an item in which it finds nothing at all; the document still had it, and
 * the run record should say so rather than lose it silently.
 */
function emptyItems(text: string, feed: AnyFeed): FailedItem[] {
  const parsed = feed.format === 'atom' ? feed.feed.entries?.length ?? 0 : feed.format === 'json' ? Infinity : feed.feed.items?.length ?? 0
  const written = itemElements(text)
  if (written.length <= parsed) return []
  return written
    .filter((item) => !item.replace(/<[^>]*>/g, '').trim())
    .slice(0, written.length - parsed)
    .map((item) => failedItem('an item with no id, no link and no title cannot be told apart from the others (it is empty)', item))
}

/**
 * Where the repaired document breaks, as a line (and column) of the file. The parser under feedsmith
 * names the element alone; its validator, run only on a failure, gives the place.
 */
function whereBroken(original: string, cleaned: CleanedFeed): string | null {
  const result = XMLValidator.validate(cleaned.text)
  if (result === true) return null
  const { line, col, msg } = result.err
  const inFile = (repairedLine: number) => repairedLine + cleaned.linesDropped
  const message = msg.replace(/\bline (\d+), col (\d+)/g, (_, at: string) => `line ${inFile(Number(at))}`).replace(/\s+/g, ' ').slice(0, 200)
  // A repair within the line (an escaped '&', a removed control character) moves its columns.
  const sameLine = cleaned.text.split('\n')[line - 1] === original.split('\n')[inFile(line) - 1]
  return `line ${inFile(line)}${sameLine ? `, column ${col}` : ''}: ${message}`
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? error.cause.message : null
  return (cause ?? error.message).replace(/\s+/g, ' ').slice(0, 200)
}

/** Says what the document is instead, so the user can fix the source URL. */
function notAFeed(text: string, origin: string): FeedFormatError {
  const start = text.trimStart()
  const root = /<([A-Za-z_][\w:.-]*)/.exec(start.replace(/<[?!][^>]*>/g, ''))?.[1]
  let what: string
  if (/^<!doctype html|<html[\s>]/i.test(start) || /^(?:html|head|body)$/i.test(root ?? '')) what = 'an HTML page'
  else if (root) what = `XML with a <${root}> root element`
  else what = `text starting ${JSON.stringify(start.slice(0, 40))}`
  return new FeedFormatError(`${origin} is ${what}, not an RSS, Atom, RDF or JSON feed`, origin)
}
