// Candidate terms of a post, and their ranking by TF-IDF against the corpus.
//
// Terms are unigrams and bigrams of adjacent words that are not stopwords, keyed by stem so that
// inflections count together, plus the post's hashtags ('#' + tag, as the pipeline stores them).
// Each term keeps the form it was most often written in, for display. Ranking is pure: the
// caller passes document frequencies read from its own counts.

import { prepareText, spaceBetween, type PreparedText, type TextInput, type Word } from './prepare'
import { hashtagOf } from './words'

export interface Term {
  /** Stem (or word) key; two keys joined by a space for a bigram; '#' + tag for a hashtag. */
  key: string
  /** The most frequent written form, for display. */
  surface: string
  /** Occurrences in the text. */
  count: number
}

interface Tally {
  count: number
  surface: string
  /** Only once a second written form shows up. */
  surfaces: Map<string, number> | null
}

/** Counts per key, each with the form it was most often written in. */
export class TermTally {
  private readonly tallies = new Map<string, Tally>()

  add(key: string, surface: string, count = 1): void {
    const tally = this.tallies.get(key)
    if (!tally) {
      this.tallies.set(key, { count, surface, surfaces: null })
      return
    }
    if (tally.surfaces === null && surface !== tally.surface) tally.surfaces = new Map([[tally.surface, tally.count]])
    tally.count += count
    if (tally.surfaces) tally.surfaces.set(surface, (tally.surfaces.get(surface) ?? 0) + count)
  }

  terms(): Term[] {
    const terms: Term[] = []
    for (const [key, tally] of this.tallies) terms.push({ key, surface: mostFrequent(tally), count: tally.count })
    return terms
  }
}

function mostFrequent(tally: Tally): string {
  if (!tally.surfaces) return tally.surface
  let best = tally.surface
  let bestCount = 0
  for (const [surface, count] of tally.surfaces) {
    if (count > bestCount) {
      best = surface
      bestCount = count
    }
  }
  return best
}

function bigramSurface(prepared: PreparedText, first: Word, second: Word): string {
  if (prepared.text !== null) return prepared.text.slice(first.start, second.end)
  return first.end === second.start ? first.surface + second.surface : `${first.surface} ${second.surface}`
}

/** The terms of a text already read by `prepareText`, in order of first appearance. */
export function termsOfPrepared(prepared: PreparedText): Term[] {
  const tally = new TermTally()
  let previous: Word | null = null
  for (const word of prepared.words) {
    if (word.stop) {
      previous = null
      continue
    }
    tally.add(word.key, word.surface)
    if (previous && spaceBetween(prepared, previous.end, word.start)) {
      tally.add(`${previous.key} ${word.key}`, bigramSurface(prepared, previous, word))
    }
    previous = word
  }
  for (const token of prepared.tokens) {
    const tag = token.kind === 'hashtag' ? hashtagOf(token.text) : null
    if (tag) tally.add(`#${tag}`, `#${token.text}`)
  }
  return tally.terms()
}

/** Whether a term is one of the post's hashtags rather than its words. */
export function isHashtagTerm(term: Pick<Term, 'key'>): boolean {
  return term.key.startsWith('#')
}

/** Candidate terms of a text in a language: one entry per distinct key, with its count. */
export function termsOf(input: TextInput, lang: string): Term[] {
  return termsOfPrepared(prepareText(input, lang))
}

export interface KeyphraseOptions {
  /** In how many documents of the corpus a key occurs. */
  documentFrequency: (key: string) => number
  /** How many documents the corpus holds. */
  documents: number
  /** How many keyphrases to return (default 10). */
  limit?: number
}

export interface Keyphrase {
  key: string
  surface: string
  score: number
}

function checkCount(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${value}`)
  return value
}

/** Smoothed inverse document frequency: positive even for a key found in every document. */
function inverseDocumentFrequency(documentFrequency: number, documents: number): number {
  return Math.log((1 + documents) / (1 + documentFrequency)) + 1
}

interface Scored extends Term {
  score: number
}

/**
 * A word found only inside a bigram that scores at least as well says nothing the bigram does
 * not: it is left out, however the two rank.
 */
function withoutEnclosedWords(scored: readonly Scored[]): Scored[] {
  const enclosing = new Map<string, Scored>()
  for (const term of scored) {
    if (!term.key.includes(' ')) continue
    for (const part of term.key.split(' ')) {
      const known = enclosing.get(part)
      if (!known || term.count > known.count) enclosing.set(part, term)
    }
  }
  return scored.filter((term) => {
    const bigram = enclosing.get(term.key)
    return !bigram || term.count > bigram.count || term.score > bigram.score
  })
}

/** A term to rank: from `termsOf`, or a stored row (counted once when it has no count). */
export interface RankableTerm {
  key: string
  surface: string
  count?: number
}

/**
 * The terms that best tell this text (or these texts) apart from the corpus, by TF-IDF:
 * (1 + ln tf) × idf. Terms with the same key add up. A word that only ever occurs inside a
 * bigram scoring at least as well is left out, so the list shows "climate change" once rather
 * than "climate change", "climate" and "change".
 */
export function keyphrases(terms: readonly RankableTerm[], options: KeyphraseOptions): Keyphrase[] {
  const documents = checkCount(options.documents, 'documents')
  const limit = options.limit ?? 10
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a whole number ≥ 0, got ${limit}`)
  const tally = new TermTally()
  for (const term of terms) tally.add(term.key, term.surface, term.count === undefined ? 1 : checkCount(term.count, `count of "${term.key}"`))
  const scored = tally.terms().filter((term) => term.count > 0).map((term): Scored => {
    const frequency = Math.min(checkCount(options.documentFrequency(term.key), `document frequency of "${term.key}"`), documents)
    return { key: term.key, surface: term.surface, count: term.count, score: (1 + Math.log(term.count)) * inverseDocumentFrequency(frequency, documents) }
  })
  const kept = withoutEnclosedWords(scored)
  kept.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return kept.slice(0, limit).map((term) => ({ key: term.key, surface: term.surface, score: term.score }))
}
