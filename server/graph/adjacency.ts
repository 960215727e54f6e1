import type { ConversationGraph } from './types'

/**
 * The graph as flat arrays (compressed sparse rows): node i's neighbours are
 * `neighbours[offsets[i] .. offsets[i + 1])`. Shortest-path searches run over typed arrays
 * many times faster than over graphology's per-node objects.
 */
export interface Adjacency {
  ids: string[]
  offsets: Int32Array
  neighbours: Int32Array
  weights: Float64Array
  /** Each entry's edge, by its position in `graph.edges()` (the first one for a pair tied both ways). */
  edges: Int32Array
}

/** Which ties count as a node's neighbours: the ones it sends, receives, or both. */
export type Direction = 'out' | 'in' | 'both'

/** Every edge once, its endpoints as node positions in `graph.nodes()`. */
export interface EdgeList {
  ids: string[]
  directed: boolean
  from: Int32Array
  to: Int32Array
  weight: Float64Array
}

export function edgeList(graph: ConversationGraph): EdgeList {
  const ids = graph.nodes()
  const index = new Map<string, number>()
  ids.forEach((id, i) => index.set(id, i))
  const from = new Int32Array(graph.size)
  const to = new Int32Array(graph.size)
  const weight = new Float64Array(graph.size)
  let e = 0
  graph.forEachEdge((_edge, attributes, source, target) => {
    from[e] = index.get(source)!
    to[e] = index.get(target)!
    weight[e] = attributes.weight
    e++
  })
  return { ids, directed: graph.type !== 'undirected', from, to, weight }
}

/** Adjacency with a pair tied both ways listed once, its weights summed. */
function mergePairs(raw: Adjacency): Adjacency {
  const n = raw.ids.length
  const offsets = new Int32Array(n + 1)
  const neighbours = new Int32Array(raw.neighbours.length)
  const weights = new Float64Array(raw.neighbours.length)
  const edges = new Int32Array(raw.neighbours.length)
  const slot = new Int32Array(n).fill(-1)
  let out = 0
  for (let i = 0; i < n; i++) {
    offsets[i] = out
    for (let j = raw.offsets[i]!; j < raw.offsets[i + 1]!; j++) {
      const neighbour = raw.neighbours[j]!
      const at = slot[neighbour]!
      if (at >= offsets[i]!) {
        weights[at] = weights[at]! + raw.weights[j]!
        continue
      }
      slot[neighbour] = out
      neighbours[out] = neighbour
      edges[out] = raw.edges[j]!
      weights[out++] = raw.weights[j]!
    }
  }
  offsets[n] = out
  return { ids: raw.ids, offsets, neighbours: neighbours.slice(0, out), weights: weights.slice(0, out), edges: edges.slice(0, out) }
}

export interface AdjacencyOptions {
  /**
   * With `both` on a directed graph, list a pair tied both ways once (default), as shortest
   * paths need; or keep one entry per edge, as per-edge sums need.
   */
  mergePairs?: boolean
}

export function toAdjacency(list: EdgeList, direction: Direction, options: AdjacencyOptions = {}): Adjacency {
  const { ids, from, to, weight } = list
  const n = ids.length
  const both = direction === 'both' || !list.directed
  const sends = both || direction === 'out'
  const receives = both || direction === 'in'
  const offsets = new Int32Array(n + 1)
  for (let e = 0; e < from.length; e++) {
    if (sends) offsets[from[e]! + 1]!++
    if (receives) offsets[to[e]! + 1]!++
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i + 1]! + offsets[i]!
  const fill = offsets.slice(0, n)
  const neighbours = new Int32Array(offsets[n]!)
  const weights = new Float64Array(offsets[n]!)
  const edges = new Int32Array(offsets[n]!)
  const place = (node: number, neighbour: number, e: number) => {
    const at = fill[node]!++
    neighbours[at] = neighbour
    weights[at] = weight[e]!
    edges[at] = e
  }
  for (let e = 0; e < from.length; e++) {
    if (sends) place(from[e]!, to[e]!, e)
    if (receives) place(to[e]!, from[e]!, e)
  }
  const raw = { ids, offsets, neighbours, weights, edges }
  return both && list.directed && (options.mergePairs ?? true) ? mergePairs(raw) : raw
}

export function adjacency(graph: ConversationGraph, direction: Direction, options: AdjacencyOptions = {}): Adjacency {
  return toAdjacency(edgeList(graph), direction, options)
}
