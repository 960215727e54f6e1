import { type Handler, Parser } from 'htmlparser2'

// Post HTML is hostile input: it is reduced to plain text on the way in and never stored or
// rendered as markup. Conversion runs for every post on the ingest hot path, so the text is built
// from the parser's events as they come, without a DOM.
//
// The layout is the one the posts already stored were converted with, so that old and new texts
// read alike and a file row without an id hashes (hashedId) to the same id when imported again:
// blocks are set apart by line breaks, paragraphs by a blank line, list items get " * " or " 1. ",
// quotes "> ", <hr> a rule. Only elements that earlier conversion ran together with their
// neighbours ("CaptionText", table cells "ab") are laid out differently: as blocks, or cells a
// space apart.

// What an element does to the layout.
const BLOCK = 1
const QUOTE = 2
const PRE = 3
const LIST = 4
const BREAK = 5
const RULE = 6
const CELL = 7
const SKIP = 8
const BODY = 9

interface Layout {
  readonly kind: number
  /** Line breaks kept before and after a block. */
  readonly before: number
  readonly after: number
}

// Elements not listed are inline: only their text counts.
const LAYOUTS = new Map<string, Layout>()
function define(kind: number, before: number, after: number, names: string[]): void {
  for (const name of names) LAYOUTS.set(name, { kind, before, after })
}
define(BLOCK, 2, 2, ['p', 'table', 'h4', 'h5', 'h6'])
define(BLOCK, 3, 2, ['h1', 'h2', 'h3'])
define(BLOCK, 1, 1, ['address', 'article', 'aside', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hgroup', 'legend', 'li', 'main', 'menu',
  'nav', 'section', 'summary', 'tr'])
define(QUOTE, 2, 2, ['blockquote'])
define(PRE, 2, 2, ['pre'])
define(LIST, 2, 2, ['ul', 'ol'])
define(BREAK, 0, 0, ['br'])
define(RULE, 2, 2, ['hr'])
define(CELL, 0, 0, ['td', 'th'])
// Their text would be noise or code; images are represented by the post's media instead.
define(SKIP, 0, 0, ['img', 'script', 'style', 'iframe'])
define(BODY, 0, 0, ['body'])

const RULE_TEXT = '-'.repeat(40)
const NOT_BLANK = /\S/

// Boxes are BLOCK, QUOTE or LIST boxes as above, or:
const ROOT = 0
const ITEM = 10

/** Text under construction for the document, a block, a list or a list item. */
class Box {
  /** Finished text: child blocks, and everything inside <pre>. */
  settled = ''
  /** Inline lines already broken, each with its line breaks. */
  broken = ''
  /** Words of the line being written, one space apart. */
  line = ''
  /** Whitespace came after the last word, so the next one does not join it. */
  spaceOwed = false
  /** Line breaks a finished child block asked for before anything that follows it. */
  breaksOwed = 0
  /** A list's items in order, laid out when the list closes (the widest marker sets the indent). */
  items: Box[] | null = null
  /** An item's marker. */
  marker = ''
  /** A list's next number. */
  counter = 1

  constructor(
    readonly kind: number,
    readonly parent: Box | null,
    /** Line breaks wanted before this box; an empty parent passes them on to its own parent. */
    public before: number,
    readonly after: number,
    readonly pre: boolean,
    /** A list's numbering: '' for bullets, else the `type` of <ol>. */
    readonly style = '',
    /** A list inside a list item: tighter spacing, markers not indented. */
    readonly nested = false,
  ) {}
}

function textOf(box: Box): string {
  return box.broken === '' && box.line === '' ? box.settled : box.settled + box.broken + box.line
}

function breakLines(box: Box, count: number): void {
  box.broken += box.line + '\n'.repeat(count)
  box.line = ''
}

/** Puts a finished block's text after what the box holds, `before` line breaks apart at least. */
function addBlock(box: Box, text: string, before: number, after: number): void {
  const current = textOf(box)
  const breaks = Math.max(box.breaksOwed, before)
  box.broken = ''
  box.line = ''
  if (current) {
    box.settled = current + '\n'.repeat(breaks) + text
  }
  else {
    box.settled = text
    box.before = breaks
  }
  box.breaksOwed = after
}

// Whitespace is what HTML collapses between words, plus the zero-width space some editors put
// there; a no-break space stays part of its word until the final clean-up. Lone spaces are not
// matched, so that text already spaced normally comes back unchanged, without a copy.
const SPACES = /[\t\n\f\r\u200b][ \t\n\f\r\u200b]*| [ \t\n\f\r\u200b]+/g

