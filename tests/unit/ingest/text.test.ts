import { describe, expect, it } from 'vitest'
import { canonicalUrl, hashtagsInText, htmlToText, linksInHtml } from '../../../ingest/text'

describe('htmlToText', () => {
  it('keeps the words and drops the markup, scripts and images of hostile HTML', () => {
    const text = htmlToText('<p>Hello <a href="https://x.org">#<span>Refugees</span></a><br>line 2</p><p>a &amp; b <script>alert(1)</script><img src=x onerror=alert(1)></p>')
    expect(text).toBe('Hello #Refugees\nline 2\n\na & b')
  })

  it('never lets script, style or iframe content through, however the markup is broken', () => {
    expect(htmlToText('<style>p{color:red}</style>text<iframe src=x>inner</iframe> end')).toBe('text end')
    expect(htmlToText('<p>before<script>alert(1)')).toBe('before')
    expect(htmlToText('<p>Hello <b>world')).toBe('Hello world')
  })

  it('reads the next post normally after one that ended inside an unclosed <script>', () => {
    expect(htmlToText('<p>a</p><script>alert(1)')).toBe('a')
    expect(htmlToText('<p>b</p>')).toBe('b')
  })

  it('shows escaped markup and entities as the characters they stand for', () => {
    expect(htmlToText('&lt;script&gt;alert(1)&lt;/script&gt; it&#x27;s &amp;lt;b&amp;gt; &#128512; &bogus; a&nbsp;b'))
      .toBe("<script>alert(1)</script> it's &lt;b&gt; 😀 &bogus; a b")
    expect(htmlToText('1 < 2 and 3 > 2')).toBe('1 < 2 and 3 > 2')
    expect(htmlToText('AT&T, Q&amp;A, &copy 2024')).toBe('AT&T, Q&A, © 2024')
  })

  it('drops a tag cut off by truncation instead of showing a stray marker, quote or rule', () => {
    expect(htmlToText('<p>Read more <a href="https://ex')).toBe('Read more')
    expect(htmlToText('<ul><li>one</li><li cla')).toBe('* one')
    expect(htmlToText('<p>a</p><blockquote cla')).toBe('a')
    expect(htmlToText('<p>a</p><hr clas')).toBe('a')
  })

  it('collapses whitespace in running text but keeps it in <pre>', () => {
    expect(htmlToText('<p>a   b\n\tc</p>')).toBe('a b c')
    expect(htmlToText('<pre>x  =  1\n  y</pre><p>after</p>')).toBe('x  =  1\n  y\n\nafter')
  })

  it('sets blocks apart: headings as written, divisions on their own line, quotes marked', () => {
    expect(htmlToText('<h1>Title</h1><h2>Sub</h2><p>Body</p>')).toBe('Title\n\nSub\n\nBody')
    expect(htmlToText('<div>a</div><div>b</div>')).toBe('a\nb')
    expect(htmlToText('<blockquote><p>quoted</p><p>twice</p></blockquote><p>reply</p>')).toBe('> quoted\n>\n> twice\n\nreply')
  })

  it('writes lists with markers, numbering from start and type, nested lists indented', () => {
    expect(htmlToText('<ul><li>a</li><li>b<ul><li>c</li><li>d</li></ul></li></ul><p>after</p>')).toBe('* a\n * b\n   * c\n   * d\n\nafter')
    expect(htmlToText('<ol start="9"><li>nine</li><li>ten</li></ol>')).toBe('9.  nine\n 10. ten')
    expect(htmlToText('<ol type="a"><li>x</li><li>y</li></ol><ol type="I" start="4"><li>x</li></ol>')).toBe('a. x\n b. y\n\n IV. x')
  })

  it('keeps table rows, cells, captions and definitions apart instead of running words together', () => {
    expect(htmlToText('<table><tr><th>Year</th><th>Seats</th></tr><tr><td>2024</td><td>12</td></tr></table>')).toBe('Year Seats\n2024 12')
    expect(htmlToText('<figure><img src=x><figcaption>Photo: AP</figcaption></figure>Protesters gathered')).toBe('Photo: AP\nProtesters gathered')
    expect(htmlToText('<dl><dt>Term</dt><dd>Definition</dd></dl>')).toBe('Term\nDefinition')
  })

  it('takes only the body of a whole HTML document', () => {
    expect(htmlToText('<html><head><title>Site name</title></head><body><p>Post</p></body></html>')).toBe('Post')
    expect(htmlToText('<div><p>Intro</p><body><p>Post</p></body></div>')).toBe('Post')
    // Without a body element everything counts, whatever a comment or script says.
    expect(htmlToText('<p>Post</p><!-- <body> --><script>"<body>"</script>')).toBe('Post')
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

  it('gives a link that is canonical but for its fragment or trailing slash the same form', () => {
    expect(canonicalUrl('https://toot.example/@amina/1174165#replies')).toBe('https://toot.example/@amina/1174165')
    expect(canonicalUrl('https://Example.org/story/')).toBe('https://example.org/story')
    expect(canonicalUrl('https://example.org/a//')).toBe('https://example.org/a/')
    expect(canonicalUrl('https://example.org/')).toBe('https://example.org/')
    expect(canonicalUrl('https://example.org/?')).toBe('https://example.org/')
    expect(canonicalUrl('https://www.example.org/story')).toBe('https://example.org/story')
    expect(canonicalUrl('https://example.org:443/story')).toBe('https://example.org/story')
    expect(canonicalUrl('https://user@example.org/story/')).toBe('https://user@example.org/story')
  })
})

describe('hashtagsInText', () => {
  it('finds hashtags in any script, lower-cased, without numbers-only tags or URL fragments', () => {
    expect(hashtagsInText('Fund #ClimateFinance now! #COP30 #éducation #لاجئين #सार्वजनिक_स्वास्थ्य #123 see example.com/#anchor'))
      .toEqual(['climatefinance', 'cop30', 'éducation', 'لاجئين', 'सार्वजनिक_स्वास्थ्य'])
  })
})
