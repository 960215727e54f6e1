// A topic holds one query per language (and optionally one for all languages). Queries are
// parsed once per worker; each post is tokenized and indexed once and read by every topic.

import { type Token, tokenize } from '../tokens'
import { QuerySyntaxError } from './errors'
import { collectTerms, compile, type CompiledNode, termsInOrder, test } from './evaluate'
import { parseQuery } from './parser'
import { PostIndex } from './post-index'
import { Vocabulary } from './vocabulary'

/** The language a query applies to, or '*' for every language. */
export type QueryLanguage = string

export interface TopicDefinition {
  id: number
  queries: readonly { lang: QueryLanguage; query: string }[]
}

export interface PostToMatch {
  /** Detected language; null or 'und' when unknown. */
  lang: string | null
  text: string
  /** The post's tokens when the NLP pass has them already. */
  tokens?: readonly Token[]
}

export interface TopicMatch {
  topicId: number
  /** The query terms that matched, as written, in query order. */
  terms: string[]
}

export interface TopicQueryProblem {
  topicId: number
  lang: QueryLanguage
  error: QuerySyntaxError
}

export interface TopicMatcher {
  match(post: PostToMatch): TopicMatch[]
  /** Queries that did not parse; they are left out and the rest of the topic still matches. */
  readonly problems: readonly TopicQueryProblem[]
}

export interface CompiledQuery {
  root: CompiledNode
  /** Every term of the query as written, in order: matched terms are reported in this order. */
  terms: readonly string[]
}

interface CompiledTopic {
  id: number
  forAll: CompiledQuery[]
  /** A language's own queries followed by the ones for all languages. */
  byLanguage: Map<string, CompiledQuery[]>
  every: CompiledQuery[]
}

/** "pt-BR", "PT" and "pt_br" are all Portuguese: queries are chosen by the primary subtag. */
function primaryLanguage(lang: string): string {
  const dash = lang.search(/[-_]/)
  return (dash < 0 ? lang : lang.slice(0, dash)).toLowerCase()
}

export function compileQuery(text: string, vocabulary: Vocabulary): CompiledQuery {
  const parsed = parseQuery(text)
  return { root: compile(parsed, vocabulary), terms: termsInOrder(parsed) }
}

/** The matched terms of a query, or null when it does not match. */
export function runQuery(query: CompiledQuery, index: PostIndex): string[] | null {
  if (!test(query.root, index)) return null
  const found = new Set<string>()
  collectTerms(query.root, index, found)
  return query.terms.filter((term) => found.has(term))
}

function compileTopic(topic: TopicDefinition, vocabulary: Vocabulary, problems: TopicQueryProblem[]): CompiledTopic {
  const compiled: CompiledTopic = { id: topic.id, forAll: [], byLanguage: new Map(), every: [] }
  for (const { lang, query } of topic.queries) {
    let parsed: CompiledQuery
    try {
      parsed = compileQuery(query, vocabulary)
    }
    catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error
      problems.push({ topicId: topic.id, lang, error })
      continue
    }
    compiled.every.push(parsed)
    if (lang === '*') compiled.forAll.push(parsed)
    else {
      const key = primaryLanguage(lang)
      compiled.byLanguage.set(key, [...compiled.byLanguage.get(key) ?? [], parsed])
    }
  }
  for (const [key, own] of compiled.byLanguage) compiled.byLanguage.set(key, [...own, ...compiled.forAll])
  return compiled
}

// A post of unknown language is tried against every language's query: dropping it would hide
// exactly the short, mixed or emoji-heavy posts the detector cannot place.
function queriesFor(topic: CompiledTopic, language: string | null): readonly CompiledQuery[] {
  if (language === null || language === 'und') return topic.every
  return topic.byLanguage.get(language) ?? topic.forAll
}

function matchTopic(topic: CompiledTopic, language: string | null, index: PostIndex): TopicMatch | null {
  let terms: string[] | null = null
  for (const query of queriesFor(topic, language)) {
    const found = runQuery(query, index)
    if (found) terms = terms ? [...new Set([...terms, ...found])] : found
  }
  return terms ? { topicId: topic.id, terms } : null
}

export function compileTopics(topics: readonly TopicDefinition[]): TopicMatcher {
  const problems: TopicQueryProblem[] = []
  const vocabulary = new Vocabulary()
  const compiled = topics.map((topic) => compileTopic(topic, vocabulary, problems))
  return {
    problems,
    match(post) {
      const index = new PostIndex(post.tokens ?? tokenize(post.text), vocabulary)
      const language = post.lang ? primaryLanguage(post.lang) : null
      const out: TopicMatch[] = []
      for (const topic of compiled) {
        const found = matchTopic(topic, language, index)
        if (found) out.push(found)
      }
      return out
    },
  }
}
