import { z } from 'zod'
import { normaliseHashtag } from '../../text'
import { typeOf } from './schema'

// Rich-text facets (app.bsky.richtext.facet) mark ranges of a post's text as mentions, links or
// tags. The ranges are byte offsets into the UTF-8 encoding of the text, not JavaScript string
// indices: any emoji or non-Latin script before a facet moves the two apart
// (https://docs.bsky.app/docs/advanced-guides/post-richtext).

const facetSchema = z.object({
  index: z.object({ byteStart: z.number().int().nonnegative(), byteEnd: z.number().int().nonnegative() }),
  features: z.array(z.unknown()),
})
const mentionSchema = z.object({ $type: z.literal('app.bsky.richtext.facet#mention'), did: z.string().min(1) })
const linkSchema = z.object({ $type: z.literal('app.bsky.richtext.facet#link'), uri: z.string().min(1) })
const tagSchema = z.object({ $type: z.literal('app.bsky.richtext.facet#tag'), tag: z.string().min(1) })

export interface FacetMention {
  did: string
  /** '@' + the handle as written in the text, lower-case; null when the range does not hold one. */
  handle: string | null
}

export interface FacetFindings {
  mentions: FacetMention[]
  links: string[]
  tags: string[]
}

// Handles are domain names (https://atproto.com/specs/handle), compared case-insensitively.
const HANDLE = /^@(([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?)$/i

/**
 * The text a facet covers, or null when the range falls outside the text or cuts a character
 * in half (a client that counted UTF-16 units): decoding such a slice would not give back
 * the same bytes.
 */
export function facetText(bytes: Buffer, byteStart: number, byteEnd: number): string | null {
  if (byteStart >= byteEnd || byteEnd > bytes.length) return null
  const slice = bytes.subarray(byteStart, byteEnd)
  const text = slice.toString('utf8')
  return Buffer.from(text, 'utf8').equals(slice) ? text : null
}

export function absoluteHttpUrl(raw: string): string | null {
  try {
    const url = new URL(raw)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  }
  catch {
    return null
  }
}

/** Mentions, links and tags of a post's facets; a facet that cannot be read is skipped, not fatal. */
export function readFacets(text: string, facets: readonly unknown[] | null | undefined): FacetFindings {
  const found: FacetFindings = { mentions: [], links: [], tags: [] }
  if (!facets?.length) return found
  const bytes = Buffer.from(text, 'utf8')
  for (const candidate of facets) {
    const facet = facetSchema.safeParse(candidate)
    if (!facet.success) continue
    const { byteStart, byteEnd } = facet.data.index
    for (const feature of facet.data.features) readFeature(feature, () => facetText(bytes, byteStart, byteEnd), found)
  }
  return {
    mentions: [...new Map(found.mentions.map((m) => [m.did, m])).values()],
    links: [...new Set(found.links)],
    tags: [...new Set(found.tags)],
  }
}

/** A feature is read by the schema its `$type` names: trying each in turn would build an error for every miss. */
function readFeature(feature: unknown, covered: () => string | null, found: FacetFindings): void {
  switch (typeOf(feature)) {
    case 'app.bsky.richtext.facet#mention': {
      const mention = mentionSchema.safeParse(feature)
      if (!mention.success) return
      const written = covered()
      const handle = written && HANDLE.test(written) ? written.toLowerCase() : null
      found.mentions.push({ did: mention.data.did, handle })
      return
    }
    case 'app.bsky.richtext.facet#link': {
      const link = linkSchema.safeParse(feature)
      const url = link.success ? absoluteHttpUrl(link.data.uri) : null
      if (url) found.links.push(url)
      return
    }
    case 'app.bsky.richtext.facet#tag': {
      const tag = tagSchema.safeParse(feature)
      const normalised = tag.success ? normaliseHashtag(tag.data.tag.trim()) : ''
      if (normalised) found.tags.push(normalised)
    }
  }
}
