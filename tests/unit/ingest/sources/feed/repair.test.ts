import { parseFeed } from 'feedsmith'
import { describe, expect, it } from 'vitest'
import { cleanFeedXml, closeTruncatedFeed, itemElements } from '../../../../../ingest/sources/feed/repair'

const PROLOG = '<?xml version="1.0" encoding="utf-8"?>'
const item = (title: string, extra = '') => `<item><title>${title}</title><link>https://example.org/${encodeURIComponent(title)}</link>${extra}</item>`
const rss = (...items: string[]) => `${PROLOG}<rss version="2.0"><channel><title>News</title>${items.join('')}</channel></rss>`

function titles(xml: string): (string | undefined)[] {
  const parsed = parseFeed(xml)
  if (parsed.format !== 'rss') throw new Error(`expected RSS, got ${parsed.format}`)
  return (parsed.feed.items ?? []).map((i) => i.title)
}

describe('cleanFeedXml', () => {
  it('removes a PHP warning printed before the XML declaration', () => {
    const { text, repairs, linesDropped } = cleanFeedXml(`Warning: mysql_connect() in /var/www/feed.php on line 3<br />\n${rss(item('One'))}`)
    expect(text.startsWith(PROLOG)).toBe(true)
    expect(repairs.join()).toMatch(/removed text before the XML \("Warning: mysql_connect/)
    expect(linesDropped).toBe(1)
  })

  it('removes blank lines and a comment before the declaration without calling it junk', () => {
    const { text, repairs } = cleanFeedXml(`\n\n  <!-- generated -->\n${rss(item('One'))}`)
    expect(text.startsWith(PROLOG)).toBe(true)
    expect(repairs).toEqual([])
  })

  it('keeps a document that starts correctly as it is', () => {
    const xml = rss(item('One'))
    expect(cleanFeedXml(xml)).toEqual({ text: xml, repairs: [], droppedTail: null, linesDropped: 0 })
  })

  it('escapes a bare ampersand and leaves entities alone', () => {
    const { text, repairs } = cleanFeedXml(rss(item('Tom & Jerry &amp; friends &#169; &eacute;t&eacute;')))
    expect(text).toContain('<title>Tom &amp; Jerry &amp; friends &#169; &eacute;t&eacute;</title>')
    expect(repairs).toContain("escaped 1 bare '&'")
  })

  it('keeps a query string whose parameter looks like an entity name', () => {
    // Left as is, "&copy=2" would be read as the © entity by a lenient HTML decoder.
    const { text } = cleanFeedXml(`${PROLOG}<rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://example.org/?a=1&copy=2</link></item></channel></rss>`)
    const parsed = parseFeed(text)
    expect(parsed.format === 'rss' && parsed.feed.items?.[0]?.link).toBe('https://example.org/?a=1&copy=2')
  })

  it('does not touch ampersands inside CDATA', () => {
    const { text, repairs } = cleanFeedXml(rss(item('<![CDATA[Fish & chips]]>')))
    expect(text).toContain('<![CDATA[Fish & chips]]>')
    expect(repairs).toEqual([])
  })

  it('escapes a bare less-than sign that would end the parse', () => {
    const { text } = cleanFeedXml(rss(item('1 < 2')))
    expect(titles(text)).toEqual(['1 < 2'])
  })

  it('removes control characters XML does not allow', () => {
    const { text, repairs } = cleanFeedXml(rss(item('bell\u0007 and\u000B tab\tkept')))
    expect(titles(text)).toEqual(['bell and tab\tkept'])
    expect(repairs.join()).toMatch(/removed 2 control characters/)
  })

  it('closes a CDATA section that never ends, so the next items are not swallowed', () => {
    const broken = rss(item('<![CDATA[First'), item('<![CDATA[Second]]>'), item('Third'))
    expect(titles(broken)).not.toContain('Second') // what happens without the repair
    const { text, repairs } = cleanFeedXml(broken)
    expect(titles(text)).toEqual(['First', 'Second', 'Third'])
    expect(repairs).toContain('closed 1 CDATA section that did not end')
  })
})

describe('closeTruncatedFeed', () => {
  it('leaves out the item the document was cut in and closes the rest', () => {
    const whole = rss(item('One'), item('Two'), item('Three'))
    const cut = whole.slice(0, whole.indexOf('Three') + 2)
    const repaired = closeTruncatedFeed(cut)!
    expect(titles(repaired.text)).toEqual(['One', 'Two'])
    expect(repaired.droppedTail).toBe('<item><title>Th')
    expect(repaired.repairs.join()).toMatch(/truncated/)
  })

  it('handles a document cut inside a CDATA section', () => {
    const whole = rss(item('One'), item('Two', '<description><![CDATA[<p>A long story & more</p>]]></description>'))
    const cut = whole.slice(0, whole.indexOf('long story'))
    const repaired = closeTruncatedFeed(cut)!
    expect(titles(repaired.text)).toEqual(['One'])
    expect(repaired.droppedTail).toMatch(/^<item><title>Two<\/title>.*<!\[CDATA\[<p>A $/)
  })

  it('keeps and closes text cut outside any item', () => {
    const repaired = closeTruncatedFeed(`${PROLOG}<rss version="2.0"><channel><title>News of the da`)!
    expect(repaired.text).toBe(`${PROLOG}<rss version="2.0"><channel><title>News of the da</title></channel></rss>`)
    expect(repaired.droppedTail).toBeNull()
  })

  it('finds nothing to do in a complete document', () => {
    expect(closeTruncatedFeed(rss(item('One')))).toBeNull()
  })
})

describe('a cut-short document', () => {
  it('is closed before parsing, without the half-written item the parser would otherwise keep', () => {
    const whole = rss(item('One'), item('Two', '<description>Half of the st</description>'))
    const cut = whole.slice(0, whole.indexOf('<description>'))
    expect(titles(cut)).toEqual(['One', 'Two']) // what the parser alone makes of it
    const cleaned = cleanFeedXml(cut)
    expect(titles(cleaned.text)).toEqual(['One'])
    expect(cleaned.droppedTail).toMatch(/^<item><title>Two<\/title>/)
  })

  it('is not confused by an odd quote in raw HTML', () => {
    const xml = rss(item('One', "<description><span title=don't>x</span></description>"), item('Two'))
    expect(cleanFeedXml(xml)).toMatchObject({ text: xml, droppedTail: null })
  })

  it('only loses a missing closing tag when no item was cut', () => {
    const cleaned = cleanFeedXml(rss(item('One')).replace('</rss>', ''))
    expect(titles(cleaned.text)).toEqual(['One'])
    expect(cleaned.droppedTail).toBeNull()
  })
})

describe('itemElements', () => {
  it('lists items and entries but not look-alikes inside CDATA', () => {
    const xml = rss(item('One', '<description><![CDATA[<item>not one</item>]]></description>'), '<item/>')
    expect(itemElements(xml)).toHaveLength(2)
  })
})
