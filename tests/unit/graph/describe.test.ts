import { describe, expect, it } from 'vitest'
import { buildGraph } from '../../../server/graph/build'
import { type AuthorDocument, describeCommunities } from '../../../server/graph/describe'
import { computeMetrics } from '../../../server/graph/metrics'
import { influenceScores } from '../../../server/graph/score'
import { ties } from './support'

// Two communities: a, b, c talk about refugees in French; d, e about climate in Swahili.
const authors = [
  { id: 'a', handle: '@a', languages: ['fr'] },
  { id: 'b', handle: '@b', languages: ['fr', 'en'] },
  { id: 'c', handle: '@c', languages: ['en'] },
  { id: 'd', handle: '@d', languages: ['sw'] },
  { id: 'e', handle: '@e' },
]
const membership = { a: 0, b: 0, c: 0, d: 1, e: 1 }
const documents: AuthorDocument[] = [
  { author: 'a', tokens: ['réfugiés', 'camp', 'aide', 'aide', 'aide'], hashtags: ['#refugees'] },
  { author: 'b', tokens: ['réfugiés', 'camp', 'aide'], hashtags: ['#refugees', '#calais'] },
  { author: 'c', tokens: ['réfugiés', 'frontière', 'aide'], hashtags: [] },
  { author: 'd', tokens: ['tabianchi', 'mvua', 'aide'], hashtags: ['#climate'] },
  { author: 'e', tokens: ['tabianchi', 'mvua'], hashtags: ['#climate'] },
  { author: 'nobody', tokens: ['ignored'] },
]

function setup() {
  const { graph } = buildGraph(authors, ties('a>b:3', 'c>b', 'b>a', 'd>e:2', 'e>d', 'c>d'))
  const scores = influenceScores(computeMetrics(graph).authors)
  return { graph, scores }
}

describe('describeCommunities', () => {
  it('describes no community in an empty network', () => {
    const { graph } = buildGraph([], [])
    expect(describeCommunities(graph, { membership: {}, count: 0 }, [], [])).toEqual([])
  })

  it('lists no terms when there are no documents', () => {
    const { graph, scores } = setup()
    const [first] = describeCommunities(graph, { membership, count: 2 }, scores, [])
    expect([first!.terms, first!.hashtags]).toEqual([[], []])
  })

  it('finds the terms that set a community apart, counted once per member', () => {
    const { graph, scores } = setup()
    const [refugees, climate] = describeCommunities(graph, { membership, count: 2 }, scores, documents)
    // "aide" is used in both communities, so it ranks below "réfugiés" and "camp"; "frontière"
    // has a single user and stays out.
    expect(refugees!.terms.map((term) => [term.term, term.authors])).toEqual([['réfugiés', 3], ['camp', 2], ['aide', 3]])
    expect(refugees!.terms[0]!.score).toBeGreaterThan(refugees!.terms[2]!.score)
    expect(refugees!.hashtags.map((tag) => tag.term)).toEqual(['#refugees'])
    expect(climate!.terms.map((term) => term.term)).toEqual(['tabianchi', 'mvua'])
    expect(climate!.hashtags.map((tag) => tag.term)).toEqual(['#climate'])
  })

  it('gives sizes, main languages with their share, and key members by score', () => {
    const { graph, scores } = setup()
    const [refugees, climate] = describeCommunities(graph, { membership, count: 2 }, scores, documents, { members: 2 })
    expect(refugees!.size).toBe(3)
    expect(refugees!.languages).toEqual([{ lang: 'fr', authors: 2, share: 2 / 3 }, { lang: 'en', authors: 1, share: 1 / 3 }])
    expect(refugees!.members.map((member) => member.handle)).toEqual(['@b', '@a'])
    expect(refugees!.members[0]!.score).toBe(scores.find((score) => score.id === 'b')!.score)
    // e's language is unknown: left out of the counts, not counted as a language.
    expect(climate!.languages).toEqual([{ lang: 'sw', authors: 1, share: 0.5 }])
  })

  it('keeps the terms of a one-member community', () => {
    const { graph, scores } = setup()
    const single = describeCommunities(graph, { membership: { a: 0, b: 0, c: 0, d: 0, e: 1 }, count: 2 }, scores, documents)[1]!
    expect(single.terms.map((term) => term.term)).toEqual(['tabianchi', 'mvua'])
  })
})
