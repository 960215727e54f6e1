// The one tokenizer of the NLP pass: topic matching, keyphrases and sentiment all read the same
// tokens, so a word that matches a query is the same word that counts as a keyphrase.
//
// Words are found with Unicode word boundaries. Runs of scripts written without spaces (Chinese,
// Japanese, Thai, Lao, Khmer, Myanmar) go through Intl.Segmenter, whose ICU dictionaries split
// them into words; everything else takes a regular expression, which is many times faster.
// Only those runs are segmented: the segmenter splits "covid-19" or "e-mail" where the regular
// expression keeps them whole, and a Latin word must come out the same whether or not the post
// around it also holds Chinese, or a query typed in Latin letters would miss it.

export type TokenKind = 'word' | 'hashtag' | 'mention' | 'url'

export interface Token {
  kind: TokenKind
  /** As written (without '#' or '@' for hashtags and mentions). */
  text: string
  /** Folded: lower case, Latin/Greek/Cyrillic accents and Arabic/Hebrew vowel marks removed. */
  norm: string
  /** UTF-16 offsets of the token in the input (including '#' / '@'). */
  start: number
  end: number
}

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
// Script extensions keep the characters these scripts share with others inside the run: the
// Japanese long-vowel mark in "コーヒー" is Common by script, Hiragana and Katakana by extension.
const UNSPACED_RUN = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]+/gu
// A word: letters and marks, with inner apostrophes, hyphens or dots between letters
// ("aujourd'hui", "covid-19", "u.n"), or a run of digits.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*/gu
// A mention is a Mastodon handle (@name, @name@host.example) or a Bluesky one, which is a domain
// name (@amina.bsky.social, @dr-osei.example.org): dots and hyphens join it only where a dot
// follows, so "@WHO-led" is @WHO and the word "led", and a sentence's full stop stays outside.
const NAME = String.raw`[\p{L}\p{M}\p{N}_]+`
export const MENTION_PATTERN = String.raw`(?<![\p{L}\p{N}_])@${NAME}(?:(?:-${NAME})*(?:\.${NAME}(?:-${NAME})*)+)?(?:@[\w.-]+\.\w+)?`
// Reddit writes a mention u/name (or /u/name): the name is the mention, as with @name.
export const REDDIT_MENTION_PATTERN = String.raw`(?<![\p{L}\p{N}_/])\/?u\/[A-Za-z0-9_-]{3,20}(?![A-Za-z0-9_-])`
const SPECIAL = new RegExp(String.raw`https?:\/\/[^\s<>"]+|(?<![\p{L}\p{N}_])#${NAME}|${MENTION_PATTERN}|${REDDIT_MENTION_PATTERN}`, 'gu')
const FOLDABLE = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]\p{M}+/gu
const ARABIC_HEBREW_MARKS = /[\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g
const TATWEEL = /\u0640/g

let segmenter: Intl.Segmenter | undefined

/**
 * Case- and accent-insensitive form of a word. Only Latin, Greek and Cyrillic lose their
 * combining marks: in Devanagari, Bengali, Tamil or Thai the marks are vowels, and removing them
 * would merge different words.
 */
export function fold(text: string): string {
  const lower = text.toLowerCase()
  // ASCII is already folded: skip the normalisations on the common case.
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(lower)) return lower
  return lower
    .normalize('NFKD')
    .replace(FOLDABLE, (match) => match[0]!)
    .replace(ARABIC_HEBREW_MARKS, '')
    .replace(TATWEEL, '')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .normalize('NFC')
}

// Word frequencies are skewed, so most tokens are words seen a moment ago: remembering their
// folded form spares the Unicode normalisations, which dominate tokenizing accented text. The
// cache is simply emptied when full, which keeps it bounded in every worker.
const foldedWords = new Map<string, string>()
const FOLDED_WORDS_LIMIT = 20_000

function foldWord(word: string): string {
  let folded = foldedWords.get(word)
  if (folded === undefined) {
    folded = fold(word)
    if (foldedWords.size >= FOLDED_WORDS_LIMIT) foldedWords.clear()
    foldedWords.set(word, folded)
  }
  return folded
}

function segmentedWords(text: string, offset: number, out: Token[]): void {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' })
  for (const segment of segmenter.segment(text)) {
    if (!segment.isWordLike) continue
    out.push({ kind: 'word', text: segment.segment, norm: foldWord(segment.segment), start: offset + segment.index, end: offset + segment.index + segment.segment.length })
  }
}

function spacedWords(text: string, offset: number, out: Token[]): void {
  // exec on the shared expression: matchAll would copy the expression for every stretch of text.
  WORD.lastIndex = 0
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    const start = offset + match.index
    out.push({ kind: 'word', text: match[0], norm: foldWord(match[0]), start, end: start + match[0].length })
  }
}

function wordTokens(text: string, offset: number, out: Token[]): void {
  if (!UNSPACED.test(text)) {
    spacedWords(text, offset, out)
    return
  }
  let last = 0
  for (const run of text.matchAll(UNSPACED_RUN)) {
    if (run.index > last) spacedWords(text.slice(last, run.index), offset + last, out)
    segmentedWords(run[0], offset + run.index, out)
    last = run.index + run[0].length
  }
  if (last < text.length) spacedWords(text.slice(last), offset + last, out)
}

/** Splits text into words, hashtags, mentions and links, in order of appearance. */
export function tokenize(text: string): Token[] {
  const out: Token[] = []
  let last = 0
  for (const match of text.matchAll(SPECIAL)) {
    const raw = match[0]
    const start = match.index
    if (start > last) wordTokens(text.slice(last, start), last, out)
    if (raw.startsWith('http')) {
      const url = raw.replace(/[.,;:!?)\]}'"»]+$/u, '')
      out.push({ kind: 'url', text: url, norm: url.toLowerCase(), start, end: start + url.length })
      last = start + url.length
      continue
    }
    const body = raw[0] === '#' || raw[0] === '@' ? raw.slice(1) : raw.slice(raw.indexOf('/', 1) + 1)
    out.push({ kind: raw[0] === '#' ? 'hashtag' : 'mention', text: body, norm: foldWord(body), start, end: start + raw.length })
    last = start + raw.length
  }
  if (last < text.length) wordTokens(text.slice(last), last, out)
  return out
}

/** The words of a camel-cased or snake-cased hashtag: "ClimateJustice" → ["Climate", "Justice"]. */
export function hashtagWords(tag: string): string[] {
  return tag
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .split(/\s+/)
    .filter(Boolean)
}
