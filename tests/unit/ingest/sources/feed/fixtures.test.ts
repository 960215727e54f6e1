import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { FeedFormatError, importFeedPayload } from '../../../../../ingest/sources/feed'
import type { NormalisedPost, Page } from '../../../../../ingest/types'

// Real feeds from rss-parser's and feedsmith's test suites (tests/fixtures/feeds/ORIGIN.md).

const ROOT = join(import.meta.dirname, '../../../../fixtures/feeds')
const NOW = new Date('2026-03-01T09:00:00Z')

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? allFiles(path) : [path]
  })
}

const FILES = allFiles(ROOT).filter((f) => !f.endsWith('ORIGIN.md')).map((f) => relative(ROOT, f)).sort()

function load(file: string): Page {
  return importFeedPayload(readFileSync(join(ROOT, file)), { origin: file, now: NOW })
}

function byTitle(page: Page, title: string): NormalisedPost {
  const post = page.posts.find((p) => p.title === title)
  if (!post) throw new Error(`no post titled ${title}; titles: ${page.posts.map((p) => p.title).join(' | ')}`)
  return post
}

// Posts per feed: a change here means items are gained or lost.
const POSTS: Record<string, number> = {
  'rss-parser/content-encoded.rss': 7, 'rss-parser/craigslist.rss': 25, 'rss-parser/encoding.rss': 40,
  'rss-parser/feedburner.atom': 25, 'rss-parser/guardian.rss': 55, 'rss-parser/gulp-atom.atom': 10,
  'rss-parser/heise.atom': 15, 'rss-parser/heraldsun.rss': 2, 'rss-parser/incomplete-fields.atom': 0,
  'rss-parser/instant-article.rss': 1, 'rss-parser/itunes-category.rss': 1, 'rss-parser/missing-fields.atom': 1,
  'rss-parser/narro.rss': 1, 'rss-parser/pagination-links.rss': 1, 'rss-parser/reddit-atom.rss': 24,
  'rss-parser/reddit.rss': 24, 'rss-parser/rss-1.rss': 69, 'rss-parser/uolNoticias.rss': 15,
  'feedsmith/atom-03.xml': 2, 'feedsmith/atom-10.xml': 6, 'feedsmith/atom-ns.xml': 1, 'feedsmith/rdf-09.xml': 5,
  'feedsmith/rdf-10.xml': 2, 'feedsmith/rdf-ns.xml': 1, 'feedsmith/rss-090.xml': 2, 'feedsmith/rss-091.xml': 2,
  'feedsmith/rss-092.xml': 2, 'feedsmith/rss-093.xml': 2, 'feedsmith/rss-094.xml': 2, 'feedsmith/rss-20.xml': 2,
  'feedsmith/rss-ns.xml': 1,
}

const MARKUP = /<\/?(?:p|div|span|br|img|table|td|script|style|iframe)\b/i

