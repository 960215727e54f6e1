import { type EdgeList, edgeList } from './adjacency'
import { betweenness, type BetweennessOptions, type BetweennessResult } from './betweenness'
import { weightedInDegree } from './degree'
import { pagerank, type PagerankOptions } from './pagerank'
import type { ConversationGraph } from './types'

export interface AuthorMetrics {
  id: string
  pagerank: number
  /** Summed weight of the interactions addressed to them. */
  inDegree: number
  /** Followers; null when the platform did not say. */
  reach: number | null
  /** Engagement their posts received. */
  engagement: number
  /** Their posts in the scope. */
  activity: number
  betweenness: number
}

export interface MetricsOptions {
  pagerank?: PagerankOptions
  betweenness?: BetweennessOptions
}

export interface MetricsResult {
  /** One row per author, in the graph's node order. */
  authors: AuthorMetrics[]
  /** How betweenness was computed, for the UI to say. */
  betweenness: Pick<BetweennessResult, 'method' | 'samples'>
}

/** Every per-author measure the influence score draws on. Pass `list` when it is already built. */
export function computeMetrics(graph: ConversationGraph, options: MetricsOptions = {}, list: EdgeList = edgeList(graph)): MetricsResult {
  const rank = pagerank(graph, options.pagerank)
  const inDegree = weightedInDegree(graph, list)
  const between = betweenness(graph, options.betweenness, list)
  const authors = graph.mapNodes((id, attributes): AuthorMetrics => ({
    id,
    pagerank: rank[id]!,
    inDegree: inDegree[id]!,
    reach: attributes.followers,
    engagement: attributes.engagement,
    activity: attributes.activity,
    betweenness: between.values[id]!,
  }))
  return { authors, betweenness: { method: between.method, samples: between.samples } }
}
