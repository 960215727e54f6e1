// Repairs for feed XML that is almost well-formed. Feed readers have always been lenient
// (the "liberal parsing" of Mark Pilgrim's Universal Feed Parser) because publishers ship
// PHP warnings before the prolog, bare ampersands in titles, CDATA that never ends and
// documents cut off by a full disk or a proxy. Pure string → string functions.

export interface Repaired {
  text: string
  /** Each repair made, as a sentence for the run record. */
  repairs: string[]
}

export interface ClosedFeed extends Repaired {
  /** The incomplete last item of a cut-short document, left out of the repaired text. */
  droppedTail: string | null
}

export interface CleanedFeed extends ClosedFeed {
  /**
   * Lines dropped before the XML: a line of the repaired text is this many lines further in the
   * original. No other repair adds or removes a line break.
   */
  linesDropped: number
}

/**
 * Every repair, in order, before the parse. Each one leaves a well-formed document unchanged, and
 * each is needed even when the parser would not complain: the XML parser under feedsmith accepts a
 * document cut off mid-item and a CDATA section that swallows the next items, and returns wrong data.
 */
export function cleanFeedXml(text: string): CleanedFeed {
  const repairs: string[] = []
  let out = stripJunkBeforeRoot(text, repairs)
  const dropped = text.slice(0, text.length - out.length)
  const linesDropped = dropped.length - dropped.replaceAll('\n', '').length
  out = stripControlCharacters(out, repairs)
  out = closeUnterminatedCdata(out, repairs)
  out = escapeStrayMarkup(out, repairs)
  const truncated = closeTruncatedFeed(out)
  if (!truncated) return { text: out, repairs, droppedTail: null, linesDropped }
  return { text: truncated.text, repairs: [...repairs, ...truncated.repairs], droppedTail: truncated.droppedTail, linesDropped }
}

const ROOT_ELEMENT = /<(?:[\w.-]+:)?(?:rss|feed|rdf)[\s>]/i
const XML_DECLARATION = /<\?xml\s/

// Markup allowed before the root element: a DOCTYPE, comments, processing instructions.
const PROLOG_MARKUP = /<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/gi

/**
 * Anything before the XML declaration (or, without one, before the root element) is dropped: the
 * declaration must be the first thing in a document (XML 1.0 §2.8), and servers print warnings,
 * blank lines and byte-order marks ahead of it. A DOCTYPE or comment dropped on the way is harmless
 * (entities are not expanded) and is not reported.
 */
function stripJunkBeforeRoot(text: string, repairs: string[]): string {
  const root = text.search(ROOT_ELEMENT)
  const declaration = text.search(XML_DECLARATION)
  let start = declaration !== -1 && (root === -1 || declaration < root) ? declaration : root
  if (start === -1) start = text.indexOf('<')
  if (start <= 0) return text
  const junk = text.slice(0, start).replace(PROLOG_MARKUP, '').trim()
  if (junk) repairs.push(`removed text before the XML (${describe(junk)})`)
  return text.slice(start)
}

// XML 1.0 §2.2 allows tab, LF and CR among the C0 controls, and neither U+FFFE nor U+FFFF.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

function stripControlCharacters(text: string, repairs: string[]): string {
  let count = 0
  const out = text.replace(FORBIDDEN_CHARACTERS, () => {
    count++
    return ''
  })
  if (count) repairs.push(`removed ${count} control character${count > 1 ? 's' : ''} XML does not allow`)
  return out
}

const CDATA_AFTER_TAG = /<([A-Za-z_][\w:.-]*)(?:\s[^<>]*)?>\s*<!\[CDATA\[/g

/**
 * A CDATA section whose element closes before the section does was never terminated: without a
 * repair it silently swallows the following items. `]]>` is put back before the closing tag.
 */
function closeUnterminatedCdata(text: string, repairs: string[]): string {
  let out = ''
  let copied = 0
  let count = 0
  for (const match of text.matchAll(CDATA_AFTER_TAG)) {
    const start = match.index + match[0].length
    if (start < copied) continue
    const end = text.indexOf(']]>', start)
    const close = text.indexOf(`</${match[1]}>`, start)
    if (close !== -1 && (end === -1 || close < end)) {
      out += `${text.slice(copied, close)}]]>`
      copied = close
      count++
    }
  }
  if (!count) return text
  repairs.push(`closed ${count} CDATA section${count > 1 ? 's' : ''} that did not end`)
  return out + text.slice(copied)
}

// CDATA sections and comments are literal: nothing inside them is escaped. A section still open
// at the end of a cut-short document counts as one too.
const LITERAL = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)/g
const BARE_AMPERSAND = /&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)/g
const BARE_LESS_THAN = /<(?![A-Za-z_:/!?])/g

