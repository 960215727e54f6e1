/**
 * A seeded generator of numbers in [0, 1) (mulberry32). Louvain's visiting order, betweenness
 * pivots and the layout's starting positions draw from it, so the same input and seed always
 * give the same communities, scores and map.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` distinct integers of [0, n), drawn without replacement (a partial Fisher–Yates shuffle). */
export function sampleIndices(n: number, count: number, random: () => number): Int32Array {
  const pool = new Int32Array(n)
  for (let i = 0; i < n; i++) pool[i] = i
  const k = Math.min(count, n)
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i))
    const chosen = pool[j]!
    pool[j] = pool[i]!
    pool[i] = chosen
  }
  return pool.slice(0, k)
}
