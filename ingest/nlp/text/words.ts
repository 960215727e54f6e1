// How one word token is read in a given language before it is counted or scored: its lower-case
// form, the clitics and suffixes apostrophes glue to it, and whether it is noise in any language.

import { normaliseHashtag } from '../../text'
import { fold } from '../tokens'

/**
 * Languages whose accents make different letters, not optional decoration: German "schön" is
 * not "schon" (a stopword), Swedish "år" (year) is not "ar", Turkish "şu" (that) is not "su"
 * (water), and Vietnamese tones tell words apart. Their words are matched as written.
 */
const DIACRITICS_ARE_LETTERS: ReadonlySet<string> = new Set(['de', 'sv', 'tr', 'vi'])

export function foldsAccents(lang: string): boolean {
  return !DIACRITICS_ARE_LETTERS.has(lang)
}

/** The form a word is matched and keyed in when no stemmer applies. */
export function plainKey(lower: string, norm: string, lang: string): string {
  return foldsAccents(lang) ? norm : lower
}

/** Folded like the tokenizer's norm, where the language allows it. */
export function keyOf(lower: string, lang: string): string {
  return foldsAccents(lang) ? fold(lower) : lower
}

// Articles and pronouns elided before a vowel ("l'économie", "dell'anno", "d'una"). The
// tokenizer keeps them on the word; they are stopwords, and the word is what is counted.
const ELIDED: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['fr', new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu'])],
  ['it', new Set(['l', 'd', 'c', 'm', 's', 't', 'v', 'un', 'dell', 'all', 'nell', 'sull', 'dall', 'coll', 'quell', 'quest', 'bell', 'sant', 'anch', 'tutt'])],
  ['ca', new Set(['l', 'd', 'm', 'n', 's', 't'])],
])

/** A word token read for one language. `start`/`end` cover `surface` in the input text. */
export interface WordForm {
  surface: string
  lower: string
  start: number
  /** The elided clitic in front of it, lower case with its apostrophe ("n'"), or null. */
  elided: string | null
}

const CURLY_APOSTROPHE = /’/g

export function lowerCase(text: string, lang: string): string {
  // Turkish dotted and dotless i: "I" is "ı" and "İ" is "i"; the root locale gets both wrong.
  const lower = lang === 'tr' ? text.toLocaleLowerCase('tr') : text.toLowerCase()
  return lower.includes('’') ? lower.replace(CURLY_APOSTROPHE, "'") : lower
}

/** The word behind clitics and suffixes joined to it by an apostrophe, or the token itself. */
export function wordForm(text: string, start: number, lang: string): WordForm {
  const lower = lowerCase(text, lang)
  const apostrophe = lower.indexOf("'")
  if (apostrophe < 0) return { surface: text, lower, start, elided: null }
  if (lang === 'en') {
    // Possessives: "Biden's plan", "the workers' union".
    if (lower.endsWith("'s")) return { surface: text.slice(0, -2), lower: lower.slice(0, -2), start, elided: null }
    if (lower.endsWith("s'")) return { surface: text.slice(0, -1), lower: lower.slice(0, -1), start, elided: null }
    return { surface: text, lower, start, elided: null }
  }
  // Turkish writes case suffixes on names after an apostrophe: "İstanbul'da", "Ankara'nın".
  if (lang === 'tr') return { surface: text.slice(0, apostrophe), lower: lower.slice(0, apostrophe), start, elided: null }
  const clitics = ELIDED.get(lang)
  if (clitics && clitics.has(lower.slice(0, apostrophe)) && lower.length - apostrophe > 1) {
    const cut = apostrophe + 1
    return { surface: text.slice(cut), lower: lower.slice(cut), start: start + cut, elided: lower.slice(0, cut) }
  }
  return { surface: text, lower, start, elided: null }
}

// Scripts where one character can be a whole word; elsewhere a lone letter is an initial, a
// list marker or a stray clitic.
const WORD_CHARACTER = /^[\p{Script=Han}\p{Script=Hangul}]$/u
const HAS_LETTER = /\p{L}/u
// What is left of links, markup and entities when they reach the text unparsed.
const WEB_FRAGMENTS: ReadonlySet<string> = new Set([
  'http', 'https', 'www', 'com', 'org', 'net', 'html', 'htm', 'php', 'aspx', 'amp', 'nbsp', 'quot', 'apos', 'lt', 'gt', 'href', 'utm',
])
const BARE_DOMAIN = /^www\.[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u

/** A bare "www.example.org" written without its scheme. */
export function isBareDomain(lower: string): boolean {
  return lower.startsWith('www.') && BARE_DOMAIN.test(lower)
}

// Longer than any word of these languages (German compounds stop short of it): a run of
// letters like this is a pasted hash, a data URI or a flood.
export const MAX_WORD_LENGTH = 64

/**
 * Tokens no language counts as words: numbers, lone letters in alphabetic scripts, the
 * fragments of links and markup, and letter floods.
 */
export function isNoise(lower: string): boolean {
  if (lower.length > MAX_WORD_LENGTH) return true
  if (lower.length === 1 || (lower.length === 2 && lower.codePointAt(0)! > 0xffff)) return !WORD_CHARACTER.test(lower)
  if (!HAS_LETTER.test(lower)) return true
  return WEB_FRAGMENTS.has(lower) || isBareDomain(lower)
}

/** A hashtag as the store keeps it (lower-case, no '#'), or null for tags without a letter ("#2024"). */
export function hashtagOf(text: string): string | null {
  return HAS_LETTER.test(text) ? normaliseHashtag(text) : null
}
