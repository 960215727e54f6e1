import { describe, expect, it } from 'vitest'
import { canonicalUrl, hashtagsInText, htmlToText, linksInHtml } from '../../../ingest/text'

describe('htmlToText', () => {
  it('keeps the words and drops the markup, scripts and images of hostile HTML', () => {
    const text = htmlToText('<p>Hello <a href="https://x.org">#<span>Refugees</span></a><br>line 2</p><p>a &amp; b <script>alert(1)</script><img src=x onerror=alert(1)></p>')
    expect(text).toBe('Hello #Refugees\nline 2\n\na & b')
  })
})

describe('linksInHtml', () => {
  it('decodes named and numeric entities in links and resolves relative ones', () => {
    expect(linksInHtml('<a href="https:&#x2F;&#x2F;news.org&#47;a?x=1&amp;y=2">a</a> <a href=/rel>r</a> <a href="javascript:alert(1)">j</a>', 'https://base.org/'))
      .toEqual(['https://news.org/a?x=1&y=2', 'https://base.org/rel'])
  })
})

describe('canonicalUrl', () => {
  it('recognises the same article behind tracking parameters, fragments, www and http', () => {
    expect(canonicalUrl('http://www.Example.org:80/path/?utm_source=a&b=2&a=1&fbclid=z#frag')).toBe('https://example.org/path/?a=1&b=2')
    expect(canonicalUrl('https://example.org/story/')).toBe(canonicalUrl('https://example.org/story'))
    expect(canonicalUrl('javascript:alert(1)')).toBeNull()
    expect(canonicalUrl('not a url')).toBeNull()
  })
})

describe('hashtagsInText', () => {
  it('finds hashtags in any script, lower-cased, without numbers-only tags or URL fragments', () => {
    expect(hashtagsInText('Fund #ClimateFinance now! #COP30 #éducation #لاجئين #सार्वजनिक_स्वास्थ्य #123 see example.com/#anchor'))
      .toEqual(['climatefinance', 'cop30', 'éducation', 'لاجئين', 'सार्वजनिक_स्वास्थ्य'])
  })
})
