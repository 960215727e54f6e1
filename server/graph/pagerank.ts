// graphology-metrics has no exports map: the built server resolves only the full file name.
import graphologyPagerank from 'graphology-metrics/centrality/pagerank.js'
import type { ConversationGraph } from './types'

export interface PagerankOptions {
  /** Probability of following a tie rather than jumping anywhere. Default 0.85. */
  alpha?: number
  /** Stop when the scores move less than this per author on average. Default 1e-6. */
  tolerance?: number
  maxIterations?: number
}

const DEFAULTS = { alpha: 0.85, tolerance: 1e-6, maxIterations: 200 }

/**
 * Weighted PageRank: being addressed often by authors who are themselves addressed often.
 * Scores sum to 1. A tie from a to b passes a's rank to b (mentions flow towards the one
 * mentioned); in an undirected graph it passes both ways.
 */
export function pagerank(graph: ConversationGraph, options: PagerankOptions = {}): Record<string, number> {
  if (graph.order === 0) return {}
  const settings = { ...DEFAULTS, ...options }
  return graphologyPagerank(graph, { ...settings, getEdgeWeight: 'weight' })
}
