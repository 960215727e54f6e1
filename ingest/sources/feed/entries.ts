import type { AnyFeed, AtomFeed, JsonFeed, RdfFeed, RssFeed } from 'feedsmith'

// The four feed formats, read into one neutral shape so that normalise.ts maps a single thing.
// Field names follow each specification: RSS 2.0 (rssboard.org/rss-specification), RSS 1.0
// (web.resource.org/rss/1.0/spec) with Dublin Core and content:encoded, Atom (RFC 4287) and
// JSON Feed 1.1 (jsonfeed.org/version/1.1). Pure.

/** How a piece of text is marked up: declared HTML, declared plain text, or not said. */
export type Markup = 'html' | 'text' | 'auto'

export interface FeedText {
  value: string
  markup: Markup
}

export interface FeedChannel {
  title: FeedText | null
  /** The site the feed belongs to (RSS channel link, Atom alternate link, JSON home_page_url). */
  siteUrl: string | null
  /** The feed's own URL as it states it (atom:link rel="self", JSON feed_url). */
  selfUrl: string | null
  language: string | null
  /** xml:base of the feed, against which relative links resolve (RFC 4287 §2). */
  base: string | null
}

export interface FeedEntry {
  id: string | null
  /** As written: possibly relative. */
  link: string | null
  title: FeedText | null
  body: FeedText | null
  author: { name: string, url: string | null } | null
  categories: string[]
  /** As written; parsed in normalise.ts. */
  date: string | null
  /** When this version of the item was written (Atom updated, JSON date_modified), if said. */
  updated: string | null
  lang: string | null
  base: string | null
  raw: unknown
}

export interface ReadFeed {
  format: AnyFeed['format']
  channel: FeedChannel
  entries: FeedEntry[]
}

type Link = { href?: string, rel?: string, type?: string }

function text(value: string | undefined | null, markup: Markup): FeedText | null {
  return value && value.trim() ? { value, markup } : null
}

/** Atom text constructs (RFC 4287 §3.1) and Atom 0.3's MIME-type variants. */
function atomText(value: { value?: string, type?: string } | undefined): FeedText | null {
  if (!value?.value) return null
  const type = value.type?.toLowerCase()
  const markup: Markup = !type ? 'auto' : type.includes('html') ? 'html' : type === 'text' || type === 'text/plain' ? 'text' : 'auto'
  return text(value.value, markup)
}

function linkWithRel(links: Link[] | undefined, rel: string): string | null {
  return links?.find((l) => (l.rel ?? 'alternate') === rel && l.href)?.href ?? null
}

/** The page an entry or feed is about: rel="alternate" (the default rel), HTML preferred. */
function alternateLink(links: Link[] | undefined): string | null {
  const alternates = (links ?? []).filter((l) => (l.rel ?? 'alternate') === 'alternate' && l.href)
  return (alternates.find((l) => !l.type || l.type.includes('html')) ?? alternates[0])?.href ?? null
}

function firstOf(...values: (string | undefined | null)[]): string | null {
  return values.find((v) => typeof v === 'string' && v.trim() !== '')?.trim() ?? null
}

/** dc:subject is often a comma- or semicolon-separated list ("Botany, Microbiology"). */
function subjects(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(/[,;]/))
}

function person(name: string | null, url?: string | null): FeedEntry['author'] {
  return name ? { name, url: url ?? null } : null
}

function rssEntry(item: RssFeed.Item<string>): FeedEntry {
  const guid = firstOf(item.guid?.value)
  // A guid is a permalink unless isPermaLink="false" (RSS 2.0, <guid>).
  const permalink = guid && item.guid?.isPermaLink !== false && /^https?:\/\//i.test(guid) ? guid : null
  return {
    id: guid,
    link: firstOf(item.link, permalink),
    title: text(item.title, 'auto'),
    body: text(item.content?.encoded, 'html') ?? text(item.description, 'html') ?? text(item.dc?.descriptions?.[0], 'auto'),
    author: person(firstOf(item.dc?.creators?.[0], item.authors?.[0]?.name)),
    categories: [...(item.categories ?? []).map((c) => c.name ?? ''), ...subjects(item.dc?.subjects)],
    date: firstOf(item.pubDate, item.dc?.dates?.[0], item.atom?.published, item.atom?.updated),
    updated: firstOf(item.atom?.updated),
    lang: firstOf(item.dc?.languages?.[0], item.xml?.lang),
    base: item.xml?.base ?? null,
    raw: item,
  }
}

