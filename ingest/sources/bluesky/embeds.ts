import { z } from 'zod'
import { absoluteHttpUrl } from './facets'
import { typeOf, type ViewRecord, viewRecordSchema } from './schema'

// Embeds come twice in a post view: as written in the record (app.bsky.embed.*: strong refs and
// blobs, the author's own words) and as hydrated by the app view (app.bsky.embed.*#view: the
// quoted post with its author and counters). The record says what is quoted; the view, when
// present, lets the quoted post be stored as a post of its own.
// https://docs.bsky.app/docs/advanced-guides/posts#quote-posts

export interface EmbedParts {
  /** The AT URI of a quoted post. */
  quoteUri: string | null
  /** The quoted post as the app view shows it, when it is a full post. */
  quoted: ViewRecord | null
  links: string[]
}

const ref = z.object({ uri: z.string().min(1) })
const external = z.object({ external: z.object({ uri: z.string() }) })
const withRecord = z.object({ record: z.unknown() })
const withMedia = z.object({ record: z.object({ record: z.unknown() }), media: z.unknown() })

/** The parts of an AT URI (at://authority/collection/rkey), or null for anything else. */
export function parseAtUri(uri: string): { authority: string, collection: string, rkey: string } | null {
  const match = /^at:\/\/([^/?#]+)\/([^/?#]+)\/([^/?#]+)$/.exec(uri)
  return match ? { authority: match[1]!, collection: match[2]!, rkey: match[3]! } : null
}

/**
 * A quote can also embed a feed generator, a list or a starter pack: only posts are quotes.
 * A URI that is not an AT URI at all counts as a post: the snapshot fixtures replace every
 * AT URI by a placeholder such as `record(9)`.
 */
function isPostUri(uri: string): boolean {
  const parsed = parseAtUri(uri)
  return !parsed || parsed.collection === 'app.bsky.feed.post'
}

function externalLink(value: unknown): string[] {
  const parsed = external.safeParse(value)
  const url = parsed.success ? absoluteHttpUrl(parsed.data.external.uri) : null
  return url ? [url] : []
}

/** From the record: app.bsky.embed.record, recordWithMedia and external. */
function fromRecord(embed: unknown): { quoteUri: string | null, links: string[] } {
  switch (typeOf(embed)) {
    case 'app.bsky.embed.external':
      return { quoteUri: null, links: externalLink(embed) }
    case 'app.bsky.embed.record': {
      const parsed = withRecord.safeParse(embed)
      const target = parsed.success ? ref.safeParse(parsed.data.record) : null
      return { quoteUri: target?.success && isPostUri(target.data.uri) ? target.data.uri : null, links: [] }
    }
    case 'app.bsky.embed.recordWithMedia': {
      const parsed = withMedia.safeParse(embed)
      if (!parsed.success) return { quoteUri: null, links: [] }
      const inner = fromRecord({ $type: 'app.bsky.embed.record', record: parsed.data.record.record })
      return { quoteUri: inner.quoteUri, links: fromRecord(parsed.data.media).links }
    }
    default:
      return { quoteUri: null, links: [] }
  }
}

const QUOTED_VIEWS = new Set([
  'app.bsky.embed.record#viewRecord',
  'app.bsky.embed.record#viewNotFound',
  'app.bsky.embed.record#viewBlocked',
  'app.bsky.embed.record#viewDetached',
])

/** What a record#view holds: a post (full, or gone: not found, blocked, detached by its author). */
function quotedView(value: unknown): { quoteUri: string | null, quoted: ViewRecord | null } {
  const target = ref.safeParse(value)
  if (!target.success || !QUOTED_VIEWS.has(typeOf(value) ?? '') || !isPostUri(target.data.uri)) return { quoteUri: null, quoted: null }
  const full = typeOf(value) === 'app.bsky.embed.record#viewRecord' ? viewRecordSchema.safeParse(value) : null
  return { quoteUri: target.data.uri, quoted: full?.success ? full.data : null }
}

/** From the app view: app.bsky.embed.record#view, recordWithMedia#view and external#view. */
function fromView(embed: unknown): EmbedParts {
  switch (typeOf(embed)) {
    case 'app.bsky.embed.external#view':
      return { quoteUri: null, quoted: null, links: externalLink(embed) }
    case 'app.bsky.embed.record#view': {
      const parsed = withRecord.safeParse(embed)
      return { ...quotedView(parsed.success ? parsed.data.record : null), links: [] }
    }
    case 'app.bsky.embed.recordWithMedia#view': {
      const parsed = withMedia.safeParse(embed)
      if (!parsed.success) return { quoteUri: null, quoted: null, links: [] }
      return { ...quotedView(parsed.data.record.record), links: fromView(parsed.data.media).links }
    }
    default:
      return { quoteUri: null, quoted: null, links: [] }
  }
}

export function readEmbeds(recordEmbed: unknown, viewEmbed: unknown): EmbedParts {
  const written = fromRecord(recordEmbed)
  const shown = fromView(viewEmbed)
  const quoteUri = written.quoteUri ?? shown.quoteUri
  return {
    quoteUri,
    quoted: shown.quoted && shown.quoted.uri === quoteUri ? shown.quoted : null,
    links: [...new Set([...written.links, ...shown.links])],
  }
}
