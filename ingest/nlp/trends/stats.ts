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

/** ln(n!), exact below 20 and by Stirling's series above, where it is good to about 1e-15. */
function logFactorial(n: number): number {
  if (n < 20) {
    let total = 0
    for (let i = 2; i <= n; i++) total += Math.log(i)
    return total
  }
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3) + 1 / (1260 * n ** 5)
}

/**
 * The chance that a Poisson count with this mean reaches `count` or more: how often chance
 * alone would give a bucket this full. Summed term by term in the direction the terms shrink,
 * so it stays exact far into the tail (a number too small for a double comes out as 0).
 */
export function poissonTail(count: number, mean: number): number {
  assertCount(count, 'count')
  assertCount(mean, 'mean')
  const k = Math.ceil(count)
  if (k <= 0) return 1
  if (mean === 0) return 0
  const logPmf = (j: number) => -mean + j * Math.log(mean) - logFactorial(j)
  let total = 0
  if (k > mean) {
    // P(X ≥ k): from k upwards, each term mean / (j + 1) times the one before.
    let term = Math.exp(logPmf(k))
    for (let j = k; term > total * 1e-17; j++) {
      total += term
      term *= mean / (j + 1)
    }
    return Math.min(1, total)
  }
  // 1 − P(X ≤ k − 1): from k − 1 downwards, each term j / mean times the one after.
  let term = Math.exp(logPmf(k - 1))
  for (let j = k - 1; j >= 0 && term > total * 1e-17; j--) {
    total += term
    term *= j / mean
  }
  return Math.max(0, 1 - total)
}
