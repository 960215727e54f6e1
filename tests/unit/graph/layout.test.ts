import { describe, expect, it } from 'vitest'
import { defaultIterations, layoutForceAtlas2 } from '../../../server/graph/layout'
import { fixtureGraph, graphOf, ties } from './support'

const distance = (p: { x: number, y: number }, q: { x: number, y: number }) => Math.hypot(p.x - q.x, p.y - q.y)

describe('layoutForceAtlas2', () => {
  it('refuses an iteration count that is not a positive integer', () => {
    expect(() => layoutForceAtlas2(graphOf(ties('a>b')), { iterations: 0 })).toThrow(/iterations must be a positive integer/)
  })

  it('places nothing for an empty graph, and isolated authors where they started', () => {
    expect(layoutForceAtlas2(graphOf([]))).toEqual({})
    const positions = layoutForceAtlas2(graphOf([], { authors: [{ id: 'a' }] }), { iterations: 10 })
    expect(Object.keys(positions)).toEqual(['a'])
    expect(Number.isFinite(positions.a!.x) && Number.isFinite(positions.a!.y)).toBe(true)
  })

  it('gives the same map for the same graph and seed, another for another seed', () => {
    const graph = fixtureGraph('karate')
    const first = layoutForceAtlas2(graph, { iterations: 50, seed: 4 })
    expect(layoutForceAtlas2(graph, { iterations: 50, seed: 4 })).toEqual(first)
    expect(layoutForceAtlas2(graph, { iterations: 50, seed: 5 })).not.toEqual(first)
  })

  it('leaves the graph it lays out untouched', () => {
    const graph = fixtureGraph('karate')
    const before = graph.export()
    layoutForceAtlas2(graph, { iterations: 10 })
    expect(graph.export()).toEqual(before)
  })

  it('reports progress every 25 iterations and at the end', () => {
    const seen: [number, number][] = []
    layoutForceAtlas2(graphOf(ties('a>b', 'b>c')), { iterations: 60, onProgress: (done, total) => seen.push([done, total]) })
    expect(seen).toEqual([[25, 60], [50, 60], [60, 60]])
  })

  it('draws tied authors closer than untied ones', () => {
    // Two triangles joined by one tie: members of a triangle end up nearer each other.
    const positions = layoutForceAtlas2(graphOf(ties('a>b', 'b>c', 'c>a', 'd>e', 'e>f', 'f>d', 'c>d'), { directed: false }), { iterations: 200 })
    expect(distance(positions.a!, positions.b!)).toBeLessThan(distance(positions.a!, positions.f!))
  })

  it('spends fewer iterations on larger maps', () => {
    expect([defaultIterations(500), defaultIterations(10_000), defaultIterations(40_000), defaultIterations(100_000)]).toEqual([500, 150, 60, 30])
  })
})