function addInline(box: Box, text: string): void {
  if (box.pre) {
    box.settled += text
    return
  }
  if (text === '') return
  const flat = text.replace(SPACES, ' ')
  const leading = flat.charCodeAt(0) === 32
  if (leading && flat.length === 1) {
    // Whitespace between blocks is not text; within a line it parts words.
    if (box.breaksOwed === 0) box.spaceOwed = true
    return
  }
  if (box.breaksOwed > 0) {
    breakLines(box, box.breaksOwed)
    box.breaksOwed = 0
  }
  const trailing = flat.charCodeAt(flat.length - 1) === 32
  const words = leading || trailing ? flat.slice(leading ? 1 : 0, trailing ? -1 : flat.length) : flat
  box.line = box.line === '' ? words : box.spaceOwed || leading ? box.line + ' ' + words : box.line + words
  box.spaceOwed = trailing
}

function romanNumeral(value: number): string {
  const digits = [['', 'i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix'], ['', 'x', 'xx', 'xxx', 'xl', 'l', 'lx', 'lxx', 'lxxx', 'xc'], ['', 'c', 'cc', 'ccc', 'cd', 'd', 'dc', 'dcc', 'dccc', 'cm']]
  let text = 'm'.repeat(Math.floor(value / 1000))
  for (let place = 2, rest = value % 1000; place >= 0; place--) {
    text += digits[place]![Math.floor(rest / 10 ** place) % 10]
  }
  return text
}

function letters(value: number): string {
  let text = ''
  for (let rest = value; rest > 0; rest = Math.floor((rest - 1) / 26)) text = String.fromCharCode(97 + ((rest - 1) % 26)) + text
  return text
}

/** The number of an ordered list item as its list's `type` writes it. */
function numeral(value: number, style: string): string {
  if (style === 'a' || style === 'A') {
    if (value < 1) return String(value)
    return style === 'A' ? letters(value).toUpperCase() : letters(value)
  }
  if (style === 'i' || style === 'I') {
    if (value < 1 || value > 3999) return String(value)
    return style === 'I' ? romanNumeral(value).toUpperCase() : romanNumeral(value)
  }
  return String(value)
}

/** htmlparser2's parser, made to say which elements it treats as void. */
class HtmlParser extends Parser {
  isVoid(name: string): boolean {
    return this.isVoidElement(name)
  }
}

class TextHandler implements Partial<Handler> {
  root = new Box(ROOT, null, 1, 1, false)
  private top = this.root
  private parser: HtmlParser | null = null
  /** Open elements, innermost last, and how many boxes each opened (-1: not taken into account). */
  private readonly names: string[] = []
  private readonly opened: number[] = []
  /** The start tag being read is of an element without content or end tag. */
  private voidStarted = false
  /** The parser's end event for that element comes next. */
  private voidEnding = false
  /** Depth of the skipped element being read through, or 0. */
  private skipping = 0
  /** A <body> came inside other markup: the document is to be read again with `bodyOnly`. */
  bodyNested = false
  private bodySeen = false
  private outsideBody = false
  private bodyDepth = 0
  /** The text node being read: the parser reports it in pieces, around each entity. */
  private text = ''

  /** `bodyOnly`: keep only what <body> elements hold, from the start. */
  start(parser: HtmlParser, bodyOnly: boolean): void {
    this.parser = parser
    this.root = new Box(ROOT, null, 1, 1, false)
    this.top = this.root
    this.names.length = 0
    this.opened.length = 0
    this.voidStarted = false
    this.voidEnding = false
    this.skipping = 0
    this.bodyNested = false
    this.bodySeen = false
    this.outsideBody = bodyOnly
    this.bodyDepth = 0
    this.text = ''
  }

  // An element is only taken into account once its start tag is complete (onopentag): a tag cut
  // off at the end of a truncated post is not markup.
  onopentagname(name: string): void {
    this.voidStarted = this.parser!.isVoid(name)
    if (this.voidStarted) return
    this.names.push(name)
    this.opened.push(-1)
  }

