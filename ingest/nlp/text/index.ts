// Keyphrase terms, entities and sentiment of one post, from one tokenisation and one reading of
// its words. This is what the ingest tagger calls for every post.

import { entitiesOfPrepared, type Entities } from './entities'
import { termsOfPrepared, type Term } from './keyphrases'
import { prepareText, type PreparedText, type TextInput } from './prepare'
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
  return { ...termsAndSentimentOfPrepared(prepared), entities: entitiesOfPrepared(prepared) }
}

/**
 * What the ingest stores of a post: its terms and sentiment. Its hashtags, mentions and links
 * come from the platform's own fields, so the tagger does not extract entities again.
 */
export function termsAndSentiment(input: TextInput, lang: string): Pick<TextAnalysis, 'terms' | 'sentiment'> {
  return termsAndSentimentOfPrepared(prepareText(input, lang))
}

function termsAndSentimentOfPrepared(prepared: PreparedText): Pick<TextAnalysis, 'terms' | 'sentiment'> {
  return { terms: termsOfPrepared(prepared), sentiment: sentimentOfPrepared(prepared) }
}

export { entitiesOf, type Entities } from './entities'
export { isHashtagTerm, keyphrases, TermTally, termsOf, type Keyphrase, type KeyphraseOptions, type RankableTerm, type Term } from './keyphrases'
export type { TextInput, Tokenized } from './prepare'
export { hasSentiment, SENTIMENT_LANGUAGES, SENTIMENT_THRESHOLD, sentimentFor, type Sentiment, type SentimentLabel, type SentimentScorer } from './sentiment'
export { stemmerFor } from './stem'
export { stopwordsFor } from './stopwords'
export { textCoverage, type LanguageCoverage } from './coverage'
