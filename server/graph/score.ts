import type { AuthorMetrics } from './metrics'

export const SCORE_PARTS = ['pagerank', 'inDegree', 'betweenness', 'reach', 'engagement', 'activity'] as const
export type ScorePart = (typeof SCORE_PARTS)[number]

/**
 * The influence score's formula, as data so the UI can show it and a snapshot can store the
 * one it used: each part is normalised to [0, 1] by its percentile rank among the authors of
 * the network, then the parts are averaged with these weights and scaled to 0–100.
 */
export interface ScoreFormula {
  weights: Record<ScorePart, number>
  normalise: 'percentile'
}

/**
 * Being addressed by influential people counts most; being addressed at all, bridging groups,
 * audience and received engagement follow; posting a lot counts least, since volume alone is
 * not influence.
 */
export const DEFAULT_FORMULA: ScoreFormula = {
  weights: { pagerank: 0.3, inDegree: 0.2, betweenness: 0.15, reach: 0.15, engagement: 0.15, activity: 0.05 },
  normalise: 'percentile',
}

export interface ScorePartDetail {
  part: ScorePart
  /** The measure itself; null when unknown (followers a platform does not give). */
  value: number | null
  /** Its percentile rank in [0, 1]; 0 for nothing or unknown. */
  normalised: number
  /** Its share of the formula (the weights divided by their sum). */
  weight: number
  /** Points it adds to the score: weight × normalised × 100. The contributions sum to the score. */
  contribution: number
}

export interface AuthorScore {
  id: string
  /** 0–100. */
  score: number
  /** 1 for the highest score. */
  rank: number
  parts: ScorePartDetail[]
}

function checkFormula(formula: ScoreFormula): number {
  let total = 0
  for (const part of SCORE_PARTS) {
    const weight = formula.weights[part]
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`score weight of ${part} must be a number ≥ 0, got ${weight}`)
    total += weight
  }
  if (total <= 0) throw new RangeError('score weights must not all be 0')
  return total
}

/** How many of the sorted values are below `value` (`strict`) or at most `value`. */
function countBelow(sorted: Float64Array, value: number, strict: boolean): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle]! < value || (!strict && sorted[middle] === value)) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * Percentile rank of each value among all of them, equal values sharing the middle of their
 * run. Zero and unknown get 0: in a network where most authors bridge nothing, having nothing
 * should not earn half the points.
 */
export function percentileRanks(values: readonly (number | null)[]): Float64Array {
  const ranks = new Float64Array(values.length)
  const positive = Float64Array.from(values.filter((value): value is number => value !== null && value > 0)).sort()
  const below = values.length - positive.length
  const span = Math.max(values.length - 1, 1)
  values.forEach((value, i) => {
    if (value === null || value <= 0) return
    if (values.length === 1) {
      ranks[i] = 1
      return
    }
    const first = countBelow(positive, value, true)
    const last = countBelow(positive, value, false) - 1
    ranks[i] = (below + (first + last) / 2) / span
  })
  return ranks
}

/** Orders by score, then PageRank, then id, so equal scores always rank the same way. */
function rankOrder(authors: readonly AuthorMetrics[], scores: Float64Array): number[] {
  return authors.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!
    || authors[b]!.pagerank - authors[a]!.pagerank
    || (authors[a]!.id < authors[b]!.id ? -1 : authors[a]!.id > authors[b]!.id ? 1 : 0))
}

/** Each author's influence score with the parts that make it, in the order of `authors`. */
export function influenceScores(authors: readonly AuthorMetrics[], formula: ScoreFormula = DEFAULT_FORMULA): AuthorScore[] {
  const total = checkFormula(formula)
  const normalised = new Map(SCORE_PARTS.map((part) => [part, percentileRanks(authors.map((author) => author[part]))]))
  const scores = new Float64Array(authors.length)
  const results = authors.map((author, i): AuthorScore => {
    const parts = SCORE_PARTS.map((part): ScorePartDetail => {
      const weight = formula.weights[part] / total
      const share = normalised.get(part)![i]!
      return { part, value: author[part], normalised: share, weight, contribution: weight * share * 100 }
    })
    scores[i] = parts.reduce((sum, part) => sum + part.contribution, 0)
    return { id: author.id, score: scores[i]!, rank: 0, parts }
  })
  rankOrder(authors, scores).forEach((index, position) => {
    results[index]!.rank = position + 1
  })
  return results
}