function atomEntry(entry: AtomFeed.Entry<string>): FeedEntry {
  const author = entry.authors?.find((a) => a.name)
  const content = entry.content?.src ? undefined : entry.content
  return {
    id: firstOf(entry.id),
    link: alternateLink(entry.links),
    title: atomText(entry.title),
    body: atomText(content) ?? atomText(entry.summary),
    author: person(firstOf(author?.name, entry.dc?.creators?.[0]), author?.uri),
    categories: (entry.categories ?? []).map((c) => c.term ?? c.label ?? ''),
    date: firstOf(entry.published, entry.updated, entry.dc?.dates?.[0]),
    updated: firstOf(entry.updated),
    lang: firstOf(entry.xml?.lang, entry.dc?.languages?.[0]),
    base: entry.xml?.base ?? null,
    raw: entry,
  }
}

function rdfEntry(item: RdfFeed.Item<string>): FeedEntry {
  return {
    // rdf:about is the item's URI, required by RSS 1.0 and usually its link.
    id: firstOf(item.rdf?.about),
    link: firstOf(item.link),
    title: text(item.title, 'auto'),
    body: text(item.content?.encoded, 'html') ?? text(item.description, 'auto') ?? text(item.dc?.descriptions?.[0], 'auto'),
    author: person(firstOf(item.dc?.creators?.[0])),
    categories: subjects(item.dc?.subjects),
    date: firstOf(item.dc?.dates?.[0]),
    updated: null,
    lang: firstOf(item.dc?.languages?.[0], item.xml?.lang),
    base: item.xml?.base ?? null,
    raw: item,
  }
}

function jsonEntry(item: JsonFeed.Item<string>): FeedEntry {
  const author = item.authors?.find((a) => a.name)
  return {
    id: firstOf(item.id),
    link: firstOf(item.url, item.external_url),
    title: text(item.title, 'auto'),
    body: text(item.content_html, 'html') ?? text(item.content_text, 'text') ?? text(item.summary, 'auto'),
    author: person(firstOf(author?.name), author?.url),
    categories: item.tags ?? [],
    date: firstOf(item.date_published, item.date_modified),
    updated: firstOf(item.date_modified),
    lang: firstOf(item.language),
    base: null,
    raw: item,
  }
}

/** The channel and its entries, whatever the format. */
export function readFeed(parsed: AnyFeed): ReadFeed {
  switch (parsed.format) {
    case 'rss': {
      const f = parsed.feed
      const channel = { title: text(f.title, 'auto'), siteUrl: firstOf(f.link), selfUrl: linkWithRel(f.atom?.links, 'self'), language: firstOf(f.language, f.dc?.languages?.[0], f.xml?.lang), base: f.xml?.base ?? null }
      return { format: parsed.format, channel, entries: (f.items ?? []).map(rssEntry) }
    }
    case 'atom': {
      const f = parsed.feed
      const channel = { title: atomText(f.title), siteUrl: alternateLink(f.links), selfUrl: linkWithRel(f.links, 'self'), language: firstOf(f.xml?.lang, f.dc?.languages?.[0]), base: f.xml?.base ?? null }
      return { format: parsed.format, channel, entries: (f.entries ?? []).map(atomEntry) }
    }
    case 'rdf': {
      const f = parsed.feed
      const channel = { title: text(f.title, 'auto'), siteUrl: firstOf(f.link), selfUrl: linkWithRel(f.atom?.links, 'self'), language: firstOf(f.dc?.languages?.[0], f.xml?.lang), base: f.xml?.base ?? null }
      return { format: parsed.format, channel, entries: (f.items ?? []).map(rdfEntry) }
    }
    case 'json': {
      const f = parsed.feed
      const channel = { title: text(f.title, 'auto'), siteUrl: firstOf(f.home_page_url), selfUrl: firstOf(f.feed_url), language: firstOf(f.language), base: null }
      return { format: parsed.format, channel, entries: (f.items ?? []).map(jsonEntry) }
    }
  }
}
