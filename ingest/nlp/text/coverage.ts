// What the text analysis knows for each language, for the UI ("not scored") and the README.

import { LANGUAGE_CODES, type LanguageCode } from '../../../shared/languages'
import { lexiconName } from './lexicon'
import type { NaturalLexiconType, NaturalStemmerName } from './natural'
import { stemmerName } from './stem'
import { stopwordsFor, type StopwordSource } from './stopwords'

export interface LanguageCoverage {
  lang: LanguageCode
  /** Stopwords in the list; 0 without a list. */
  stopwords: number
  stopwordSource: StopwordSource | null
  /** natural's stemmer, or null: the word is its own key. */
  stemmer: NaturalStemmerName | null
  /** natural's lexicon, or null: posts are not scored. */
  sentiment: NaturalLexiconType | null
}

/** One row per language of the list, in its order. Reads the stopword lists, not the lexicons. */
export function textCoverage(): LanguageCoverage[] {
  return LANGUAGE_CODES.map((lang) => {
    const stopwords = stopwordsFor(lang)
    return { lang, stopwords: stopwords.size, stopwordSource: stopwords.source, stemmer: stemmerName(lang), sentiment: lexiconName(lang) }
  })
}
