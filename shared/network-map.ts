import { PALETTE } from './palette'

// How a network snapshot is drawn, wherever it is drawn: the map in the browser and the GEXF
// file opened in Gephi give a community the same colour and an author the same relative size.

/**
 * Colours for keys in rank order (communities biggest first, languages most spoken first):
 * one palette colour each while they last; the rest share `other`, since two communities in
 * one colour would read as one.
 */
export function rankedColours<K>(ranked: readonly K[], other: string): (key: K) => string {
  const colours = new Map(ranked.slice(0, PALETTE.length).map((key, i) => [key, PALETTE[i]!]))
  return (key) => colours.get(key) ?? other
}

/** Communities biggest first, ties by number, so every view ranks (and colours) them alike. */
export function rankCommunities(communities: Iterable<{ community: number, size: number }>): number[] {
  return [...communities].sort((a, b) => b.size - a.size || a.community - b.community).map((c) => c.community)
}

export const NODE_SIZE = { min: 2, max: 14 } as const
export const EDGE_SIZE = { min: 0.5, max: 4 } as const

/**
 * A node's size from its score: by area (square root), so the top author does not swallow the
 * map and a tenth of their score still shows.
 */
export function nodeSize(score: number, maxScore: number): number {
  const share = maxScore > 0 ? Math.sqrt(Math.max(0, score) / maxScore) : 0
  return NODE_SIZE.min + (NODE_SIZE.max - NODE_SIZE.min) * share
}

/** An edge's thickness from its weight, on a log scale: interaction counts are heavy-tailed. */
export function edgeSize(weight: number, maxWeight: number): number {
  const share = maxWeight > 1 ? Math.log(Math.max(1, weight)) / Math.log(maxWeight) : 0
  return EDGE_SIZE.min + (EDGE_SIZE.max - EDGE_SIZE.min) * share
}
