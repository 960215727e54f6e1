import { describe, expect, it } from 'vitest'
import { type Bucket, detectSpikes, isOngoing, resolveSpikeOptions, scoreBuckets, SPIKE_WINDOWS } from '../../../../ingest/nlp/trends/spikes'
import { poissonTail } from '../../../../ingest/nlp/trends/stats'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const T0 = Date.parse('2026-03-01T00:00:00.000Z')

/** A zero-filled series from counts, one bucket per `step` from 1 March 2026. */
function series(counts: number[], step = HOUR): Bucket[] {
  return counts.map((count, i) => ({ start: at(i, step), count }))
}

function at(index: number, step = HOUR): string {
  return new Date(T0 + index * step).toISOString()
}

function repeat(count: number, times: number): number[] {
  return Array.from({ length: times }, () => count)
}

/** Deterministic noise in [low, high], so the "no false alarm" series is the same on every run. */
function noise(length: number, low: number, high: number, seed = 7): number[] {
  let state = seed
  return Array.from({ length }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return low + Math.round((state / 2 ** 31) * (high - low))
  })
}

describe('detectSpikes: input it cannot work with', () => {
  it('finds nothing in an empty series', () => {
    expect(detectSpikes([], { window: 24 })).toEqual([])
  })

  it('calls nothing before there is enough baseline, even for a huge bucket', () => {
    // window 4 needs 2 earlier buckets: with one, 500 posts is not yet a spike.
    expect(detectSpikes(series([1, 500]), { window: 4 })).toEqual([])
    expect(detectSpikes(series([1, 1, 500]), { window: 4 })).toHaveLength(1)
    expect(scoreBuckets(series([1, 500]), { window: 4 })[1]).toMatchObject({ baseline: null, z: null, spiking: false })
  })

  it('finds nothing in a series of zeros, and scores it without dividing by zero', () => {
    const scores = scoreBuckets(series(repeat(0, 48)), { window: 24 })
    expect(scores.filter((s) => s.spiking)).toEqual([])
    expect(scores.at(-1)).toMatchObject({ baseline: 0, spread: 1, z: 0 })
  })

  it('refuses counts that are not counts', () => {
    expect(() => detectSpikes(series([1, -2, 3]), { window: 4 })).toThrow(/bucket 1 .*≥ 0/)
    expect(() => detectSpikes(series([1, Number.NaN]), { window: 4 })).toThrow(RangeError)
  })

  it('refuses a series out of time order or with repeated buckets', () => {
    const swapped = [{ start: at(1), count: 1 }, { start: at(0), count: 1 }]
    expect(() => detectSpikes(swapped, { window: 4 })).toThrow(/time order/)
    expect(() => detectSpikes([{ start: 'yesterday', count: 1 }], { window: 4 })).toThrow(/not an ISO date-time/)
  })

  it('refuses options that make no rule', () => {
    expect(() => detectSpikes([], { window: 1 })).toThrow(/window/)
    expect(() => detectSpikes([], { window: 24, threshold: 0 })).toThrow(/threshold/)
    expect(() => detectSpikes([], { window: 24, minBaseline: 25 })).toThrow(/minBaseline/)
    expect(() => detectSpikes([], { window: 7, period: 0 })).toThrow(/period/)
    expect(() => detectSpikes([], { window: 24, maxChance: 0 })).toThrow(/maxChance/)
    expect(() => detectSpikes([], { window: 24, maxChance: 1.5 })).toThrow(/maxChance/)
  })
})

