import { assertCount, baselineOf, poissonTail, zScore } from './stats'

// Spikes in a topic's volume (hourly or daily counts, per topic × language).
//
// The rule, as the UI states it:
//
//   For each bucket, the baseline is the mean and standard deviation of the previous `window`
//   buckets `period` apart (hourly series: the same hour on each of the previous 7 days, so
//   that the daily rhythm of posting is not taken for a spike every afternoon), leaving out
//   buckets already called spikes so that one spike does not raise the bar for the next. z = (count − mean) / max(sd, √mean, 1): the floor treats counts as
//   Poisson-like, so a perfectly flat series does not turn a bump of two into a huge z.
//   A bucket is spiking when z ≥ threshold (3), count ≥ minCount (10), a Poisson count with the
//   baseline's mean would reach the count with a chance of at most maxChance (one in a
//   million) and, when set, count ≥ minRatio × mean. Nothing is called until at least
//   minBaseline (half the window, rounded up) usable buckets precede it. Consecutive spiking
//   buckets are one event.
//
// Why the chance as well as z: the spike watch tests every topic × language each hour and each
// day, about a thousand buckets a day for five topics in nine languages. At z ≥ 3 alone, chance
// bursts in the small series pass every few days: on the eight weeks of the demo corpus, 31 of
// the 34 events it called had chances between 1 in 126 and 1 in 250,000, while the outbreak's
// three were below 1 in 10^9. z still guards series noisier than Poisson, whose spread it reads.
//
// A consequence worth knowing: a rise that outlasts window − minBaseline + 1 buckets leaves
// too few non-spike buckets to judge by, and from then on it counts as the new normal.
//
// The series must be zero-filled (a bucket with no posts is a 0, not a gap): a missing
// bucket would silently shrink the baseline and shift the window.

export interface Bucket {
  /** ISO date-time of the bucket's start. */
  start: string
  count: number
}

export interface SpikeOptions {
  /** Baseline length in buckets, e.g. 7 for hourly (with period 24), 14 for daily series. */
  window: number
  /** Distance between baseline buckets, in buckets: 24 compares an hour with the same hour on earlier days. Default 1. */
  period?: number
  /** Minimum z-score. Default 3. */
  threshold?: number
  /** Minimum count in the bucket, so a topic with a handful of posts a day never "spikes". Default 10. */
  minCount?: number
  /**
   * Largest chance that a Poisson count with the baseline's mean reaches the bucket's count.
   * Default 1e-6: at a thousand buckets watched a day, chance alone then calls a spike about
   * once in three years.
   */
  maxChance?: number
  /** Minimum count ÷ baseline mean; off unless set. */
  minRatio?: number
  /** Usable baseline buckets needed before any call. Default ⌈window / 2⌉. */
  minBaseline?: number
}

export type ResolvedSpikeOptions = Required<SpikeOptions>

/** The rules Chorus watches with: each hour against the same hour of the past week, each day against the past two weeks. */
export const SPIKE_WINDOWS = { hourly: { window: 7, period: 24 }, daily: { window: 14, period: 1 } } as const

export interface BucketScore {
  start: string
  count: number
  /** Mean of the usable baseline; null while there is not enough of it. */
  baseline: number | null
  /** The spread z was divided by (sd with its floor); null with baseline. */
  spread: number | null
  z: number | null
  /**
   * How likely a count this high is under the baseline (Poisson with its mean); null with
   * baseline, or when z, the count or the ratio already rule the bucket out.
   */
  chance: number | null
  spiking: boolean
}

export interface SpikeEvent {
  /** Start of the first spiking bucket. */
  start: string
  /** Exclusive end: the start of the bucket after the last spiking one. */
  end: string
  /** Start of the last spiking bucket. */
  lastBucket: string
  peakAt: string
  peakCount: number
  /** Sum of the counts of the event's buckets. */
  total: number
  buckets: number
  /** Baseline mean just before the event began: the level it rose from. */
  baseline: number
  /** Highest z among the event's buckets. */
  z: number
}

