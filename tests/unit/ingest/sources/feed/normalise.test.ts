import { describe, expect, it } from 'vitest'
import { importFeedPayload } from '../../../../../ingest/sources/feed'
import { categoryHashtags, declaredLanguage, plainText } from '../../../../../ingest/sources/feed/normalise'
import type { NormalisedPost, Page } from '../../../../../ingest/types'

const NOW = new Date('2026-03-01T09:00:00Z')
const FEED_URL = 'https://news.example.org/feed.xml'

// Tiny builders: one RSS or Atom document around the parts a test is about.
function rss(items: string, channel = '<language>fr</language>'): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Le Journal &amp; Co</title><link>https://www.example.org/</link>${channel}${items}</channel></rss>`
}

function atom(entries: string, attributes = 'xml:lang="de" xml:base="https://blog.example.net/"'): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" ${attributes}>
<title type="html">Das &lt;b&gt;Blog&lt;/b&gt;</title><id>tag:blog.example.net,2024:feed</id><link rel="alternate" href="/"/>${entries}</feed>`
}

function load(xml: string, origin = FEED_URL): Page {
  return importFeedPayload(Buffer.from(xml), { origin, now: NOW })
}

function onlyPost(xml: string, origin?: string): NormalisedPost {
  const page = load(xml, origin)
  expect(page.failures).toEqual([])
  expect(page.posts).toHaveLength(1)
  return page.posts[0]!
}

describe('feed items as posts', () => {
  it('turns hostile HTML in a description into plain text', () => {
    const post = onlyPost(rss(`<item><title>Alert</title><link>https://www.example.org/a</link><description><![CDATA[
      <p>Read <b>this</b><script>alert(document.cookie)</script></p><img src=x onerror="alert(1)">
      <a href="javascript:alert(2)">click</a> <iframe src="https://evil.example/"></iframe><style>body{display:none}</style>
    ]]></description></item>`))
    expect(post.text).toBe('Read this\n\nclick')
    expect(post.text).not.toMatch(/[<>]|alert|display/)
    expect(post.links).toEqual(['https://www.example.org/a'])
  })

  it('keeps a headline with markup as text', () => {
    const post = onlyPost(rss('<item><title>&lt;em&gt;Breaking&lt;/em&gt;: rates &amp; prices</title><link>https://www.example.org/b</link></item>'))
    expect(post.title).toBe('Breaking: rates & prices')
  })

  it('removes HTML that the publisher escaped twice', () => {
    const post = onlyPost(rss('<item><title>T</title><link>https://www.example.org/c</link><description>&amp;lt;p&amp;gt;A threesome&amp;lt;/p&amp;gt;</description></item>'))
    expect(post.text).toBe('A threesome')
  })

  it('prefers content:encoded to the description, and collects the links in it', () => {
    const post = onlyPost(rss(`<item><title>T</title><link>https://www.example.org/d</link><description>Short</description>
      <content:encoded><![CDATA[<p>Long text with <a href="/related">a relative link</a> and <a href="https://other.example/x?utm_source=rss">another</a>.</p>]]></content:encoded></item>`))
    expect(post.text).toBe('Long text with a relative link and another.')
    expect(post.links).toEqual(['https://www.example.org/d', 'https://www.example.org/related', 'https://other.example/x?utm_source=rss'])
  })

  it('reads the date and the language the feed declares', () => {
    const post = onlyPost(rss('<item><title>T</title><link>https://www.example.org/e</link><pubDate>Mon, 24 Sep 2018 19:42:40 -0300</pubDate></item>'))
    expect(post.createdAt).toBe('2018-09-24T22:42:40.000Z')
    expect(post.declaredLang).toBe('fr')
  })

  it('lets an item declare its own language', () => {
    const post = onlyPost(rss('<item><title>T</title><link>https://www.example.org/f</link><dc:language>pt-BR</dc:language></item>'))
    expect(post.declaredLang).toBe('pt')
  })

  it('uses the fetch time for an item without a date, and says so', () => {
    const page = load(rss('<item><title>T</title><link>https://www.example.org/g</link></item><item><title>U</title><link>https://www.example.org/h</link><pubDate>someday</pubDate></item>'))
    expect(page.posts.map((p) => p.createdAt)).toEqual([NOW.toISOString(), NOW.toISOString()])
    expect(page.notes).toEqual([
      '1 item has no date; the fetch time was used',
      '1 item date could not be read (e.g. "someday"); the fetch time was used',
    ])
  })

  it('keeps metrics and followers missing rather than zero', () => {
    const post = onlyPost(rss('<item><title>T</title><link>https://www.example.org/i</link></item>'))
    expect(post.metrics).toEqual({ likes: null, reposts: null, replies: null, quotes: null })
    expect(post.author.followers).toBeNull()
    expect(post.relations).toEqual([])
    expect(post.kind).toBe('post')
    expect(post.platform).toBe('rss')
  })

  it('turns categories into hashtags', () => {
    const post = onlyPost(rss(`<item><title>T</title><link>https://www.example.org/j</link>
      <category>Climate Change</category><category domain="x">#COP30</category><category>Business/Energy</category><category>2024</category>
      <dc:subject>Santé; Éducation</dc:subject></item>`))
    expect(post.hashtags).toEqual(['climatechange', 'cop30', 'business', 'energy', 'santé', 'éducation'])
  })

  it('lists posts oldest first', () => {
    const page = load(rss(`<item><title>New</title><link>https://www.example.org/new</link><pubDate>Tue, 02 Jan 2024 00:00:00 GMT</pubDate></item>
      <item><title>Old</title><link>https://www.example.org/old</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>`))
    expect(page.posts.map((p) => p.title)).toEqual(['Old', 'New'])
  })
})

