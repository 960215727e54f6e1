import { describe, expect, it } from 'vitest'
import { demoPayloads } from '../../../../ingest/demo'

// The ingest benchmark imports a million demo posts: the generator must stream them. A
// 200,000-post run is watched here; its heap must stay far below what holding the corpus
// would take (several hundred megabytes of JSON at this size). Speed is for the benchmark.

describe('demo corpus streaming', () => {
  it('generates 200,000 posts with bounded memory', () => {
    let items = 0
    let payloads = 0
    let peak = 0
    for (const payload of demoPayloads({ seed: 11, posts: 200_000, end: new Date('2026-01-05T00:00:00Z') })) {
      items += payload.posts
      if (++payloads % 25 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed)
    }
    expect(items).toBe(200_000)
    expect(peak).toBeLessThan(300 * 1024 * 1024)
  }, 600_000)
})
