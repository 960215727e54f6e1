import { describe, expect, it } from 'vitest'
import { weightedInDegree } from '../../../server/graph/degree'
import { computeMetrics } from '../../../server/graph/metrics'
import { fixtureGraph, graphOf, ties } from './support'

describe('weightedInDegree', () => {
  it('is empty for an empty graph and 0 for isolated authors', () => {
    expect(weightedInDegree(graphOf([]))).toEqual({})
    expect(weightedInDegree(graphOf([], { authors: [{ id: 'a' }] }))).toEqual({ a: 0 })
  })

  it('sums the weights an author receives', () => {
    expect(weightedInDegree(graphOf(ties('a>b:2', 'c>b:3', 'b>a')))).toEqual({ a: 1, b: 5, c: 0 })
  })

  it('sums every tie of an author when undirected', () => {
    expect(weightedInDegree(graphOf(ties('a>b:2', 'c>b:3'), { directed: false }))).toEqual({ a: 2, b: 5, c: 3 })
  })

  it('gives the karate club its degrees', () => {
    const degree = weightedInDegree(fixtureGraph('karate'))
    expect([degree['34'], degree['1'], degree['12']]).toEqual([17, 16, 1])
  })
})

describe('computeMetrics', () => {
  it('returns nothing for an empty graph', () => {
    expect(computeMetrics(graphOf([]))).toEqual({ authors: [], betweenness: { method: 'exact', samples: 0 } })
  })

  it('gathers every measure per author in node order, unknown reach kept null', () => {
    const authors = [{ id: 'a', followers: 10, engagement: 4, activity: 2 }, { id: 'b' }]
    const { authors: rows, betweenness } = computeMetrics(graphOf(ties('a>b:2', 'b>c'), { authors }))
    expect(rows.map((row) => row.id)).toEqual(['a', 'b', 'c'])
    expect(rows[0]).toMatchObject({ inDegree: 0, reach: 10, engagement: 4, activity: 2, betweenness: 0 })
    expect(rows[1]).toMatchObject({ inDegree: 2, reach: null, engagement: 0, activity: 0, betweenness: 1 })
    expect(betweenness).toEqual({ method: 'exact', samples: 3 })
  })

  it('says when betweenness was sampled', () => {
    const { betweenness } = computeMetrics(fixtureGraph('lesmis'), { betweenness: { exactUpTo: 50, samples: 20 } })
    expect(betweenness).toEqual({ method: 'sampled', samples: 20 })
  })
})
