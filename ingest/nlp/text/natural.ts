// Typed doors into the parts of `natural` this pass uses. Its main entry drags in wordnet, mongoose,
// redis and pg, and its sentiment module parses every lexicon it ships (~150 ms, ~17 MB) on load,
// so each piece is required on first use by a language that needs it, never at import.
// The module paths are literal so that a bundler's file tracer can follow them.

import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

export interface NaturalStemmer {
  stem: (word: string) => string
}

/** The lexicon and negation words natural's SentimentAnalyzer builds for one language. */
export interface NaturalLexicon {
  /** Word → polarity; senticon and pattern lexicons hold their numbers as strings. */
  vocabulary: Record<string, number | string>
  negations: readonly string[]
}

export type NaturalLexiconLanguage = 'English' | 'Spanish' | 'Portuguese' | 'French' | 'Italian' | 'Dutch' | 'German' | 'Catalan'
export type NaturalLexiconType = 'afinn' | 'senticon' | 'pattern'

type SentimentAnalyzerClass = new (language: string, stemmer: undefined, type: string) => NaturalLexicon

export const naturalStemmers = {
  porter: () => require('natural/lib/natural/stemmers/porter_stemmer.js') as NaturalStemmer,
  porterFr: () => require('natural/lib/natural/stemmers/porter_stemmer_fr.js') as NaturalStemmer,
  porterEs: () => require('natural/lib/natural/stemmers/porter_stemmer_es.js') as NaturalStemmer,
  porterPt: () => require('natural/lib/natural/stemmers/porter_stemmer_pt.js') as NaturalStemmer,
  porterDe: () => require('natural/lib/natural/stemmers/porter_stemmer_de.js') as NaturalStemmer,
  porterIt: () => require('natural/lib/natural/stemmers/porter_stemmer_it.js') as NaturalStemmer,
  porterNl: () => require('natural/lib/natural/stemmers/porter_stemmer_nl.js') as NaturalStemmer,
  porterSv: () => require('natural/lib/natural/stemmers/porter_stemmer_sv.js') as NaturalStemmer,
  porterRu: () => require('natural/lib/natural/stemmers/porter_stemmer_ru.js') as NaturalStemmer,
  porterUk: () => require('natural/lib/natural/stemmers/porter_stemmer_uk.js') as NaturalStemmer,
  indonesian: () => require('natural/lib/natural/stemmers/indonesian/stemmer_id.js') as NaturalStemmer,
  japanese: () => require('natural/lib/natural/stemmers/stemmer_ja.js') as NaturalStemmer,
} as const

export type NaturalStemmerName = keyof typeof naturalStemmers

/**
 * The lexicon natural's SentimentAnalyzer assembles for a language and lexicon type: it knows
 * each file's layout (AFINN numbers, senticon `pol`, pattern `polarity`) and which negation list
 * goes with it. No stemmer is given: the caller indexes the words with its own cached one.
 */
export function naturalLexicon(language: NaturalLexiconLanguage, type: NaturalLexiconType): NaturalLexicon {
  const SentimentAnalyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer.js') as SentimentAnalyzerClass
  const analyzer = new SentimentAnalyzer(language, undefined, type)
  return { vocabulary: analyzer.vocabulary, negations: analyzer.negations }
}