/** `&` that starts no entity and `<` that starts no markup are escaped, as the author meant them. */
function escapeStrayMarkup(text: string, repairs: string[]): string {
  let ampersands = 0
  let lessThans = 0
  const escape = (segment: string) => segment
    .replace(BARE_AMPERSAND, () => {
      ampersands++
      return '&amp;'
    })
    .replace(BARE_LESS_THAN, () => {
      lessThans++
      return '&lt;'
    })
  let out = ''
  let copied = 0
  for (const match of text.matchAll(LITERAL)) {
    out += escape(text.slice(copied, match.index)) + match[0]
    copied = match.index + match[0].length
  }
  out += escape(text.slice(copied))
  if (ampersands) repairs.push(`escaped ${ampersands} bare '&'`)
  if (lessThans) repairs.push(`escaped ${lessThans} bare '<'`)
  return out
}

interface OpenTag {
  name: string
  start: number
}

interface Scan {
  open: OpenTag[]
  /** Where an unfinished tag, comment or CDATA section starts, if the text ends inside one. */
  cutAt: number | null
  cutInCdata: boolean
}

const TAG = /<(?:[^>"']|"[^"]*"|'[^']*')*>/y
const LITERALS: [string, string][] = [['<![CDATA[', ']]>'], ['<!--', '-->'], ['<?', '?>']]

function tokenEnd(text: string, at: number): number {
  for (const [opener, closer] of LITERALS) {
    if (!text.startsWith(opener, at)) continue
    const end = text.indexOf(closer, at + opener.length)
    return end === -1 ? -1 : end + closer.length
  }
  TAG.lastIndex = at
  if (TAG.exec(text)) return TAG.lastIndex
  // An odd quote (<span title=don't>) defeats the quote-aware match: the tag ends at the next '>'.
  // Only a '<' with no '>' after it at all is an unfinished tag.
  const close = text.indexOf('>', at)
  return close === -1 ? -1 : close + 1
}

/** Updates the open-element stack for one tag; returns the element a closing tag closed. */
function applyTag(tag: string, at: number, open: OpenTag[]): OpenTag | null {
  if (tag.startsWith('<!') || tag.startsWith('<?')) return null
  if (tag.startsWith('</')) {
    const name = tag.slice(2, -1).trim()
    const index = open.map((t) => t.name).lastIndexOf(name)
    if (index === -1) return null
    const closed = open[index]!
    open.length = index
    return closed
  }
  const name = /^<([^\s/>]+)/.exec(tag)?.[1]
  if (!name) return null
  if (tag.endsWith('/>')) return { name, start: at }
  open.push({ name, start: at })
  return null
}

/**
 * Walks the tags of a document, skipping CDATA, comments and processing instructions, and calls
 * `closed` with each element that ends (lenient: a stray closing tag is ignored).
 */
function walkElements(text: string, closed: (element: OpenTag, end: number) => void = () => {}): Scan {
  const open: OpenTag[] = []
  let at = text.indexOf('<')
  while (at !== -1) {
    const end = tokenEnd(text, at)
    if (end === -1) return { open, cutAt: at, cutInCdata: text.startsWith('<![CDATA[', at) }
    const element = applyTag(text.slice(at, end), at, open)
    if (element) closed(element, end)
    at = text.indexOf('<', end)
  }
  return { open, cutAt: null, cutInCdata: false }
}

/** The elements still open at the end of the text. */
export function scanOpenElements(text: string): Scan {
  return walkElements(text)
}

const ITEM = /^(?:[\w.-]+:)?(?:item|entry)$/i

/** The source text of every <item> and <entry> element, in document order. */
export function itemElements(text: string): string[] {
  const items: string[] = []
  walkElements(text, (element, end) => {
    if (ITEM.test(element.name)) items.push(text.slice(element.start, end))
  })
  return items
}

/**
 * Closes a document that ends early. An item cut in the middle is left out rather than stored
 * half-written: posts are deduplicated on their id, so a truncated copy would never be replaced
 * by the full one. Text cut outside any item (a channel title, a CDATA section) is kept and closed.
 */
export function closeTruncatedFeed(text: string): ClosedFeed | null {
  const scan = scanOpenElements(text)
  if (scan.open.length === 0) return null
  const closeAll = (tags: OpenTag[]) => tags.map((t) => `</${t.name}>`).reverse().join('')
  const itemIndex = scan.open.findLastIndex((t) => ITEM.test(t.name))
  if (itemIndex !== -1) {
    const item = scan.open[itemIndex]!
    return {
      text: text.slice(0, item.start) + closeAll(scan.open.slice(0, itemIndex)),
      repairs: ['the document ends early (truncated): the incomplete last item was left out and the document closed'],
      droppedTail: text.slice(item.start),
    }
  }
  let kept = text
  if (scan.cutAt !== null) kept = scan.cutInCdata ? `${text}]]>` : text.slice(0, scan.cutAt)
  return {
    text: kept + closeAll(scan.open),
    repairs: [`the document ends early (truncated): ${scan.open.length} open element${scan.open.length > 1 ? 's were' : ' was'} closed`],
    droppedTail: null,
  }
}

function describe(junk: string): string {
  const flat = junk.replace(/\s+/g, ' ').trim()
  return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 60)}…` : flat)
}
