// Sentiment of a post from its language's lexicon, or none at all.
//
// "Not scored" (null) and "neutral" are different answers: null when the language has no
// lexicon, and when no word of the text carries a rating (the lexicon says nothing about it).
// Neutral means rated words were found and they cancel out or are weak.
//
// score: the mean rating of the rated words, −1…+1; a word after a negation counts reversed
// ("not good" is bad, "pas mal" is good). A negation reaches the next three words of its
// clause: punctuation ends it. coverage: the share of the text's words that carried a rating.

import type { SentimentLabel } from '../../../server/db/schema'
import { lexiconFor, lexiconName, SENTIMENT_LANGUAGES, type Lexicon } from './lexicon'
import { plainKey } from './words'
import { clauseEndsBetween, prepareText, type PreparedText, type TextInput, type Word } from './prepare'

export { SENTIMENT_LANGUAGES, type SentimentLabel }

export interface Sentiment {
  score: number
  label: SentimentLabel
  coverage: number
}

/** Scores at or beyond ±0.1 are positive / negative; nearer zero, neutral. */
export const SENTIMENT_THRESHOLD = 0.1

/** How many words after a negation it reverses. */
const NEGATION_REACH = 3

export function labelOf(score: number): SentimentLabel {
  if (score >= SENTIMENT_THRESHOLD) return 'positive'
  if (score <= -SENTIMENT_THRESHOLD) return 'negative'
  return 'neutral'
}

function negates(word: Word, lexicon: Lexicon, lang: string): boolean {
  if (lexicon.negations.has(word.lower)) return true
  // English contractions stay one token ("don't", "isn't"); French elides "ne" ("n'aime").
  return (lang === 'en' && word.lower.endsWith("n't")) || (lang === 'fr' && word.elided === "n'")
}

function rating(word: Word, lexicon: Lexicon, lang: string): number | undefined {
  const exact = lexicon.exact.get(word.lower)
  if (exact !== undefined) return exact
  if (lexicon.unrated.has(word.lower)) return undefined
  // Stopword lists hold rated words ("buena", "good"), which reach their lexicon entry through
  // the stem. A stopword the stemmer leaves whole is a function word, and its key can only
  // collide with another word's: Spanish "con" (with) with "coño", German "schon" (already)
  // with "schön", once their stems lose the tilde and the umlaut.
  if (word.stop && word.key === plainKey(word.lower, word.norm, lang)) return undefined
  return lexicon.byKey.get(word.key)
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000
}

/** Sentiment of a text already read by `prepareText`; null when not scored. */
export function sentimentOfPrepared(prepared: PreparedText): Sentiment | null {
  const lexicon = lexiconFor(prepared.lang)
  if (!lexicon) return null
  let total = 0
  let rated = 0
  let words = 0
  let negatedLeft = 0
  let previousEnd = -1
  for (const word of prepared.words) {
    if (negatedLeft > 0 && previousEnd >= 0 && clauseEndsBetween(prepared, previousEnd, word.start)) negatedLeft = 0
    previousEnd = word.end
    if (word.noise) continue
    words++
    const negation = negates(word, lexicon, prepared.lang)
    if (negation) {
      negatedLeft = NEGATION_REACH
      // "n'aime": the negation is on the word itself, so it goes on to be rated.
      if (!word.elided) continue
    }
    const value = rating(word, lexicon, prepared.lang)
    if (value !== undefined) {
      total += negatedLeft > 0 ? -value : value
      rated++
    }
    if (negatedLeft > 0 && !negation) negatedLeft--
  }
  if (rated === 0) return null
  const score = round(Math.max(-1, Math.min(1, total / rated)))
  return { score, label: labelOf(score), coverage: round(rated / words) }
}

export type SentimentScorer = (input: TextInput) => Sentiment | null

/** Whether posts in a language can be scored at all (without loading the lexicon). */
export function hasSentiment(lang: string): boolean {
  return lexiconName(lang) !== null
}

/**
 * The scorer of a language, or null when it has no lexicon (the UI says "not scored"). The
 * lexicon is built on the first call for the language, then reused.
 */
export function sentimentFor(lang: string): SentimentScorer | null {
  if (!hasSentiment(lang)) return null
  return (input) => sentimentOfPrepared(prepareText(input, lang))
}