/** The options with their defaults filled in, checked; the UI shows these numbers beside the rule. */
export function resolveSpikeOptions(options: SpikeOptions): ResolvedSpikeOptions {
  const resolved: ResolvedSpikeOptions = {
    window: options.window,
    period: options.period ?? 1,
    threshold: options.threshold ?? 3,
    minCount: options.minCount ?? 10,
    maxChance: options.maxChance ?? 1e-6,
    minRatio: options.minRatio ?? 0,
    minBaseline: options.minBaseline ?? Math.ceil(options.window / 2),
  }
  if (!Number.isInteger(resolved.window) || resolved.window < 2) throw new RangeError(`window must be a whole number of buckets ≥ 2, got ${options.window}`)
  if (!Number.isInteger(resolved.period) || resolved.period < 1) throw new RangeError(`period must be a whole number of buckets ≥ 1, got ${options.period}`)
  if (!(resolved.threshold > 0) || !Number.isFinite(resolved.threshold)) throw new RangeError(`threshold must be a positive number, got ${resolved.threshold}`)
  if (!(resolved.minCount >= 0) || !Number.isFinite(resolved.minCount)) throw new RangeError(`minCount must be a number ≥ 0, got ${resolved.minCount}`)
  if (!(resolved.maxChance > 0 && resolved.maxChance <= 1)) throw new RangeError(`maxChance must be a probability above 0 and at most 1, got ${resolved.maxChance}`)
  if (!(resolved.minRatio >= 0) || !Number.isFinite(resolved.minRatio)) throw new RangeError(`minRatio must be a number ≥ 0, got ${resolved.minRatio}`)
  if (!Number.isInteger(resolved.minBaseline) || resolved.minBaseline < 1 || resolved.minBaseline > resolved.window) {
    throw new RangeError(`minBaseline must be a whole number between 1 and the window (${resolved.window}), got ${resolved.minBaseline}`)
  }
  return resolved
}

/** Every bucket with its baseline and z, for marking spikes on a chart and explaining them. */
export function scoreBuckets(series: readonly Bucket[], options: SpikeOptions): BucketScore[] {
  const rule = resolveSpikeOptions(options)
  checkSeries(series)
  const scores: BucketScore[] = []
  for (let i = 0; i < series.length; i++) {
    const { start, count } = series[i]!
    const usable: number[] = []
    for (let k = 1; k <= rule.window && i - k * rule.period >= 0; k++) {
      const j = i - k * rule.period
      if (!scores[j]!.spiking) usable.push(series[j]!.count)
    }
    if (usable.length < rule.minBaseline) {
      scores.push({ start, count, baseline: null, spread: null, z: null, chance: null, spiking: false })
      continue
    }
    const baseline = baselineOf(usable)
    const z = zScore(count, baseline)
    // The tail is a sum of many terms in a big series: only worked out for a bucket the cheap tests leave open.
    const open = z >= rule.threshold && count >= rule.minCount && count >= rule.minRatio * baseline.mean
    const chance = open ? poissonTail(count, baseline.mean) : null
    const spiking = chance !== null && chance <= rule.maxChance
    scores.push({ start, count, baseline: baseline.mean, spread: baseline.spread, z, chance, spiking })
  }
  return scores
}

/** Spike events in time order; consecutive spiking buckets are merged into one. */
export function detectSpikes(series: readonly Bucket[], options: SpikeOptions): SpikeEvent[] {
  const scores = scoreBuckets(series, options)
  const events: SpikeEvent[] = []
  let first = -1
  for (let i = 0; i <= scores.length; i++) {
    const spiking = i < scores.length && scores[i]!.spiking
    if (spiking && first < 0) first = i
    if (!spiking && first >= 0) {
      events.push(toEvent(scores, first, i - 1))
      first = -1
    }
  }
  return events
}

/**
 * Whether the event reaches the newest bucket of the series: only such a spike is news worth
 * an alert; one that ended earlier (found while catching up on old data) is history.
 */
export function isOngoing(event: SpikeEvent, lastBucket: Bucket | string): boolean {
  const last = typeof lastBucket === 'string' ? lastBucket : lastBucket.start
  return Date.parse(event.end) > Date.parse(last)
}

function toEvent(scores: readonly BucketScore[], first: number, last: number): SpikeEvent {
  const buckets = scores.slice(first, last + 1)
  let peak = buckets[0]!
  for (const bucket of buckets) if (bucket.count > peak.count) peak = bucket
  return {
    start: buckets[0]!.start,
    end: endOf(scores, last),
    lastBucket: buckets.at(-1)!.start,
    peakAt: peak.start,
    peakCount: peak.count,
    total: buckets.reduce((total, bucket) => total + bucket.count, 0),
    buckets: buckets.length,
    baseline: buckets[0]!.baseline!,
    z: Math.max(...buckets.map((bucket) => bucket.z!)),
  }
}

/** The next bucket's start; for the newest bucket, its start plus the series' step. */
function endOf(scores: readonly BucketScore[], index: number): string {
  const next = scores[index + 1]
  if (next) return next.start
  // A spike needs earlier buckets for its baseline, so there is always a previous bucket here.
  const step = Date.parse(scores[index]!.start) - Date.parse(scores[index - 1]!.start)
  return new Date(Date.parse(scores[index]!.start) + step).toISOString()
}

function checkSeries(series: readonly Bucket[]): void {
  let previous = Number.NEGATIVE_INFINITY
  for (const [i, bucket] of series.entries()) {
    const at = Date.parse(bucket.start)
    if (Number.isNaN(at)) throw new RangeError(`bucket ${i}: "${bucket.start}" is not an ISO date-time`)
    if (at <= previous) throw new RangeError(`bucket ${i} (${bucket.start}) is not after the one before it: the series must be in time order, one bucket per period`)
    assertCount(bucket.count, `bucket ${i} (${bucket.start})`)
    previous = at
  }
}
