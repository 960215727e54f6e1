import { describe, expect, it } from 'vitest'
import graphologyBetweenness from 'graphology-metrics/centrality/betweenness.js'
import { betweenness, defaultSamples } from '../../../server/graph/betweenness'
import { fixtureGraph, graphOf, ties } from './support'

describe('betweenness', () => {
  it('is empty for an empty graph, and 0 for isolated authors', () => {
    expect(betweenness(graphOf([]))).toEqual({ values: {}, method: 'exact', samples: 0 })
    expect(betweenness(graphOf([], { authors: [{ id: 'a' }, { id: 'b' }] })).values).toEqual({ a: 0, b: 0 })
  })

  it('counts the middle of a path once per pair it joins', () => {
    // a - b - c - d: b lies on a–c and a–d, c on a–d and b–d.
    expect(betweenness(graphOf(ties('a>b', 'b>c', 'c>d'))).values).toEqual({ a: 0, b: 2, c: 2, d: 0 })
  })

  it('splits the credit between equally short paths', () => {
    // A square a-b-d, a-c-d: b and c each carry half of the a–d paths.
    expect(betweenness(graphOf(ties('a>b', 'a>c', 'b>d', 'c>d'))).values).toEqual({ a: 0.5, b: 0.5, c: 0.5, d: 0.5 })
  })

  it('ignores weights and counts a pair tied both ways once', () => {
    const values = betweenness(graphOf(ties('a>b:5', 'b>a:2', 'b>c'))).values
    expect(values).toEqual({ a: 0, b: 1, c: 0 })
  })

  it('follows the direction of ties when asked to', () => {
    // a → b → c, and c → b: only a→c passes through b.
    const values = betweenness(graphOf(ties('a>b', 'b>c', 'c>b')), { directed: true }).values
    expect(values).toEqual({ a: 0, b: 1, c: 0 })
  })

  it('agrees with graphology-metrics on the karate club and Les Misérables', () => {
    for (const name of ['karate', 'lesmis'] as const) {
      const graph = fixtureGraph(name)
      const ours = betweenness(graph).values
      const theirs = graphologyBetweenness(graph, { getEdgeWeight: null, normalized: false })
      for (const node of graph.nodes()) expect(ours[node]).toBeCloseTo(theirs[node]!, 6)
    }
  })

  it('samples seeded sources above the threshold and scales the estimate to the exact one', () => {
    const graph = fixtureGraph('lesmis')
    const exact = betweenness(graph).values
    const sampled = betweenness(graph, { exactUpTo: 10, samples: 40, seed: 3 })
    expect([sampled.method, sampled.samples]).toEqual(['sampled', 40])
    expect(betweenness(graph, { exactUpTo: 10, samples: 40, seed: 3 }).values).toEqual(sampled.values)
    // Valjean bridges most of the book; the estimate finds him and lands near his exact value.
    const top = Object.entries(sampled.values).sort((a, b) => b[1] - a[1])[0]!
    expect(top[0]).toBe('11')
    expect(Math.abs(top[1] - exact['11']!) / exact['11']!).toBeLessThan(0.25)
  })

  it('is exact when the samples cover every author', () => {
    const graph = fixtureGraph('karate')
    expect(betweenness(graph, { exactUpTo: 0, samples: 34 })).toEqual({ ...betweenness(graph), method: 'exact' })
  })

  it('draws as many sources as fit the step budget, between 50 and 200', () => {
    // Tie ends: about 100,000 for 10,000 authors, 1,000,000 for 100,000.
    expect([defaultSamples(0), defaultSamples(100_000), defaultSamples(200_000), defaultSamples(1_000_000)]).toEqual([200, 125, 63, 50])
  })
})
