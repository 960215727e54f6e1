import type { AuthorScore, ScorePartDetail } from './score'
import { type Adjacency, type EdgeList, edgeList, toAdjacency } from './adjacency'
import type { ConversationGraph, KindCounts, TieAttributes } from './types'

export interface Interactor {
  id: string
  handle: string
  /** Interactions they addressed to the author. */
  weight: number
  kinds?: KindCounts
}

export interface CommunityLink {
  community: number
  /** Summed weight of the author's ties (either way) with members of that community. */
  weight: number
  /** Share of all the author's tie weight, in [0, 1]. */
  share: number
}

/** Why an author scores what they score: "why this person" (PRODUCT.md §4). */
export interface AuthorExplanation {
  id: string
  score: number
  rank: number
  /** The score's parts with their contributions (they sum to the score). */
  parts: ScorePartDetail[]
  /** Who addresses them most, heaviest first. */
  interactors: Interactor[]
  community: number
  /** The communities of the people they interact with, heaviest first (their own included). */
  connects: CommunityLink[]
  /**
   * How evenly their ties spread over communities: 1 − Σ share², the participation coefficient
   * (Guimerà & Amaral 2005). 0 when all their ties stay in one community; near 1 for a bridge.
   */
  bridge: number
}

export interface ExplainOptions {
  /** How many interactors to name. Default 5. */
  interactors?: number
}

/** What the explanations read of the graph, indexed once rather than walked per author. */
interface Lookup {
  index: Map<string, number>
  handles: string[]
  ties: TieAttributes[]
  /** Ties each author receives (every tie, when undirected). */
  received: Adjacency
  /** Every tie of each author, one entry per edge. */
  all: Adjacency
  community: Int32Array
  communityCount: number
}

function lookup(graph: ConversationGraph, membership: Record<string, number>, list: EdgeList): Lookup {
  const community = new Int32Array(list.ids.length)
  let communityCount = 0
  list.ids.forEach((id, i) => {
    const found = membership[id]
    if (found === undefined) throw new RangeError(`author ${id} has no community`)
    community[i] = found
    communityCount = Math.max(communityCount, found + 1)
  })
  return {
    index: new Map(list.ids.map((id, i) => [id, i])),
    handles: graph.mapNodes((_id, attributes) => attributes.handle),
    ties: graph.mapEdges((_edge, attributes) => attributes),
    received: toAdjacency(list, 'in'),
    all: toAdjacency(list, 'both', { mergePairs: false }),
    community,
    communityCount,
  }
}

/** Who addresses the author most (in an undirected graph, everyone tied to them), heaviest first. */
function topInteractors(data: Lookup, node: number, limit: number): Interactor[] {
  const { received } = data
  const entries: number[] = []
  for (let j = received.offsets[node]!; j < received.offsets[node + 1]!; j++) entries.push(j)
  entries.sort((a, b) => received.weights[b]! - received.weights[a]! || a - b)
  return entries.slice(0, limit).map((j) => {
    const other = received.neighbours[j]!
    const tie = data.ties[received.edges[j]!]!
    const interactor: Interactor = { id: received.ids[other]!, handle: data.handles[other]!, weight: tie.weight }
    if (tie.kinds) interactor.kinds = tie.kinds
    return interactor
  })
}

/** Sums per community in a scratch array, cleared after each author through the list it touched. */
function communityLinks(data: Lookup, node: number, scratch: Float64Array): { connects: CommunityLink[], bridge: number } {
  const { all } = data
  const touched: number[] = []
  let total = 0
  for (let j = all.offsets[node]!; j < all.offsets[node + 1]!; j++) {
    const community = data.community[all.neighbours[j]!]!
    if (scratch[community] === 0) touched.push(community)
    scratch[community] = scratch[community]! + all.weights[j]!
    total += all.weights[j]!
  }
  const connects = touched.map((community) => ({ community, weight: scratch[community]!, share: scratch[community]! / total }))
    .sort((a, b) => b.weight - a.weight || a.community - b.community)
  for (const community of touched) scratch[community] = 0
  const bridge = connects.length === 0 ? 0 : 1 - connects.reduce((sum, link) => sum + link.share * link.share, 0)
  return { connects, bridge }
}

/** An explanation for every scored author, in the order of `scores`. Pass `list` when it is already built. */
export function explainScores(
  graph: ConversationGraph,
  scores: readonly AuthorScore[],
  membership: Record<string, number>,
  options: ExplainOptions = {},
  list: EdgeList = edgeList(graph),
): AuthorExplanation[] {
  const limit = options.interactors ?? 5
  const data = lookup(graph, membership, list)
  const scratch = new Float64Array(data.communityCount)
  return scores.map((score) => {
    const node = data.index.get(score.id)
    if (node === undefined) throw new RangeError(`author ${score.id} is not in the graph`)
    return {
      id: score.id,
      score: score.score,
      rank: score.rank,
      parts: score.parts,
      interactors: topInteractors(data, node, limit),
      community: data.community[node]!,
      ...communityLinks(data, node, scratch),
    }
  })
}
