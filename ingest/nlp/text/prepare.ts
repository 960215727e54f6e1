// The one reading of a post's words that terms, names and sentiment share: each word is
// lower-cased, checked against the stopwords and keyed (stemmed) once per post, not once per use.

import { fold, tokenize, type Token } from '../tokens'
import { stemmerFor } from './stem'
import { stopwordsFor } from './stopwords'
import { isNoise, plainKey, wordForm } from './words'

/**
 * A text to analyse: plain, or already tokenised. Give the text with its tokens when you have
 * both: with tokens alone, the characters between words are unknown, and any gap longer than
 * one character is taken for punctuation (which ends bigrams, negation and sentences).
 */
export type TextInput = string | readonly Token[] | Tokenized

export interface Tokenized {
  text: string
  tokens: readonly Token[]
}

export interface Word {
  /** As written, without an elided article or a possessive / case suffix. */
  surface: string
  /** Lower-case as written, with one kind of apostrophe. */
  lower: string
  /** Folded like the tokenizer's norm. */
  norm: string
  /** The elided clitic before the word, lower-case with its apostrophe ("n'"), or null. */
  elided: string | null
  /** Offsets of `surface` in the text. */
  start: number
  end: number
  /** Numbers, lone letters, link fragments: not words in any language. */
  noise: boolean
  /** Noise, or a stopword of the language. */
  stop: boolean
  /** The term key (stem, or the word itself); '' for noise. */
  key: string
}

export interface PreparedText {
  lang: string
  /** Null when only tokens were given. */
  text: string | null
  tokens: readonly Token[]
  words: Word[]
}

function tokenized(input: TextInput): { text: string | null, tokens: readonly Token[] } {
  if (typeof input === 'string') return { text: input, tokens: tokenize(input) }
  if ('tokens' in input) return input
  return { text: null, tokens: input }
}

function readWord(token: Token, lang: string): Word {
  const form = wordForm(token.text, token.start, lang)
  const norm = form.surface !== token.text ? fold(form.lower) : token.norm.includes('’') ? token.norm.replace(/’/g, "'") : token.norm
  const noise = isNoise(form.lower)
  return { surface: form.surface, lower: form.lower, norm, elided: form.elided, start: form.start, end: form.start + form.surface.length, noise, stop: noise, key: '' }
}

/** Tokenises (unless given tokens) and reads every word of a text once for a language. */
export function prepareText(input: TextInput, lang: string): PreparedText {
  const { text, tokens } = tokenized(input)
  const stopwords = stopwordsFor(lang)
  const stem = stemmerFor(lang)
  const prepared: PreparedText = { lang, text, tokens, words: [] }
  let previous: Word | null = null
  for (const token of tokens) {
    if (token.kind !== 'word') {
      previous = null
      continue
    }
    const word = readWord(token, lang)
    if (!word.stop) word.stop = stopwords.has(word.lower, word.norm)
    if (previous && stopwords.hasPair(previous, word) && spaceBetween(prepared, previous.end, word.start)) {
      previous.stop = true
      word.stop = true
    }
    if (!word.noise) word.key = stem ? stem(word.lower) : plainKey(word.lower, word.norm, lang)
    prepared.words.push(word)
    previous = word
  }
  return prepared
}

// Line breaks are not spaces here: they end headlines, list items and paragraphs.
const SPACE = /^[^\S\n\r]*$/u
// Clause ends in the scripts of the 33 languages: Latin, CJK full-width, Arabic, Devanagari danda.
const CLAUSE_END = /[.,;:!?…\n\r。、，；：！？،؛؟।]/u
const SENTENCE_END = /[.!?…\n\r。！？؟।]/u

/** Whether only spaces (or nothing, in scripts without them) lie between two offsets. */
export function spaceBetween(prepared: PreparedText, from: number, to: number): boolean {
  if (prepared.text === null) return to - from <= 1
  return to - from === 0 || SPACE.test(prepared.text.slice(from, to))
}

/** Whether a clause ends between two offsets. */
export function clauseEndsBetween(prepared: PreparedText, from: number, to: number): boolean {
  if (prepared.text === null) return to - from > 1
  return to > from && CLAUSE_END.test(prepared.text.slice(from, to))
}

/** Whether a sentence ends between two offsets. */
export function sentenceEndsBetween(prepared: PreparedText, from: number, to: number): boolean {
  if (prepared.text === null) return to - from > 1
  return to > from && SENTENCE_END.test(prepared.text.slice(from, to))
}
