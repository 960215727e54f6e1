import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { FeedFormatError, importFeedPayload } from '../../../../../ingest/sources/feed'
import { MalformedResponseError } from '../../../../../ingest/http'
import type { Page } from '../../../../../ingest/types'

// Whole documents, as bytes, through decoding, repair, parsing and mapping.

const NOW = new Date('2026-03-01T09:00:00Z')

function rss(titles: string[], prolog = '<?xml version="1.0"?>'): string {
  const items = titles.map((t, i) => `<item><title>${t}</title><link>https://example.org/${i + 1}</link></item>`).join('')
  return `${prolog}<rss version="2.0"><channel><title>Feed</title><link>https://example.org/</link>${items}</channel></rss>`
}

function load(body: Buffer | string, origin = 'test.xml'): Page {
  return importFeedPayload(Buffer.isBuffer(body) ? body : Buffer.from(body), { origin, now: NOW })
}

function refusal(body: Buffer | string, origin = 'test.xml'): FeedFormatError {
  let caught: unknown
  try {
    load(body, origin)
  }
  catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(FeedFormatError)
  expect(caught).toBeInstanceOf(MalformedResponseError) // the pipeline's "malformed payload" kind
  return caught as FeedFormatError
}

describe('feeds in many encodings', () => {
  it.each([
    ['UTF-16LE with a BOM', 'utf-16le', true, 'مرحبا بالعالم — الأخبار'],
    ['Shift_JIS without a declaration', 'shift_jis', false, '東京都は新しい気候変動対策を発表しました。再生可能エネルギーの導入を加速します。'],
    ['KOI8-R without a declaration', 'koi8-r', false, 'Правительство объявило о новых мерах поддержки малого бизнеса в регионах страны.'],
    ['windows-1255 without a declaration', 'windows-1255', false, 'הממשלה הודיעה היום על תוכנית חדשה לחיזוק מערכת החינוך בפריפריה של המדינה.'],
  ])('reads titles in %s', (_label, encoding, bom, title) => {
    const page = load(iconv.encode(rss([title, 'ASCII title']), encoding, { addBOM: bom }))
    expect(page.posts.map((p) => p.title)).toEqual([title, 'ASCII title'])
  })

  it('reads the encoding the XML declaration names', () => {
    const page = load(iconv.encode(rss(['Ελληνικά νέα'], '<?xml version="1.0" encoding="ISO-8859-7"?>'), 'iso-8859-7'))
    expect(page.posts[0]!.title).toBe('Ελληνικά νέα')
  })
})

describe('repaired feeds', () => {
  it('reads a feed with junk before the prolog and says it was repaired', () => {
    const page = load(`<br />\n<b>Notice</b>: Undefined index: id in <b>/srv/feed.php</b> on line <b>12</b><br />\n${rss(['One'])}`)
    expect(page.posts.map((p) => p.title)).toEqual(['One'])
    expect(page.notes?.join(' ')).toMatch(/repaired: removed text before the XML/)
  })

  it('reads a feed with a bare ampersand', () => {
    const page = load(rss(['Tom & Jerry', 'R&D budget']))
    expect(page.posts.map((p) => p.title)).toEqual(['Tom & Jerry', 'R&D budget'])
  })

  it('keeps the items before a truncated CDATA section and reports the cut item', () => {
    const whole = rss(['One']).replace('</channel>', '<item><title>Two</title><description><![CDATA[<p>Cut here and never</p>]]></description></item></channel>')
    const page = load(whole.slice(0, whole.indexOf('and never')))
    expect(page.posts.map((p) => p.title)).toEqual(['One'])
    expect(page.failures).toHaveLength(1)
    expect(page.failures[0]!.reason).toMatch(/ends in the middle of this item \(truncated\)/)
    expect(page.failures[0]!.raw).toContain('<title>Two</title>')
  })

  it('reports an empty item instead of dropping it silently', () => {
    const page = load(rss(['One']).replace('</channel>', '<item></item></channel>'))
    expect(page.posts).toHaveLength(1)
    expect(page.failures.map((f) => f.reason)).toEqual([expect.stringMatching(/it is empty/)])
  })
})

describe('documents that are not feeds', () => {
  it('says an HTML page is an HTML page', () => {
    const error = refusal('<!DOCTYPE html><html><head><title>Login</title></head><body>Please sign in</body></html>', 'https://example.org/feed')
    expect(error.message).toBe('https://example.org/feed is an HTML page, not an RSS, Atom, RDF or JSON feed')
    expect(error.url).toBe('https://example.org/feed')
  })

  it('names the root element of other XML', () => {
    expect(refusal('<?xml version="1.0"?><opml version="2.0"><body/></opml>').message).toMatch(/XML with a <opml> root element/)
  })

  it('says what is wrong with XML that cannot be repaired, and where in the file', () => {
    expect(refusal(rss(['One']).replace('</title>', '</titel>')).message)
      .toBe('the feed test.xml is not well-formed XML and could not be repaired (line 1, column 61: Expected closing tag \'title\' (opened in line 1) instead of closing tag \'titel\'.)')
    // Lines printed before the XML are dropped, and still counted; an escaped '&' on the line moves its columns, so none is given.
    const broken = ['Warning: cannot modify header', '', '<?xml version="1.0"?>', '<rss version="2.0"><channel><title>Tom & Jerry</title>', '<item><title>One</title><link>https://example.org/1</item>', '</channel></rss>']
    expect(refusal(broken.join('\n')).message).toMatch(/could not be repaired \(line 5, column 52: Expected closing tag 'link' \(opened in line 5\) instead of closing tag 'item'\.\)$/)
    broken[4] = '<item><title>One & two</title><link>https://example.org/1</item>'
    expect(refusal(broken.join('\n')).message).toMatch(/could not be repaired \(line 5: Expected closing tag 'link' \(opened in line 5\) instead of closing tag 'item'\.\)$/)
  })

  it('refuses an empty body', () => {
    expect(refusal('  \n ').message).toBe('the feed test.xml is empty')
  })

  it('says malformed JSON is malformed', () => {
    expect(refusal('{"version":"https://jsonfeed.org/version/1.1","items":[').message).toMatch(/is malformed JSON/)
  })

  it('says JSON that is not a JSON Feed is not one', () => {
    expect(refusal('{"data":[1,2,3]}').message).toMatch(/JSON but not a JSON Feed/)
  })
})