  onopentag(name: string, attributes: Record<string, string>): void {
    this.endText()
    const isVoid = this.voidStarted
    this.voidEnding = isVoid
    const layout = LAYOUTS.get(name)
    if (layout?.kind === BODY && this.enterBody()) return
    if (this.skipping || this.outsideBody) return
    let boxes = 0
    const inList = this.top.kind === LIST
    // Everything directly inside a list is an item; only <li> gets a marker.
    if (inList) {
      this.openItem(name === 'li' ? this.nextMarker() : '')
      boxes++
    }
    const top = this.top
    switch (layout?.kind) {
      case BLOCK:
        // An <li> of a list is the item just opened.
        if (inList && name === 'li') break
        this.top = new Box(BLOCK, top, layout.before, layout.after, top.pre)
        boxes++
        break
      case QUOTE:
        this.top = new Box(QUOTE, top, layout.before, layout.after, top.pre)
        boxes++
        break
      case PRE:
        this.top = new Box(BLOCK, top, layout.before, layout.after, true)
        boxes++
        break
      case LIST: {
        const nested = this.names[this.names.length - 2] === 'li'
        const list = new Box(LIST, top, nested ? 1 : layout.before, nested ? 1 : layout.after, top.pre, name === 'ol' ? attributes.type || '1' : '', nested)
        const start = Number.parseInt(attributes.start ?? '', 10)
        if (name === 'ol' && Number.isFinite(start)) list.counter = start
        this.top = list
        boxes++
        break
      }
      case BREAK:
        if (top.pre) top.settled += '\n'
        else breakLines(top, 1)
        break
      case RULE:
        addBlock(top, RULE_TEXT, layout.before, layout.after)
        break
      case CELL:
        top.spaceOwed = true
        break
      case SKIP:
        if (!isVoid) this.skipping = this.names.length
        break
    }
    if (isVoid) {
      for (; boxes > 0; boxes--) this.closeBox()
    }
    else {
      this.opened[this.opened.length - 1] = boxes
    }
  }

  /**
   * Only what <body> elements hold is text, when there is one. True when this <body> starts
   * being read as that; false when it is an ordinary element (one inside another body).
   */
  private enterBody(): boolean {
    if (!this.outsideBody) {
      if (this.bodySeen) return false
      if (this.skipping || this.top !== this.root) {
        this.bodyNested = true
        return false
      }
      // What came before the body (head, title) is dropped.
      this.root = new Box(ROOT, null, 1, 1, false)
      this.top = this.root
    }
    this.outsideBody = false
    this.bodySeen = true
    this.bodyDepth = this.names.length
    this.opened[this.opened.length - 1] = 0
    return true
  }

  onclosetag(name: string): void {
    if (this.voidEnding) {
      this.voidEnding = false
      return
    }
    this.endText()
    const depth = this.names.length
    this.names.pop()
    let boxes = this.opened.pop() ?? -1
    if (this.skipping) {
      if (depth !== this.skipping) return
      this.skipping = 0
    }
    if (depth === this.bodyDepth) {
      this.bodyDepth = 0
      this.outsideBody = true
      return
    }
    if (boxes < 0) return
    if (LAYOUTS.get(name)?.kind === CELL) this.top.spaceOwed = true
    for (; boxes > 0; boxes--) this.closeBox()
  }

  ontext(text: string): void {
    if (this.skipping || this.outsideBody) return
    this.text = this.text === '' ? text : this.text + text
  }

  onend(): void {
    this.endText()
  }

  oncomment(): void {
    this.endText()
    this.emptyItem()
  }

  onprocessinginstruction(): void {
    this.endText()
    this.emptyItem()
  }

  /** Comments and declarations directly inside a list are items of their own, empty ones. */
  private emptyItem(): void {
    if (this.skipping || this.outsideBody || this.top.kind !== LIST) return
    this.openItem('')
    this.closeBox()
  }

  private endText(): void {
    const text = this.text
    if (text === '') return
    this.text = ''
    if (this.top.kind !== LIST) {
      addInline(this.top, text)
    }
    // Directly inside a list, text is an item of its own, unless it is only whitespace.
    else if (NOT_BLANK.test(text)) {
      this.openItem('')
      addInline(this.top, text)
      this.closeBox()
    }
  }

  private nextMarker(): string {
    const list = this.top
    const marker = list.style === '' ? ' * ' : ` ${numeral(list.counter++, list.style)}. `
    return list.nested ? marker.trimStart() : marker
  }

  private openItem(marker: string): void {
    const list = this.top
    const item = new Box(ITEM, list, 1, 1, list.pre)
    item.marker = marker
    list.items ??= []
    list.items.push(item)
    this.top = item
  }

  private closeBox(): void {
    const box = this.top
    const parent = box.parent!
    this.top = parent
    if (box.kind === ITEM) return
    if (box.kind === LIST) {
      const items = box.items ?? []
      let width = 0
      for (const item of items) width = Math.max(width, item.marker.length)
      const indent = '\n' + ' '.repeat(width)
      for (const item of items) {
        addBlock(box, item.marker.padEnd(width) + textOf(item).replaceAll('\n', indent), item.before, Math.max(item.breaksOwed, 1))
      }
      const text = textOf(box)
      if (text) addBlock(parent, text, box.before, box.after)
      return
    }
    let text = textOf(box)
    if (box.kind === QUOTE) text = '> ' + text.replace(/^\n+|\n+$/g, '').replaceAll('\n', '\n> ')
    addBlock(parent, text, box.before, Math.max(box.breaksOwed, box.after))
  }
}