describe('ids', () => {
  it('uses a guid that is a URL as it is', () => {
    const post = onlyPost(rss('<item><title>T</title><guid>https://www.example.org/?p=12</guid></item>'))
    expect(post.externalId).toBe('https://www.example.org/?p=12')
    expect(post.url).toBe('https://www.example.org/?p=12') // a guid is a permalink unless it says otherwise
  })

  it('scopes a guid that is unique only within its feed, so two feeds never collide', () => {
    const xml = rss('<item><title>T</title><guid isPermaLink="false">12</guid></item>')
    const a = onlyPost(xml, 'https://a.example/feed')
    const b = onlyPost(xml, 'https://b.example/feed')
    expect(a.externalId).toBe('https://a.example/feed#12')
    expect(b.externalId).not.toBe(a.externalId)
    expect(a.url).toBeNull()
  })

  it('uses the canonical link when there is no guid', () => {
    const post = onlyPost(rss('<item><title>T</title><link>http://WWW.Example.org/story/?utm_source=rss#top</link></item>'))
    expect(post.externalId).toBe('https://example.org/story')
    expect(post.url).toBe('http://www.example.org/story/?utm_source=rss#top')
  })

  it('hashes the title and date of an item with neither guid nor link, the same way every time', () => {
    const xml = rss('<item><title>Only a title</title><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>')
    const first = onlyPost(xml)
    expect(first.externalId).toMatch(/^https:\/\/news\.example\.org\/feed\.xml#sha256:[0-9a-f]{32}$/)
    expect(onlyPost(xml).externalId).toBe(first.externalId)
    expect(onlyPost(xml.replace('Only a title', 'Another title')).externalId).not.toBe(first.externalId)
  })

  it('records an item with no id, no link and no title as a failed item, and keeps the others', () => {
    const page = load(rss('<item><description>Orphan text</description></item><item><title>Kept</title></item>'))
    expect(page.posts.map((p) => p.title)).toEqual(['Kept'])
    expect(page.failures).toHaveLength(1)
    expect(page.failures[0]!.reason).toMatch(/no id, no link and no title/)
    expect(page.failures[0]!.raw).toContain('Orphan text')
  })
})

describe('authors', () => {
  it('makes the feed the author of items that name nobody', () => {
    const post = onlyPost(rss('<item><title>T</title><link>https://www.example.org/k</link></item>'))
    expect(post.author).toEqual({
      platform: 'rss', externalId: FEED_URL, handle: 'example.org', name: 'Le Journal & Co',
      profileUrl: 'https://www.example.org/', followers: null,
    })
  })

  it('names the writer from dc:creator or the RSS author, scoped by the feed', () => {
    const creator = onlyPost(rss('<item><title>T</title><link>https://www.example.org/l</link><dc:creator>Aïssatou Diop</dc:creator></item>'))
    expect(creator.author).toMatchObject({ externalId: `${FEED_URL}#author=A%C3%AFssatou%20Diop`, handle: 'example.org', name: 'Aïssatou Diop' })
    const author = onlyPost(rss('<item><title>T</title><link>https://www.example.org/m</link><author>desk@example.org (News Desk)</author></item>'))
    expect(author.author.name).toBe('News Desk')
  })

  it('does not take an e-mail address for a name', () => {
    const post = onlyPost(rss('<item><title>T</title><link>https://www.example.org/n</link><author>desk@example.org</author></item>'))
    expect(post.author.externalId).toBe(FEED_URL)
  })
})

describe('Atom entries', () => {
  it('resolves relative links against xml:base and reads text constructs', () => {
    const post = onlyPost(atom(`<entry><id>tag:blog.example.net,2024:1</id><title type="text">Ein &lt;Titel&gt;</title>
      <link rel="edit" href="/api/1"/><link href="/2024/eins"/><updated>2024-05-01T10:00:00+02:00</updated>
      <author><name>Jörg</name><uri>/authors/joerg</uri></author>
      <content type="html">&lt;p&gt;Hallo &lt;a href="/mehr"&gt;mehr&lt;/a&gt;&lt;/p&gt;</content></entry>`))
    expect(post).toMatchObject({
      externalId: 'tag:blog.example.net,2024:1',
      url: 'https://blog.example.net/2024/eins',
      title: 'Ein <Titel>',
      text: 'Hallo mehr',
      createdAt: '2024-05-01T08:00:00.000Z',
      declaredLang: 'de',
      links: ['https://blog.example.net/2024/eins', 'https://blog.example.net/mehr'],
    })
    expect(post.author).toMatchObject({ name: 'Jörg', handle: 'blog.example.net', profileUrl: 'https://blog.example.net/authors/joerg' })
  })

  it('prefers the published date to the updated one', () => {
    const post = onlyPost(atom('<entry><id>urn:x:1</id><title>T</title><published>2024-01-01T00:00:00Z</published><updated>2024-06-01T00:00:00Z</updated></entry>'))
    expect(post.createdAt).toBe('2024-01-01T00:00:00.000Z')
  })

  it('takes the feed title as the author name, as text', () => {
    const post = onlyPost(atom('<entry><id>urn:x:2</id><title>T</title></entry>'))
    expect(post.author.name).toBe('Das Blog')
  })
})

describe('JSON Feed items', () => {
  it('reads a JSON Feed 1.1 document', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1', title: 'Kiosque', home_page_url: 'https://kiosque.example/', language: 'fr-SN',
      items: [{
        id: '7', url: 'https://kiosque.example/7', title: 'Titre', content_html: '<p>Texte <a href="https://source.example/">source</a></p>',
        date_published: '2024-02-03T04:05:06Z', tags: ['Dakar'], authors: [{ name: 'Awa' }],
      }],
    })
    const post = onlyPost(json)
    expect(post).toMatchObject({
      externalId: `${FEED_URL}#7`, url: 'https://kiosque.example/7', title: 'Titre', text: 'Texte source',
      createdAt: '2024-02-03T04:05:06.000Z', declaredLang: 'fr', hashtags: ['dakar'],
      links: ['https://kiosque.example/7', 'https://source.example/'],
    })
    expect(post.author).toMatchObject({ name: 'Awa', handle: 'kiosque.example' })
  })
})

