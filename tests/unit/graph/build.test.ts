import { describe, expect, it } from 'vitest'
import { buildGraph } from '../../../server/graph/build'
import { ties } from './support'

describe('buildGraph', () => {
  it('refuses weights that are not positive numbers', () => {
    expect(() => buildGraph([], ties('a>b:0'))).toThrow(/a → b: weight must be a positive number, got 0/)
    expect(() => buildGraph([], [{ source: 'a', target: 'b', weight: Number.NaN }])).toThrow(RangeError)
  })

  it('refuses an author listed twice, the id 5 and "5" being one author', () => {
    expect(() => buildGraph([{ id: 5 }, { id: '5' }], [])).toThrow(/author 5 is listed twice/)
  })

  it('builds an empty graph from nothing', () => {
    const { graph, repeated, selfLoops } = buildGraph([], [])
    expect([graph.order, graph.size, repeated, selfLoops]).toEqual([0, 0, 0, 0])
  })

  it('leaves self-loops out and counts them', () => {
    const { graph, selfLoops } = buildGraph([], ties('a>a:4', 'a>b'))
    expect(selfLoops).toBe(1)
    expect(graph.hasEdge('a', 'a')).toBe(false)
    expect(graph.size).toBe(1)
  })

  it('keeps listed authors without interactions as isolated nodes, with what is known of them', () => {
    const { graph } = buildGraph([{ id: 7, handle: '@quiet', followers: 120, activity: 3, languages: ['sw', 'en'] }], ties('8>9'))
    expect(graph.nodes()).toEqual(['7', '8', '9'])
    expect(graph.degree('7')).toBe(0)
    expect(graph.getNodeAttributes('7')).toEqual({ handle: '@quiet', followers: 120, engagement: 0, activity: 3, languages: ['sw', 'en'] })
    // Unknown followers stay unknown, not zero.
    expect(graph.getNodeAttributes('8')).toEqual({ handle: '8', followers: null, engagement: 0, activity: 0, languages: [] })
  })

  it('sums a pair listed twice, interaction kinds included', () => {
    const { graph, repeated } = buildGraph([], [
      { source: 1, target: 2, weight: 2, kinds: { mention: 2 } },
      { source: '1', target: '2', weight: 3, kinds: { mention: 1, reply: 2 } },
    ])
    expect(repeated).toBe(1)
    expect(graph.getEdgeAttributes('1', '2')).toEqual({ weight: 5, kinds: { mention: 3, reply: 2 } })
  })

  it('keeps the first of a repeated pair when asked to', () => {
    const { graph, repeated } = buildGraph([], ties('a>b:2', 'a>b:3'), { repeated: 'first' })
    expect(repeated).toBe(1)
    expect(graph.getEdgeAttribute('a', 'b', 'weight')).toBe(2)
  })

  it('keeps both directions apart when directed, and merges them when not', () => {
    const directed = buildGraph([], ties('a>b:2', 'b>a:1')).graph
    expect(directed.type).toBe('directed')
    expect([directed.size, directed.getEdgeAttribute('a', 'b', 'weight'), directed.getEdgeAttribute('b', 'a', 'weight')]).toEqual([2, 2, 1])
    const undirected = buildGraph([], ties('a>b:2', 'b>a:1'), { directed: false })
    expect(undirected.graph.type).toBe('undirected')
    expect([undirected.graph.size, undirected.repeated, undirected.graph.getEdgeAttribute('a', 'b', 'weight')]).toEqual([1, 1, 3])
  })

  it('orders nodes and edges by first appearance, so the same input builds the same graph', () => {
    const input = ties('c>a', 'b>c', 'c>a:2', 'a>b')
    const first = buildGraph([], input).graph
    const second = buildGraph([], input).graph
    expect(first.nodes()).toEqual(['c', 'a', 'b'])
    expect(first.mapEdges((_e, { weight }, source, target) => `${source}>${target}:${weight}`)).toEqual(['c>a:3', 'b>c:1', 'a>b:1'])
    expect(second.export()).toEqual(first.export())
  })
})