const handler = new TextHandler()

function convert(html: string, bodyOnly: boolean): string {
  // A parser per call: htmlparser2 10.1's reset() keeps the tokenizer's "inside <script>" state
  // when the previous input ended in an unclosed <script>, <style>, <title> or <textarea>.
  const parser = new HtmlParser(handler, { decodeEntities: true })
  handler.start(parser, bodyOnly)
  parser.end(html)
  if (handler.bodyNested && !bodyOnly) return convert(html, true)
  return textOf(handler.root)
}

export function htmlToText(html: string | null | undefined): string {
  if (!html) return ''
  let text = convert(html, false)
  if (text.includes('\u00A0')) text = text.replaceAll('\u00A0', ' ')
  if (text.includes(' \n') || text.includes('\t\n')) text = text.replace(/[ \t]+\n/g, '\n')
  if (text.includes('\n\n\n')) text = text.replace(/\n{3,}/g, '\n\n')
  return text.trim()
}

/** The value as an absolute http(s) URL (resolved against `base` when given), or null. */
export function httpUrl(raw: string | null | undefined, base?: string): string | null {
  if (!raw) return null
  try {
    const url = new URL(raw.trim(), base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  }
  catch {
    return null
  }
}

/** Every href of <a> elements, absolute http(s) only. */
export function linksInHtml(html: string | null | undefined, base?: string): string[] {
  if (!html) return []
  const found = new Set<string>()
  for (const match of html.matchAll(/<a\b[^>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const href = decodeEntities(match[1] ?? match[2] ?? match[3] ?? '')
    try {
      const url = new URL(href, base)
      if (url.protocol === 'http:' || url.protocol === 'https:') found.add(url.toString())
    }
    catch {
      // not a URL: ignore
    }
  }
  return [...found]
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src|ref_url|_hsenc|_hsmi|mkt_tok)$/i

/**
 * The form of a link used to recognise the same article shared from different places:
 * lower-case host without "www.", no fragment, no tracking parameters, no default port,
 * remaining parameters sorted, no trailing slash.
 */
export function canonicalUrl(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw.trim())
  }
  catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  // Most links are canonical already but for a fragment (every social post's own link): read
  // off, not rewritten. Each setter below re-parses the whole URL: 2.7 µs a link against 1.0.
  if (url.protocol === 'https:' && url.port === '' && url.search === '' && url.username === '' && url.password === '' && !url.hostname.startsWith('www.')) {
    const { hostname, pathname } = url
    return pathname.length > 1 && pathname.endsWith('/') ? `https://${hostname}${pathname.slice(0, -1)}` : `https://${hostname}${pathname}`
  }
  url.hash = ''
  url.hostname = url.hostname.toLowerCase().replace(/^www\./, '')
  url.protocol = 'https:'
  if (url.port === '80' || url.port === '443') url.port = ''
  const kept = [...url.searchParams.entries()].filter(([key]) => !TRACKING_PARAMS.test(key)).sort(([a], [b]) => a.localeCompare(b))
  url.search = new URLSearchParams(kept).toString()
  let text = url.toString()
  if (url.pathname.length > 1 && text.endsWith('/') && !url.search) text = text.slice(0, -1)
  return text
}

/** Hashtags as stored: lower-case, no '#', Unicode letters kept. */
export function normaliseHashtag(tag: string): string {
  return tag.replace(/^#/, '').normalize('NFC').toLowerCase()
}

// \p{M}: vowel signs and other combining marks are part of words in Devanagari, Arabic...
const HASHTAG = /(?:^|[^\p{L}\p{M}\p{N}_&/])#([\p{L}\p{M}\p{N}_]*[\p{L}_][\p{L}\p{M}\p{N}_]*)/gu
/** Hashtags written in plain text, for sources that do not list them. */
export function hashtagsInText(text: string): string[] {
  return [...new Set([...text.matchAll(HASHTAG)].map((m) => normaliseHashtag(m[1]!)))]
}

/**
 * A boost or repost that adds no words to what it repeats: its language is its original's, and
 * it has no sentiment or topic of its own.
 */
export function isWordlessRepost(post: { kind: string, text: string, title: string | null }): boolean {
  return post.kind === 'repost' && !post.text.trim() && !post.title
}