describe('helpers', () => {
  it('reads only the primary language subtag', () => {
    expect(declaredLanguage('en-GB')).toBe('en')
    expect(declaredLanguage('pt_BR')).toBe('pt')
    expect(declaredLanguage('')).toBeNull()
    expect(declaredLanguage('English')).toBeNull()
    expect(declaredLanguage(null)).toBeNull()
  })

  it('treats undeclared text as HTML only when it looks like HTML', () => {
    expect(plainText({ value: 'AT&T  &  friends', markup: 'auto' })).toBe('AT&T & friends')
    expect(plainText({ value: '<b>bold</b>', markup: 'auto' })).toBe('bold')
    expect(plainText({ value: '<b>literal</b>', markup: 'text' })).toBe('<b>literal</b>')
  })

  it('keeps the vowel signs of categories in Indic and Thai scripts', () => {
    // Vowel signs are combining marks: without them स्वास्थ्य (health) read "सवसथय".
    expect(categoryHashtags(['स्वास्थ्य', 'জনস্বাস্থ্য', 'สาธารณสุข', 'Santé publique'])).toEqual(['स्वास्थ्य', 'জনস্বাস্থ্য', 'สาธารณสุข', 'santépublique'])
  })

  it('drops categories that would not make a hashtag', () => {
    expect(categoryHashtags(['', ' ', '42', 'x'.repeat(65), 'ok'])).toEqual(['ok'])
  })
})
