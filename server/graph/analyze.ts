import { buildGraph } from './build'
import { type CommunityOptions, detectCommunities } from './communities'
import type { NetworkFile } from './network-file'
import { pagerank, type PagerankOptions } from './pagerank'

export interface AnalyzeOptions {
  /** Treat edges as directed even when the file does not say so. */
  directed?: boolean
  communities?: CommunityOptions
  pagerank?: PagerankOptions
}

export interface NetworkAnalysis {
  nodes: number
  edges: number
  directed: boolean
  modularity: number
  /** How many communities. */
  communities: number
  /** Louvain runs the best partition was chosen from. */
  passes: number
  sizes: number[]
  membership: Record<string, number>
  /** Highest first; equal scores in the file's node order. */
  pagerank: { id: string, score: number }[]
  /** What was tolerated while reading and building. */
  warnings: string[]
}

function buildWarnings(repeated: number, selfLoops: number, policy: NetworkFile['repeated']): string[] {
  const warnings: string[] = []
  if (repeated > 0) warnings.push(`${repeated} edge(s) listed more than once: ${policy === 'sum' ? 'merged, their weights summed' : 'kept once'}`)
  if (selfLoops > 0) warnings.push(`${selfLoops} self-loop(s) left out`)
  return warnings
}

/** The communities and PageRank ranking of a network read from a file (`chorus graph analyze`). */
export function analyzeNetwork(file: NetworkFile, options: AnalyzeOptions = {}): NetworkAnalysis {
  const directed = options.directed || file.directed
  const authors = file.nodes.map((node) => ({ id: node.id, handle: node.label ?? node.id }))
  const { graph, repeated, selfLoops } = buildGraph(authors, file.edges, { directed, repeated: file.repeated })
  const communities = detectCommunities(graph, options.communities)
  const scores = pagerank(graph, options.pagerank)
  const ranking = graph.mapNodes((id) => ({ id, score: scores[id]! })).sort((a, b) => b.score - a.score)
  return {
    nodes: graph.order,
    edges: graph.size,
    directed,
    modularity: communities.modularity,
    communities: communities.count,
    passes: communities.passes,
    sizes: communities.sizes,
    membership: communities.membership,
    pagerank: ranking,
    warnings: [...file.warnings, ...buildWarnings(repeated, selfLoops, file.repeated)],
  }
}
