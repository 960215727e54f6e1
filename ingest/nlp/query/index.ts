// Topic queries: the Brandwatch-style boolean language analysts write topics in, and the matcher
// that runs every topic on every ingested post.
//
// The language, as decided:
// - Operators are the upper-case words AND, OR, NOT and NEAR/n; "and", "or", "not" in any other
//   case are ordinary words. Precedence, tightest first: NOT, NEAR/n, AND, OR; parentheses group.
// - Two terms side by side with no operator are an error (missing_operator), not an implicit
//   AND: "refugee camp" unquoted most often means the phrase, and guessing would hide that.
// - "a NOT b" reads as "a AND NOT b". A query must look for something: "NOT spam" alone, or any
//   query that would match a post containing none of its terms, is an error (only_negative).
// - Matching is on tokens of the shared tokenizer, case- and accent-insensitive through its
//   fold; ’ and ' are the same apostrophe.
// - A plain term matches a word, or a hashtag whose whole text is the term (refugees ~
//   #Refugees, not #RefugeesWelcome); never a mention. A word joined by hyphens or apostrophes is
//   also found by its pieces: covid finds "covid-19", asile finds "d'asile".
// - #tag matches hashtags only. @user matches mentions only: by local part when the query names
//   no instance (@unhcr ~ @unhcr@mastodon.social), by the whole handle when it does. A Bluesky
//   handle is a domain name and is one mention, matched whole (@amina.bsky.social). Reddit's
//   u/name is the mention @name.
// - A term the tokenizer cuts into several words (a Thai word, foo/bar) behaves as a phrase.
//   Words of scripts written without spaces are compared with the post's adjacent words joined,
//   so a match does not depend on how the segmenter happened to cut them in context; it must
//   still start and end on the post's word boundaries: 京都 does not match 東京|都.
// - A * ends a word: refug* matches words and hashtags starting with "refug" (#refug* hashtags,
//   @unh* mentions); at least 3 letters come before it (2 in Chinese, Japanese
//   or Korean, where two characters are a word). Inside quotes a word may end in * too.
// - NEAR/n, n from 0 to 999: at most n tokens between the two sides, in either order, at two
//   distinct places. Each side is a term, a phrase, an OR group of those, or another NEAR.
//   Links are not searched and do not count as tokens.
// - Per-language sets: a post is tried against its language's queries (by primary subtag, so
//   pt-BR uses "pt") and the query for all languages ('*'); a post whose language is unknown
//   (null or 'und') is tried against every query of the topic.
// - Error positions are UTF-16 offsets into the query, counted from 0.

import { type Token, tokenize } from '../tokens'
import { compileQuery, runQuery } from './topics'
import { PostIndex } from './post-index'
import { Vocabulary } from './vocabulary'

export { QuerySyntaxError, type QueryErrorCode } from './errors'

export { MAX_QUERY_LENGTH, parseQuery, validateQuery, type QueryNode, type TermNode } from './parser'
export type { TermPiece } from './terms'
export { compileTopics, type PostToMatch, type TopicDefinition, type TopicMatch, type TopicMatcher, type TopicQueryProblem } from './topics'

export interface QueryResult {
  matched: boolean
  /** The query terms that matched, as written, in query order. */
  terms: string[]
}

/** One query against one text; throws QuerySyntaxError when the query does not parse. */
export function matchQuery(query: string, text: string, tokens?: readonly Token[]): QueryResult {
  const vocabulary = new Vocabulary()
  const compiled = compileQuery(query, vocabulary)
  const terms = runQuery(compiled, new PostIndex(tokens ?? tokenize(text), vocabulary))
  return { matched: terms !== null, terms: terms ?? [] }
}
