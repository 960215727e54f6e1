import { edgeList } from './adjacency'
import { type BuildOptions, buildGraph } from './build'
import { type CommunityOptions, type CommunityResult, detectCommunities } from './communities'
import { type AuthorDocument, type CommunityDescription, describeCommunities, type DescribeOptions } from './describe'
import { type AuthorExplanation, explainScores, type ExplainOptions } from './explain'
import { computeMetrics, type MetricsOptions, type MetricsResult } from './metrics'
import { type AuthorScore, DEFAULT_FORMULA, influenceScores, type ScoreFormula } from './score'
import type { AuthorInput, ConversationGraph, Interaction } from './types'

export type AnalysisPhase = 'build' | 'metrics' | 'communities' | 'scores' | 'descriptions'

export interface ConversationInput {
  authors: readonly AuthorInput[]
  interactions: readonly Interaction[]
  /** Per-author tokens and hashtags; empty leaves the communities without terms. */
  documents?: readonly AuthorDocument[]
}

export interface ConversationOptions {
  build?: BuildOptions
  metrics?: MetricsOptions
  communities?: CommunityOptions
  formula?: ScoreFormula
  explain?: ExplainOptions
  describe?: DescribeOptions
  /** Called as each phase starts, for a snapshot job's progress. */
  onPhase?: (phase: AnalysisPhase) => void
}

export interface ConversationAnalysis {
  graph: ConversationGraph
  repeated: number
  selfLoops: number
  metrics: MetricsResult
  communities: CommunityResult
  formula: ScoreFormula
  /** In the graph's node order, like `metrics.authors` and `explanations`. */
  scores: AuthorScore[]
  explanations: AuthorExplanation[]
  descriptions: CommunityDescription[]
}

/**
 * Everything the influencer pages show, from the aggregated rows of a scope: the graph, each
 * author's measures, score and explanation, the communities and their descriptions. The map's
 * layout is separate (`layoutForceAtlas2`): it costs more than all of this on large networks.
 */
export function analyzeConversation(input: ConversationInput, options: ConversationOptions = {}): ConversationAnalysis {
  const phase = options.onPhase ?? (() => {})
  phase('build')
  const { graph, repeated, selfLoops } = buildGraph(input.authors, input.interactions, options.build)
  phase('metrics')
  // Indexed once for the measures and the explanations: walking graphology's edges costs.
  const list = edgeList(graph)
  const metrics = computeMetrics(graph, options.metrics, list)
  phase('communities')
  const communities = detectCommunities(graph, options.communities)
  phase('scores')
  const formula = options.formula ?? DEFAULT_FORMULA
  const scores = influenceScores(metrics.authors, formula)
  const explanations = explainScores(graph, scores, communities.membership, options.explain, list)
  phase('descriptions')
  const descriptions = describeCommunities(graph, communities, scores, input.documents ?? [], options.describe)
  return { graph, repeated, selfLoops, metrics, communities, formula, scores, explanations, descriptions }
}
