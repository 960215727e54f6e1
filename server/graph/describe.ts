import { TfIdf } from 'natural/lib/natural/tfidf/index.js'
import type { AuthorScore } from './score'
import type { AuthorId, ConversationGraph } from './types'

/** What an author wrote in the scope, already tokenised by the NLP pass. */
export interface AuthorDocument {
  author: AuthorId
  tokens: readonly string[]
  hashtags?: readonly string[]
}

export interface DistinctiveTerm {
  term: string
  /** TF-IDF of the term in the community against the other communities. */
  score: number
  /** Members who used it. */
  authors: number
}

export interface CommunityDescription {
  community: number
  size: number
  terms: DistinctiveTerm[]
  hashtags: DistinctiveTerm[]
  /** Members' main languages, most common first; members with no known language are left out. */
  languages: { lang: string, authors: number, share: number }[]
  /** Highest scores first. */
  members: { id: string, handle: string, score: number }[]
}

export interface DescribeOptions {
  /** How many terms, hashtags and members to list. Defaults 10, 10, 10. */
  terms?: number
  hashtags?: number
  members?: number
  /**
   * A term must be used by at least this many members (fewer in smaller communities), so one
   * prolific author does not describe a whole community. Default 2.
   */
  minAuthors?: number
}

/** Each community's terms, counted once per member who used them. */
function termsByCommunity(count: number, membership: Record<string, number>, documents: readonly AuthorDocument[], field: 'tokens' | 'hashtags'): string[][] {
  const seen = new Map<string, Set<string>>()
  for (const document of documents) {
    const author = String(document.author)
    if (membership[author] === undefined) continue
    const terms = seen.get(author) ?? new Set<string>()
    for (const term of document[field] ?? []) terms.add(term)
    seen.set(author, terms)
  }
  const bags: string[][] = Array.from({ length: count }, () => [])
  for (const [author, terms] of seen) {
    const bag = bags[membership[author]!]!
    for (const term of terms) bag.push(term)
  }
  return bags
}

/**
 * natural's TfIdf with one document per community: a term's frequency is how many members used
 * it, and its inverse document frequency falls with the number of communities that use it.
 */
function distinctive(bags: string[][], sizes: readonly number[], limit: number, minAuthors: number): DistinctiveTerm[][] {
  const tfidf = new TfIdf()
  for (const bag of bags) tfidf.addDocument(bag)
  return bags.map((_, community) => tfidf.listTerms(community)
    .filter((term) => term.tf >= Math.min(minAuthors, sizes[community]!))
    .slice(0, limit)
    .map((term) => ({ term: term.term, score: term.tfidf, authors: term.tf })))
}

function languages(graph: ConversationGraph, members: readonly string[]): CommunityDescription['languages'] {
  const counts = new Map<string, number>()
  for (const id of members) {
    const lang = graph.getNodeAttribute(id, 'languages')[0]
    if (lang) counts.set(lang, (counts.get(lang) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([lang, authors]) => ({ lang, authors, share: authors / members.length }))
}

/** Who belongs to each community, highest score first. */
function membersByScore(count: number, membership: Record<string, number>, scores: readonly AuthorScore[]): AuthorScore[][] {
  const groups: AuthorScore[][] = Array.from({ length: count }, () => [])
  for (const score of scores) groups[membership[score.id]!]!.push(score)
  for (const group of groups) group.sort((a, b) => a.rank - b.rank)
  return groups
}

/**
 * Each community described by its distinctive terms and hashtags (TF-IDF against the other
 * communities), its members' languages, its size and its key members.
 */
export function describeCommunities(
  graph: ConversationGraph,
  communities: { membership: Record<string, number>, count: number },
  scores: readonly AuthorScore[],
  documents: readonly AuthorDocument[],
  options: DescribeOptions = {},
): CommunityDescription[] {
  const { membership, count } = communities
  const minAuthors = options.minAuthors ?? 2
  const groups = membersByScore(count, membership, scores)
  const sizes = groups.map((group) => group.length)
  const terms = distinctive(termsByCommunity(count, membership, documents, 'tokens'), sizes, options.terms ?? 10, minAuthors)
  const hashtags = distinctive(termsByCommunity(count, membership, documents, 'hashtags'), sizes, options.hashtags ?? 10, minAuthors)
  return groups.map((group, community) => ({
    community,
    size: group.length,
    terms: terms[community]!,
    hashtags: hashtags[community]!,
    languages: languages(graph, group.map((member) => member.id)),
    members: group.slice(0, options.members ?? 10).map((member) => ({ id: member.id, handle: graph.getNodeAttribute(member.id, 'handle'), score: member.score })),
  }))
}
