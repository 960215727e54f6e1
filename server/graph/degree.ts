import { type EdgeList, edgeList } from './adjacency'
import type { ConversationGraph } from './types'

/**
 * How often each author was addressed: the summed weight of the ties they receive (in an
 * undirected graph, of every tie they take part in). Pass `list` when it is already built.
 */
export function weightedInDegree(graph: ConversationGraph, list: EdgeList = edgeList(graph)): Record<string, number> {
  const sums = new Float64Array(list.ids.length)
  for (let e = 0; e < list.from.length; e++) {
    sums[list.to[e]!] = sums[list.to[e]!]! + list.weight[e]!
    if (!list.directed) sums[list.from[e]!] = sums[list.from[e]!]! + list.weight[e]!
  }
  const degree: Record<string, number> = {}
  list.ids.forEach((id, i) => {
    degree[id] = sums[i]!
  })
  return degree
}
