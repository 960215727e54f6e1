// Counting helpers shared by the spike, driver and emerging-term rules, so all three read a
// baseline the same way.

/** Counts keyed by term, hashtag, author, link, domain or language. */
export type Counts = ReadonlyMap<string, number> | ReadonlyArray<{ key: string, count: number }>

/**
 * One map from either accepted shape. Repeated keys add up, so callers may pass rows straight
 * from a GROUP BY over several partitions.
 */
export function toCountMap(counts: Counts, what: string): Map<string, number> {
  const entries: Iterable<[string, number]> = counts instanceof Map
    ? counts.entries()
    : (counts as ReadonlyArray<{ key: string, count: number }>).map((row) => [row.key, row.count] as [string, number])
  const map = new Map<string, number>()
  for (const [key, count] of entries) {
    assertCount(count, `${what} "${key}"`)
    if (count > 0) map.set(key, (map.get(key) ?? 0) + count)
  }
  return map
}

export function assertCount(count: number, what: string): void {
  if (!Number.isFinite(count) || count < 0) throw new RangeError(`${what}: a count must be a finite number ≥ 0, got ${count}`)
}

export function sum(values: Iterable<number>): number {
  let total = 0
  for (const value of values) total += value
  return total
}

export interface Baseline {
  mean: number
  /** Population standard deviation of the baseline values. */
  sd: number
  /** The spread actually divided by: sd, but never below the Poisson floor. */
  spread: number
}

/**
 * Mean and spread of a baseline. Counts are roughly Poisson, whose standard deviation is
 * sqrt(mean): a flat series (sd 0) would otherwise turn any small bump into an enormous z, so
 * the spread is floored at max(1, sqrt(mean)).
 */
export function baselineOf(values: readonly number[]): Baseline {
  const mean = values.length ? sum(values) / values.length : 0
  const variance = values.length ? sum(values.map((v) => (v - mean) ** 2)) / values.length : 0
  const sd = Math.sqrt(variance)
  return { mean, sd, spread: Math.max(sd, Math.sqrt(mean), 1) }
}

/** Standard score against a floored baseline. */
export function zScore(value: number, baseline: Baseline): number {
  return (value - baseline.mean) / baseline.spread
}
