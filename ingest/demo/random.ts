// The demo corpus must come out byte-identical for the same seed and options, on any machine,
// so nothing here touches Math.random, the clock or Intl: one small seeded generator
// (mulberry32) and a string hash (FNV-1a) to derive independent streams and stable ids.

/** 32-bit FNV-1a of a string, mixed with a seed: stable ids and sub-seeds from names. */
export function hashString(text: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  // FNV alone leaves the low bits weak for short inputs; one avalanche round fixes that.
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b) >>> 0
  hash ^= hash >>> 13
  return hash >>> 0
}

export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A new generator whose sequence depends on this seed and the label, not on how far this one has run. */
  static derive(seed: number, label: string): Random {
    return new Random(hashString(label, seed))
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)]!
  }

  /** Index drawn in proportion to the weights. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0
    for (const weight of weights) total += weight
    let target = this.next() * total
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i]!
      if (target < 0) return i
    }
    return weights.length - 1
  }

  /** Standard normal, by Box-Muller. */
  normal(): number {
    const u = 1 - this.next()
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** Log-normal with the given median: the heavy tail of followers and activity. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  /** Up to `count` distinct items, in a random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items]
    const out: T[] = []
    while (out.length < count && copy.length > 0) {
      const index = Math.floor(this.next() * copy.length)
      out.push(copy[index]!)
      copy.splice(index, 1)
    }
    return out
  }
}

/**
 * Items with fixed weights, drawn in O(log n) by binary search over cumulative sums: authors
 * are drawn once per post, and a million-post run cannot afford a linear scan each time.
 */
export class WeightedTable<T> {
  private readonly cumulative: number[] = []
  private readonly total: number

  constructor(readonly items: readonly T[], weight: (item: T) => number) {
    let sum = 0
    for (const item of items) {
      sum += Math.max(0, weight(item))
      this.cumulative.push(sum)
    }
    this.total = sum
  }

  get size(): number {
    return this.items.length
  }

  pick(random: Random): T {
    if (this.items.length === 0 || this.total <= 0) throw new Error('pick from an empty table')
    const target = random.next() * this.total
    let low = 0
    let high = this.cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.cumulative[middle]! > target) high = middle
      else low = middle + 1
    }
    return this.items[low]!
  }
}