describe('every fixture feed', () => {
  it('is known to this test', () => {
    expect(FILES.filter((f) => !f.includes('/expected/')).sort()).toEqual([...Object.keys(POSTS), 'rss-parser/unrecognized.rss'].sort())
  })

  it.each(FILES)('%s gives posts or a clear reason', (file) => {
    let page: Page
    try {
      page = load(file)
    }
    catch (error) {
      // Only one kind of refusal, and it says what the file is.
      // feedsmith's expected/*.json are parse outputs, not JSON Feeds.
      expect(error).toBeInstanceOf(FeedFormatError)
      expect((error as Error).message).toMatch(file.includes('/expected/') ? /JSON but not a JSON Feed/ : /is an HTML page, not an RSS, Atom, RDF or JSON feed/)
      return
    }
    expect(page.posts).toHaveLength(POSTS[file]!)
    expect(page.posts.length + page.failures.length).toBeGreaterThan(0)
    for (const failure of page.failures) expect(failure.reason).toMatch(/\w{3,}/)
    for (const post of page.posts) {
      expect(post.externalId).not.toBe('')
      // Markup shown as code in an article (feedburner.atom) may stay as text; markup itself never does.
      expect(post.text).not.toMatch(MARKUP)
      expect(post.title ?? '').not.toMatch(MARKUP)
      expect(Number.isNaN(Date.parse(post.createdAt))).toBe(false)
      for (const link of post.links) expect(link).toMatch(/^https?:\/\//)
      for (const tag of post.hashtags) expect(tag).toMatch(/^[^#\sA-Z]+$/)
    }
    expect(new Set(page.posts.map((p) => p.externalId)).size).toBe(page.posts.length)
  })
})

const Text = z.union([z.string(), z.object({ value: z.string() })])
const ExpectedItem = z.object({
  id: z.string().optional(),
  title: Text.optional(),
  link: z.string().optional(),
  links: z.array(z.object({ href: z.string(), rel: z.string().optional() })).optional(),
  pubDate: z.string().optional(),
  published: z.string().optional(),
  updated: z.string().optional(),
  dc: z.object({ dates: z.array(z.string()).optional() }).optional(),
})
const Expected = z.object({ items: z.array(ExpectedItem).optional(), entries: z.array(ExpectedItem).optional() })

/** title, link and date of each item as feedsmith's own expected output has them. */
function expectedItems(name: string): [string | null, string | null, string | null][] {
  const expected = Expected.parse(JSON.parse(readFileSync(join(ROOT, `feedsmith/expected/${name}.json`), 'utf8')))
  const items = expected.items ?? expected.entries ?? []
  // Entries repeating an id are versions of one entry (RFC 4287 §4.1.1); the first one stays.
  return items.filter((item, i) => !item.id || items.findIndex((other) => other.id === item.id) === i).map((item) => {
    const title = typeof item.title === 'string' ? item.title : item.title?.value ?? null
    // The Atom references declare xml:base="http://example.org/".
    const href = item.link ?? item.links?.find((l) => (l.rel ?? 'alternate') === 'alternate')?.href
    const date = item.pubDate ?? item.published ?? item.updated ?? item.dc?.dates?.[0]
    return [title, href ? new URL(href, 'http://example.org/').toString() : null, date ? new Date(date).toISOString() : null]
  })
}

describe("feedsmith's reference feeds", () => {
  it.each(['rss-090', 'rss-091', 'rss-092', 'rss-093', 'rss-094', 'rss-20', 'rss-ns', 'rdf-09', 'rdf-10', 'rdf-ns', 'atom-03', 'atom-10'])(
    '%s gives the titles, links and dates of the reference output',
    (name) => {
      const page = load(`feedsmith/${name}.xml`)
      const expected = expectedItems(name)
      const actual = page.posts.map((p) => [p.title, p.url, expected.find(([t]) => t === p.title)?.[2] === null ? null : p.createdAt])
      const sort = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort()
      expect(sort(actual)).toEqual(sort(expected))
    },
  )
})

describe('real feeds, in detail', () => {
  it('reads the undeclared Latin-1 of UOL and its Portuguese dates', () => {
    const page = load('rss-parser/uolNoticias.rss')
    const post = byTitle(page, 'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno')
    expect(post.createdAt).toBe('2018-09-24T22:42:40.000Z')
    expect(post.text).toMatch(/^Líder na pesquisa Ibope de intenção de voto/)
    expect(post.author).toMatchObject({ name: 'UOL Noticias', handle: 'noticias.uol.com.br', externalId: 'http://noticias.uol.com.br/' })
    expect(page.notes).toEqual(['no usable encoding was declared; the text was read as windows-1252 (a guess)'])
  })

  it('reads the declared ISO-8859-1 of Jornal de Notícias', () => {
    const page = load('rss-parser/encoding.rss')
    expect(page.posts[0]!.author.name).toBe('Jornal de Notícias - Últimas Notícias')
    expect(page.posts.every((p) => p.declaredLang === 'pt')).toBe(true)
    expect(page.posts.some((p) => p.text.includes('\uFFFD') || (p.title ?? '').includes('\uFFFD'))).toBe(false)
  })

  it('maps a Guardian item: writer, categories as hashtags, language', () => {
    const post = byTitle(load('rss-parser/guardian.rss'), 'Trump State of the Union address promised unity but emphasized discord')
    expect(post.author.name).toBe('David Smith in Washington')
    expect(post.author.handle).toBe('theguardian.com')
    expect(post.hashtags).toEqual(expect.arrayContaining(['donaldtrump', 'stateoftheunionaddress', 'uspolitics']))
    expect(post.declaredLang).toBe('en')
    expect(post.links).toContain('https://www.theguardian.com/us-news/2018/jan/30/state-of-the-union-fact-check-trumps-address-analyzed')
  })

  it('shows the "nasty tricks" description of the RSS 2.0 reference as text', () => {
    const post = byTitle(load('feedsmith/rss-20.xml'), 'First item title')
    expect(post.text).toBe('Watch out for nasty tricks')
    expect(post.links).toEqual(['http://example.org/item/1'])
  })

  it("removes the markup Reddit escapes twice", () => {
    const page = load('rss-parser/reddit-atom.rss')
    expect(page.posts.some((p) => p.text.includes('SC_OFF'))).toBe(false)
  })

  it('reads a French entry of an Atom feed in its own language', () => {
    expect(byTitle(load('feedsmith/atom-10.xml'), 'Exemple de Contenu en Français').declaredLang).toBe('fr')
  })

  it('reports the empty entry of incomplete-fields.atom as a failed item', () => {
    const page = load('rss-parser/incomplete-fields.atom')
    expect(page.failures).toEqual([{ reason: expect.stringMatching(/no id, no link and no title/), raw: expect.stringContaining('<author></author>') }])
  })

  it('keeps one version of the entry atom-03.xml lists twice', () => {
    const page = load('feedsmith/atom-03.xml')
    expect(page.posts.map((p) => p.title)).toEqual(['First entry title', 'Second entry title'])
    expect(page.notes).toEqual(['1 item repeated the id of another; the latest version was kept'])
  })

  it('keeps the entry of missing-fields.atom that has only an id, dated by the fetch', () => {
    const page = load('rss-parser/missing-fields.atom')
    expect(page.posts[0]).toMatchObject({ externalId: 'tag:github.com,2008:Repository/11167738/v3.9.0', title: null, url: null, createdAt: NOW.toISOString() })
    expect(page.notes).toEqual(['1 item has no date; the fetch time was used'])
  })
})