describe('detectSpikes', () => {
  it('fills in the documented defaults', () => {
    expect(resolveSpikeOptions({ window: 24 })).toEqual({ window: 24, period: 1, threshold: 3, minCount: 10, maxChance: 1e-6, minRatio: 0, minBaseline: 12 })
  })

  it('sees a spike in the smallest series that can hold one', () => {
    // One quiet bucket is a baseline of mean 0; the floor makes the spread 1, so z = 10.
    expect(detectSpikes(series([0, 10]), { window: 2, minBaseline: 1 })).toEqual([{
      start: at(1), end: at(2), lastBucket: at(1), peakAt: at(1), peakCount: 10, total: 10, buckets: 1, baseline: 0, z: 10,
    }])
  })

  it('merges consecutive spiking buckets into one event', () => {
    const counts = [...repeat(5, 24), 40, 60, 30, ...repeat(5, 6)]
    const events = detectSpikes(series(counts), { window: 24 })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ start: at(24), end: at(27), lastBucket: at(26), peakAt: at(25), peakCount: 60, total: 130, buckets: 3, baseline: 5 })
  })

  it('measures a daily spike against the flat level before it', () => {
    const events = detectSpikes(series([...repeat(20, 14), 80, 20], DAY), { window: 14 })
    expect(events).toHaveLength(1)
    expect(events[0]!.start).toBe(at(14, DAY))
    expect(events[0]!.baseline).toBe(20)
    // A flat baseline has sd 0: the Poisson floor √20 is what the rise is measured in.
    expect(events[0]!.z).toBeCloseTo(60 / Math.sqrt(20), 6)
  })

  it('raises no alarm on a noisy series without a spike', () => {
    const counts = noise(24 * 10, 35, 65)
    expect(detectSpikes(series(counts), { window: 24 })).toEqual([])
    // The same noise does cross low bars: the quiet result above is the rule at work.
    expect(detectSpikes(series(counts), { window: 24, threshold: 1, maxChance: 1 }).length).toBeGreaterThan(0)
  })

  it('ignores a burst below the minimum count, however unusual', () => {
    expect(detectSpikes(series([...repeat(0, 24), 9]), { window: 24 })).toEqual([])
    expect(detectSpikes(series([...repeat(0, 24), 10]), { window: 24 })).toHaveLength(1)
    expect(detectSpikes(series([...repeat(0, 24), 4]), { window: 24, minCount: 3 })).toHaveLength(1)
  })

  it('applies the minimum ratio to the baseline when one is set', () => {
    // Mean 100, floor √100 = 10: 160 is z = 6 (a chance of 2e-8), but only 1.6 times the usual level.
    const counts = [...repeat(100, 24), 160]
    expect(detectSpikes(series(counts), { window: 24 })).toHaveLength(1)
    expect(detectSpikes(series(counts), { window: 24, minRatio: 1.7 })).toEqual([])
  })

  it('calls a bucket only when chance would rarely fill it, however high its z', () => {
    // Mean 3, floor √3: 11 posts is z = 4.6, yet chance gives 11 or more once in about 3,400
    // such buckets; watching a thousand a day, that would be a false alarm every few days.
    const quiet = [...repeat(3, 24), 11]
    expect(scoreBuckets(series(quiet), { window: 24 }).at(-1)).toMatchObject({ z: expect.closeTo(8 / Math.sqrt(3), 6), spiking: false })
    expect(scoreBuckets(series(quiet), { window: 24 }).at(-1)!.chance).toBeCloseTo(2.9234e-4, 7)
    expect(detectSpikes(series(quiet), { window: 24, maxChance: 1e-3 })).toHaveLength(1)
    // 15 has a chance of 6.7e-7: a spike at the default bar of one in a million.
    expect(detectSpikes(series([...repeat(3, 24), 14]), { window: 24 })).toEqual([])
    expect(detectSpikes(series([...repeat(3, 24), 15]), { window: 24 })).toHaveLength(1)
  })

  it('does not let one spike hide the next', () => {
    // Were the first spike part of the second's baseline, its mean would be 25 and its sd 33:
    // 100 would then be z ≈ 2.2 and go unnoticed.
    const counts = [...repeat(10, 8), 100, 10, 10, 100, 10]
    const events = detectSpikes(series(counts), { window: 6 })
    expect(events.map((e) => e.start)).toEqual([at(8), at(11)])
    expect(events[1]!.baseline).toBe(10)
  })

  it('takes a rise that lasts longer than the window allows as the new normal', () => {
    // window 4, minBaseline 2: a spike can run 3 buckets before too few quiet ones are left.
    const events = detectSpikes(series([...repeat(0, 6), ...repeat(50, 8)]), { window: 4 })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ start: at(6), buckets: 3 })
  })
})

describe('poissonTail', () => {
  // Reference values: SciPy 1.17, scipy.stats.poisson.sf(count - 1, mean).
  it.each([
    [22, 8.56, 8.761560899546844e-5],
    [108, 55.29, 2.3714272013396385e-10],
    [628, 161.7, 6.217249592372851e-170],
    [5000, 4500, 1.2697731705204493e-13],
    [30000, 28000, 1.6893311622427807e-32],
    [3, 5, 0.8753479805169189],
    [150, 160, 0.7956261882343225],
    [20, 20, 0.5297427331607607],
    [1, 0.5, 0.3934693402873665],
  ])('gives the chance of %d or more at mean %d', (count, mean, expected) => {
    expect(poissonTail(count, mean) / expected).toBeCloseTo(1, 9)
  })

  it('is certain for nothing, impossible above a mean of zero, and 0 past what a double holds', () => {
    expect(poissonTail(0, 3)).toBe(1)
    expect(poissonTail(10, 0)).toBe(0)
    expect(poissonTail(435, 25)).toBe(0)
    expect(() => poissonTail(-1, 3)).toThrow(RangeError)
  })
})

describe('isOngoing', () => {
  it('says whether a spike reaches the newest bucket', () => {
    const running = series([...repeat(2, 24), 50])
    const [fresh] = detectSpikes(running, { window: 24 })
    expect(isOngoing(fresh!, running.at(-1)!)).toBe(true)

    const over = series([...repeat(2, 24), 50, 2, 2])
    const [old] = detectSpikes(over, { window: 24 })
    expect(isOngoing(old!, over.at(-1)!)).toBe(false)
    expect(isOngoing(old!, at(24))).toBe(true)
  })
})

describe('detectSpikes with a period: the daily rhythm of posting', () => {
  // Eight days of a topic fed by a news site that publishes its batch at 9 every morning:
  // 12 posts at 9, one an hour through the working day, none at night.
  const day = Array.from({ length: 24 }, (_, hour) => (hour === 9 ? 12 : hour > 9 && hour < 18 ? 1 : 0))
  const week = Array.from({ length: 8 }, () => day).flat()

  it('takes every morning batch for a spike when compared with the hours just before', () => {
    expect(detectSpikes(series(week), { window: 24 }).length).toBeGreaterThanOrEqual(6)
  })

  it('calls none when each hour is compared with the same hour on the previous days', () => {
    expect(detectSpikes(series(week), SPIKE_WINDOWS.hourly)).toEqual([])
  })

  it('still calls a burst at an hour that is busy every day', () => {
    const burst: number[] = [...week]
    burst[7 * 24 + 9] = 40
    const events = detectSpikes(series(burst), SPIKE_WINDOWS.hourly)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ peakCount: 40, baseline: 12, buckets: 1, start: at(7 * 24 + 9) })
  })
})
