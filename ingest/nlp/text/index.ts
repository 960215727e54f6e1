// Keyphrase terms, entities and sentiment of one post, from one tokenisation and one reading of
// its words. This is what the ingest tagger calls for every post.

import { entitiesOfPrepared, type Entities } from './entities'
import { termsOfPrepared, type Term } from './keyphrases'
import { prepareText, type TextInput } from './prepare'
import { sentimentOfPrepared, type Sentiment } from './sentiment'

export interface TextAnalysis {
  terms: Term[]
  entities: Entities
  /** Null when not scored: no lexicon for the language, or none of its words in the text. */
  sentiment: Sentiment | null
}

/**
 * Analyses a post in a language (an ISO 639-1 code; 'und' and codes outside the list get the
 * rules every language shares and no sentiment). Pass `{ text, tokens }` when the text is
 * already tokenised: tokens alone hide the punctuation that ends bigrams, negations and
 * sentences.
 */
export function analyseText(input: TextInput, lang: string): TextAnalysis {
  const prepared = prepareText(input, lang)
  return {
    terms: termsOfPrepared(prepared),
    entities: entitiesOfPrepared(prepared),
    sentiment: sentimentOfPrepared(prepared),
  }
}

export { entitiesOf, type Entities } from './entities'
export { keyphrases, termsOf, type Keyphrase, type KeyphraseOptions, type RankableTerm, type Term } from './keyphrases'
export type { TextInput, Tokenized } from './prepare'
export { hasSentiment, SENTIMENT_LANGUAGES, SENTIMENT_THRESHOLD, sentimentFor, type Sentiment, type SentimentLabel, type SentimentScorer } from './sentiment'
export { stemmerFor } from './stem'
export { stopwordsFor } from './stopwords'
export { textCoverage, type LanguageCoverage } from './coverage'
