import { type Adjacency, type EdgeList, edgeList, toAdjacency } from './adjacency'
import { sampleIndices, seededRandom } from './random'
import type { ConversationGraph } from './types'

export interface BetweennessOptions {
  /** Exact (every author a source) up to this many authors; sampled above. Default 2,000. */
  exactUpTo?: number
  /**
   * Sources drawn when sampling. Default: as many as keep the work near 25 million steps
   * (one step per tie end per search), between 50 and 200.
   */
  samples?: number
  seed?: number
  /**
   * Follow ties only in the direction they were sent. Default false: a bridge joins groups
   * that talk to each other whoever addressed whom, and directed paths in a network of
   * mentions are mostly one step long.
   */
  directed?: boolean
}

export interface BetweennessResult {
  /** Author → betweenness on the scale of the exact measure (shortest paths through them). */
  values: Record<string, number>
  method: 'exact' | 'sampled'
  /** Sources the shortest paths were counted from (every author when exact). */
  samples: number
}

const DEFAULTS = { exactUpTo: 2000, seed: 1, directed: false }
const STEP_BUDGET = 25_000_000

/** Each sampled source costs two passes over every tie end. */
export function defaultSamples(tieEnds: number): number {
  return Math.max(50, Math.min(200, Math.round(STEP_BUDGET / Math.max(2 * tieEnds, 1))))
}

interface Workspace {
  sigma: Float64Array
  distance: Int32Array
  /** (1 + dependency) / path count of each node already accumulated: what it passes back. */
  share: Float64Array
  order: Int32Array
}

function workspace(n: number): Workspace {
  return { sigma: new Float64Array(n), distance: new Int32Array(n), share: new Float64Array(n), order: new Int32Array(n) }
}

/** Breadth-first search from `source`: path counts and distances, nodes in the order reached. */
function countPaths(graph: Adjacency, source: number, work: Workspace): number {
  const { sigma, distance, order } = work
  const { offsets, neighbours } = graph
  sigma.fill(0)
  distance.fill(-1)
  sigma[source] = 1
  distance[source] = 0
  order[0] = source
  let reached = 1
  for (let head = 0; head < reached; head++) {
    const v = order[head]!
    const next = distance[v]! + 1
    const paths = sigma[v]!
    const end = offsets[v + 1]!
    for (let j = offsets[v]!; j < end; j++) {
      const w = neighbours[j]!
      if (distance[w] === -1) {
        distance[w] = next
        order[reached++] = w
      }
      if (distance[w] === next) sigma[w] = sigma[w]! + paths
    }
  }
  return reached
}

/**
 * Brandes' accumulation: walking back from the farthest node, each node passes to those one
 * step nearer the share of the shortest paths it sits on.
 */
function accumulate(graph: Adjacency, reached: number, work: Workspace, into: Float64Array): void {
  const { sigma, distance, share, order } = work
  const { offsets, neighbours } = graph
  for (let k = reached - 1; k >= 0; k--) {
    const v = order[k]!
    let sum = 0
    const next = distance[v]! + 1
    const end = offsets[v + 1]!
    for (let j = offsets[v]!; j < end; j++) {
      const w = neighbours[j]!
      if (distance[w] === next) sum += share[w]!
    }
    const dependency = sigma[v]! * sum
    share[v] = (1 + dependency) / sigma[v]!
    if (k > 0) into[v] = into[v]! + dependency
  }
}

function fromSources(graph: Adjacency, sources: ArrayLike<number>): Float64Array {
  const n = graph.ids.length
  const totals = new Float64Array(n)
  const work = workspace(n)
  for (let s = 0; s < sources.length; s++) {
    const reached = countPaths(graph, sources[s]!, work)
    accumulate(graph, reached, work, totals)
  }
  return totals
}

/**
 * Betweenness centrality over hop counts (interaction counts are not distances). Exact below
 * `exactUpTo` authors; above, shortest paths are counted from `samples` sources drawn
 * uniformly without replacement and scaled by n / samples, an unbiased estimate of the exact
 * value (Brandes & Pich 2007) whose error shrinks as 1/√samples. Pass `list` when it is
 * already built.
 */
export function betweenness(graph: ConversationGraph, options: BetweennessOptions = {}, list: EdgeList = edgeList(graph)): BetweennessResult {
  const settings = { ...DEFAULTS, ...options }
  const ties = toAdjacency(list, settings.directed ? 'out' : 'both')
  const n = ties.ids.length
  const samples = options.samples ?? defaultSamples(ties.neighbours.length)
  const exact = n <= settings.exactUpTo || samples >= n
  const sources = exact ? Int32Array.from({ length: n }, (_, i) => i) : sampleIndices(n, samples, seededRandom(settings.seed))
  const totals = fromSources(ties, sources)
  // Each undirected path is counted once from either end.
  const scale = (exact ? 1 : n / sources.length) / (settings.directed && list.directed ? 1 : 2)
  const values: Record<string, number> = {}
  ties.ids.forEach((id, i) => {
    values[id] = totals[i]! * scale
  })
  return { values, method: exact ? 'exact' : 'sampled', samples: sources.length }
}
