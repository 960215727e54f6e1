import { joinChains, withoutEnclosedWords } from './phrases'
import { assertCount, type Counts, sum, toCountMap } from './stats'

// What drove a spike: the terms, hashtags, authors, links, domains and languages that are
// over-represented in the spike compared with its baseline.
//
// The rule, as the UI states it:
//
//   share in spike     s = (a + 1) / (A + V)      a: the key's count in the spike, A: all counts in the spike
//   share in baseline  b = (c + 1) / (C + V)      c: the key's count in the baseline, C: all counts there
//   lift = s / b       score = a × ln(lift)
//
// V is the number of distinct keys seen in either window (add-one smoothing), so a key absent
// from the baseline gets a large but finite lift instead of a division by zero. Shares, not raw
// counts, are compared because the baseline usually spans more time than the spike. Multiplying
// by a favours keys that account for many posts of the spike over rare ones with a huge lift
// (a single post's odd word). Only keys with lift > 1 and at least minCount posts in the spike
// are drivers; ties go to the larger count, then alphabetical order, so a ranking is stable.
//
// Terms come keyed by the caller (a stem, or a written form in lower case) and are listed as
// written, as phrases where they can be (phrases.ts): two-word terms that chain and were counted
// alike in both windows are one phrase, and a word found in the spike only inside a listed term
// is left out ("Homa Bay", not "Homa", "Bay" and "Homa Bay").

export const DRIVER_DIMENSIONS = ['terms', 'hashtags', 'authors', 'links', 'domains', 'languages'] as const
export type DriverDimension = typeof DRIVER_DIMENSIONS[number]

export interface DimensionCounts {
  spike: Counts
  baseline: Counts
  /**
   * All counts of the window when the maps hold only the top keys (a LIMIT in the query):
   * without it, shares would be taken of the top keys alone. Never below the sum of the map.
   */
  spikeTotal?: number
  baselineTotal?: number
  /**
   * For terms: the written form of each key (words joined by spaces). Drivers are then listed
   * by their written forms, as the phrases they come from.
   */
  surfaces?: ReadonlyMap<string, string>
}

export type DriversInput = Partial<Record<DriverDimension, DimensionCounts>>

export interface DriverOptions {
  /** Drivers kept per dimension. Default 10. */
  top?: number
  /** Minimum count in the spike. Default 2. */
  minCount?: number
}

export interface Driver {
  key: string
  /** Count in the spike window. */
  spike: number
  /** Count in the baseline window. */
  baseline: number
  /** Unsmoothed shares of their windows (0 to 1), for "4% of the spike, 0.1% before". */
  spikeShare: number
  baselineShare: number
  /** Smoothed share in the spike ÷ smoothed share in the baseline. */
  lift: number
  score: number
}

export type SpikeDrivers = Record<DriverDimension, Driver[]>

/** Drivers for every dimension; a dimension not given comes back empty. */
export function rankDrivers(input: DriversInput, options: DriverOptions = {}): SpikeDrivers {
  const drivers = {} as SpikeDrivers
  for (const dimension of DRIVER_DIMENSIONS) {
    const counts = input[dimension]
    drivers[dimension] = counts ? rankDimension(counts, options, dimension) : []
  }
  return drivers
}

/** Drivers of one dimension, best first. */
export function rankDimension(counts: DimensionCounts, options: DriverOptions = {}, what = 'drivers'): Driver[] {
  const top = options.top ?? 10
  const minCount = options.minCount ?? 2
  if (!Number.isInteger(top) || top < 0) throw new RangeError(`top must be a whole number ≥ 0, got ${top}`)
  assertCount(minCount, `${what}: minCount`)
  const spike = toCountMap(counts.spike, `${what} in the spike`)
  const baseline = toCountMap(counts.baseline, `${what} in the baseline`)
  const spikeTotal = windowTotal(spike, counts.spikeTotal, `${what}: spikeTotal`)
  const baselineTotal = windowTotal(baseline, counts.baselineTotal, `${what}: baselineTotal`)
  const distinct = new Set([...spike.keys(), ...baseline.keys()]).size

  const drivers: Driver[] = []
  for (const [key, a] of spike) {
    if (a < minCount) continue
    const c = baseline.get(key) ?? 0
    const lift = ((a + 1) / (spikeTotal + distinct)) / ((c + 1) / (baselineTotal + distinct))
    if (!(lift > 1)) continue
    drivers.push({
      key,
      spike: a,
      baseline: c,
      spikeShare: spikeTotal ? a / spikeTotal : 0,
      baselineShare: baselineTotal ? c / baselineTotal : 0,
      lift,
      score: a * Math.log(lift),
    })
  }
  drivers.sort((x, y) => y.score - x.score || y.spike - x.spike || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
  return (counts.surfaces ? asPhrases(drivers, counts.surfaces) : drivers).slice(0, top)
}

function asPhrases(drivers: readonly Driver[], surfaces: ReadonlyMap<string, string>): Driver[] {
  const terms = drivers.map((driver) => ({ ...driver, surface: surfaces.get(driver.key) ?? driver.key }))
  const joined = joinChains(terms, (a, b) => a.spike === b.spike && a.baseline === b.baseline)
  return withoutEnclosedWords(joined, (word, phrase) => word.spike === phrase.spike).map(({ surface, ...driver }) => ({ ...driver, key: surface }))
}

function windowTotal(counts: ReadonlyMap<string, number>, declared: number | undefined, what: string): number {
  const counted = sum(counts.values())
  if (declared === undefined) return counted
  assertCount(declared, what)
  return Math.max(declared, counted)
}
