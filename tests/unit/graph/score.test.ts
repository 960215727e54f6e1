import { describe, expect, it } from 'vitest'
import type { AuthorMetrics } from '../../../server/graph/metrics'
import { DEFAULT_FORMULA, influenceScores, percentileRanks, type ScoreFormula } from '../../../server/graph/score'

const author = (id: string, values: Partial<Omit<AuthorMetrics, 'id'>> = {}): AuthorMetrics =>
  ({ id, pagerank: 0, inDegree: 0, reach: null, engagement: 0, activity: 0, betweenness: 0, ...values })

const only = (part: keyof ScoreFormula['weights']): ScoreFormula =>
  ({ normalise: 'percentile', weights: { pagerank: 0, inDegree: 0, betweenness: 0, reach: 0, engagement: 0, activity: 0, [part]: 1 } })

describe('percentileRanks', () => {
  it('is empty for no values', () => {
    expect([...percentileRanks([])]).toEqual([])
  })

  it('gives 0 to zero and unknown, and shares the middle between equal values', () => {
    expect([...percentileRanks([0, null, 5, 5, 9])]).toEqual([0, 0, 0.625, 0.625, 1])
  })

  it('gives 1 to a lone author with something, 0.5 to everyone when all are equal', () => {
    expect([...percentileRanks([3])]).toEqual([1])
    expect([...percentileRanks([2, 2, 2])]).toEqual([0.5, 0.5, 0.5])
  })
})

describe('influenceScores', () => {
  it('refuses negative weights and weights that are all 0', () => {
    expect(() => influenceScores([author('a')], { ...DEFAULT_FORMULA, weights: { ...DEFAULT_FORMULA.weights, reach: -1 } })).toThrow(/reach must be a number ≥ 0/)
    expect(() => influenceScores([author('a')], { normalise: 'percentile', weights: { pagerank: 0, inDegree: 0, betweenness: 0, reach: 0, engagement: 0, activity: 0 } })).toThrow(/must not all be 0/)
  })

  it('scores nobody in an empty network', () => {
    expect(influenceScores([])).toEqual([])
  })

  it('adds up the parts: each contributes its weight times its percentile, out of 100', () => {
    const [top] = influenceScores([author('a', { pagerank: 0.6, inDegree: 5, reach: 100 }), author('b', { pagerank: 0.4, inDegree: 1, reach: null })])
    expect(top!.parts.map((part) => [part.part, part.value, part.normalised, part.weight])).toEqual([
      ['pagerank', 0.6, 1, 0.3], ['inDegree', 5, 1, 0.2], ['betweenness', 0, 0, 0.15], ['reach', 100, 1, 0.15], ['engagement', 0, 0, 0.15], ['activity', 0, 0, 0.05],
    ])
    expect(top!.score).toBeCloseTo(65, 10)
    expect(top!.parts.reduce((sum, part) => sum + part.contribution, 0)).toBeCloseTo(top!.score, 10)
  })

  it('keeps unknown reach unknown in the explanation, worth nothing', () => {
    const [, b] = influenceScores([author('a', { reach: 10 }), author('b')], only('reach'))
    expect(b!.parts.find((part) => part.part === 'reach')).toMatchObject({ value: null, normalised: 0, contribution: 0 })
  })

  it('divides the weights by their sum, so a formula need not add up to 1', () => {
    const doubled = { ...DEFAULT_FORMULA, weights: Object.fromEntries(Object.entries(DEFAULT_FORMULA.weights).map(([part, weight]) => [part, weight * 2])) as ScoreFormula['weights'] }
    const authors = [author('a', { pagerank: 0.7, engagement: 3 }), author('b', { pagerank: 0.3, activity: 8 })]
    expect(influenceScores(authors, doubled)).toEqual(influenceScores(authors))
  })

  it('ranks by score, then PageRank, then id, in the order of the authors given', () => {
    const scores = influenceScores([author('c', { pagerank: 0.1 }), author('a', { pagerank: 0.1 }), author('b', { pagerank: 0.2, inDegree: 1 })], only('inDegree'))
    expect(scores.map((score) => [score.id, score.rank])).toEqual([['c', 3], ['a', 2], ['b', 1]])
  })
})
