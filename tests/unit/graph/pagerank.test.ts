import { describe, expect, it } from 'vitest'
import { pagerank } from '../../../server/graph/pagerank'
import { fixtureGraph, graphOf, ties } from './support'

const top = (scores: Record<string, number>, k: number) => Object.entries(scores).sort((a, b) => b[1] - a[1]).slice(0, k).map(([id]) => id)

describe('pagerank', () => {
  it('is empty for an empty graph', () => {
    expect(pagerank(graphOf([]))).toEqual({})
  })

  it('shares rank equally among isolated authors', () => {
    const scores = pagerank(graphOf([], { authors: [{ id: 'a' }, { id: 'b' }] }))
    expect(scores).toEqual({ a: 0.5, b: 0.5 })
  })

  it('flows towards the one addressed, more along heavier ties', () => {
    // a mentions c three times and b once; b and c mention nobody.
    const scores = pagerank(graphOf(ties('a>b:1', 'a>c:3')))
    expect(scores.c).toBeGreaterThan(scores.b!)
    expect(scores.b).toBeGreaterThan(scores.a!)
    expect(Object.values(scores).reduce((sum, score) => sum + score, 0)).toBeCloseTo(1, 9)
  })

  it('matches the closed form on a two-author cycle with damping', () => {
    const scores = pagerank(graphOf(ties('a>b', 'b>a')), { alpha: 0.5 })
    expect(scores.a).toBeCloseTo(0.5, 6)
  })

  it('ranks 34, 1 and 33 first on the karate club', () => {
    const scores = pagerank(fixtureGraph('karate'))
    expect(top(scores, 3)).toEqual(['34', '1', '33'])
    expect(scores['34']).toBeCloseTo(0.1009, 4)
  })

  it('ranks Valjean, Marius and Myriel first in Les Misérables', () => {
    expect(top(pagerank(fixtureGraph('lesmis')), 3)).toEqual(['11', '55', '0'])
  })
})
