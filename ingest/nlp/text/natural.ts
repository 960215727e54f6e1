// Typed doors into the parts of `natural` this pass uses. Its main entry drags in wordnet, mongoose,
// redis and pg, and its sentiment module parses every lexicon it ships (~150 ms, ~17 MB) on load,
// so each piece is required on first use by a language that needs it, never at import.
// The server build cannot see through require(): nuxt.config.ts hands LAZY_MODULES to its file
// tracer so that these files ship with it.

import { createRequire } from 'node:module'

// Created on first use, not at import: in the built server import.meta.url only points at the
// real entry file once that entry has run, and resolving from it finds the traced node_modules.
let requireFromHere: NodeJS.Require | undefined

/** Every module this pass requires on first use rather than imports. */
export const LAZY_MODULES = {
  porter: 'natural/lib/natural/stemmers/porter_stemmer.js',
  porterFr: 'natural/lib/natural/stemmers/porter_stemmer_fr.js',
  porterEs: 'natural/lib/natural/stemmers/porter_stemmer_es.js',
  porterPt: 'natural/lib/natural/stemmers/porter_stemmer_pt.js',
  porterDe: 'natural/lib/natural/stemmers/porter_stemmer_de.js',
  porterIt: 'natural/lib/natural/stemmers/porter_stemmer_it.js',
  porterNl: 'natural/lib/natural/stemmers/porter_stemmer_nl.js',
  porterSv: 'natural/lib/natural/stemmers/porter_stemmer_sv.js',
  porterRu: 'natural/lib/natural/stemmers/porter_stemmer_ru.js',
  porterUk: 'natural/lib/natural/stemmers/porter_stemmer_uk.js',
  indonesian: 'natural/lib/natural/stemmers/indonesian/stemmer_id.js',
  japanese: 'natural/lib/natural/stemmers/stemmer_ja.js',
  sentiment: 'natural/lib/natural/sentiment/SentimentAnalyzer.js',
  stopwords: 'stopwords-iso',
} as const

export function lazyRequire(module: keyof typeof LAZY_MODULES): unknown {
  return (requireFromHere ??= createRequire(import.meta.url))(LAZY_MODULES[module])
}

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
  porter: () => lazyRequire('porter') as NaturalStemmer,
  porterFr: () => lazyRequire('porterFr') as NaturalStemmer,
  porterEs: () => lazyRequire('porterEs') as NaturalStemmer,
  porterPt: () => lazyRequire('porterPt') as NaturalStemmer,
  porterDe: () => lazyRequire('porterDe') as NaturalStemmer,
  porterIt: () => lazyRequire('porterIt') as NaturalStemmer,
  porterNl: () => lazyRequire('porterNl') as NaturalStemmer,
  porterSv: () => lazyRequire('porterSv') as NaturalStemmer,
  porterRu: () => lazyRequire('porterRu') as NaturalStemmer,
  porterUk: () => lazyRequire('porterUk') as NaturalStemmer,
  indonesian: () => lazyRequire('indonesian') as NaturalStemmer,
  japanese: () => lazyRequire('japanese') as NaturalStemmer,
} as const

export type NaturalStemmerName = keyof typeof naturalStemmers

/**
 * The lexicon natural's SentimentAnalyzer assembles for a language and lexicon type: it knows
 * each file's layout (AFINN numbers, senticon `pol`, pattern `polarity`) and which negation list
 * goes with it. No stemmer is given: the caller indexes the words with its own cached one.
 */
export function naturalLexicon(language: NaturalLexiconLanguage, type: NaturalLexiconType): NaturalLexicon {
  const SentimentAnalyzer = lazyRequire('sentiment') as SentimentAnalyzerClass
  const analyzer = new SentimentAnalyzer(language, undefined, type)
  return { vocabulary: analyzer.vocabulary, negations: analyzer.negations }
}
