import { describe, expect, it } from 'vitest'
import { buildGraph } from '../../../server/graph/build'
import { detectCommunities } from '../../../server/graph/communities'
import { explainScores } from '../../../server/graph/explain'
import { computeMetrics } from '../../../server/graph/metrics'
import { influenceScores } from '../../../server/graph/score'
import type { ConversationGraph } from '../../../server/graph/types'
import { fixtureGraph, graphOf, ties } from './support'

function explainAll(graph: ConversationGraph, membership = detectCommunities(graph).membership) {
  return explainScores(graph, influenceScores(computeMetrics(graph).authors), membership)
}

describe('explainScores', () => {
  it('refuses an author without a community', () => {
    const graph = graphOf(ties('a>b'))
    expect(() => explainScores(graph, influenceScores(computeMetrics(graph).authors), { a: 0 })).toThrow('author b has no community')
  })

  it('explains nothing in an empty graph, and an isolated author with no one and no bridge', () => {
    expect(explainAll(graphOf([]))).toEqual([])
    const [alone] = explainAll(graphOf([], { authors: [{ id: 'a' }] }))
    expect(alone).toMatchObject({ id: 'a', interactors: [], community: 0, connects: [], bridge: 0 })
  })

  it('names who addresses an author most, heaviest first, with how', () => {
    const { graph } = buildGraph([{ id: 'c', handle: '@c' }], [
      { source: 'a', target: 'b', weight: 1 },
      { source: 'c', target: 'b', weight: 4, kinds: { reply: 3, quote: 1 } },
      { source: 'b', target: 'd', weight: 9 },
    ])
    const b = explainAll(graph, { a: 0, b: 0, c: 0, d: 0 }).find((explanation) => explanation.id === 'b')!
    expect(b.interactors).toEqual([{ id: 'c', handle: '@c', weight: 4, kinds: { reply: 3, quote: 1 } }, { id: 'a', handle: 'a', weight: 1 }])
  })

  it('limits the interactors named', () => {
    const graph = graphOf(ties('a>z:1', 'b>z:2', 'c>z:3'))
    const z = explainScores(graph, influenceScores(computeMetrics(graph).authors), { a: 0, b: 0, c: 0, z: 0 }, { interactors: 2 }).find((e) => e.id === 'z')!
    expect(z.interactors.map((interactor) => interactor.id)).toEqual(['c', 'b'])
  })

  it('shows which communities an author connects, and how evenly', () => {
    // b talks with a (community 0, weight 1 + 1 both ways) and c (community 1, weight 2).
    const graph = graphOf(ties('a>b', 'b>a', 'b>c:2'))
    const b = explainScores(graph, influenceScores(computeMetrics(graph).authors), { a: 0, b: 0, c: 1 }).find((e) => e.id === 'b')!
    expect(b.community).toBe(0)
    expect(b.connects).toEqual([{ community: 0, weight: 2, share: 0.5 }, { community: 1, weight: 2, share: 0.5 }])
    expect(b.bridge).toBeCloseTo(0.5, 10)
  })

  it('carries the score, rank and parts of each author', () => {
    const graph = graphOf(ties('a>b'))
    const scores = influenceScores(computeMetrics(graph).authors)
    const explanations = explainScores(graph, scores, { a: 0, b: 0 })
    expect(explanations.map(({ id, score, rank, parts }) => ({ id, score, rank, parts }))).toEqual(scores)
  })

  it('finds the karate club\'s instructor and president bridging its two halves', () => {
    const graph = fixtureGraph('karate')
    const explanations = explainAll(graph)
    const bridge = (id: string) => explanations.find((explanation) => explanation.id === id)!.bridge
    // Node 12 is tied only to the instructor; nodes 1 and 34 reach into several communities.
    expect(bridge('12')).toBe(0)
    expect(bridge('1')).toBeGreaterThan(0.4)
    expect(bridge('34')).toBeGreaterThan(0.3)
    expect(explanations.find((explanation) => explanation.rank === 1)!.id).toBe('34')
  })
})
