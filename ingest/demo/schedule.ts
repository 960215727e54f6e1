import type { CommunitySpec } from './model'
import { Random } from './random'

// When posts happen. The whole window is planned up front as expected volume per hour and
// community (a few thousand numbers, whatever the corpus size), then rounded so the counts
// add up to exactly the requested number of posts. Generation walks the plan hour by hour,
// which keeps the output in time order without holding posts back.

export const HOUR = 3_600_000
export const DAY = 24 * HOUR

/** Relative activity by local hour: quiet nights, a morning peak, a second one after work. */
const BY_HOUR = [0.22, 0.14, 0.09, 0.07, 0.09, 0.18, 0.42, 0.72, 0.98, 1.15, 1.2, 1.14, 1.04, 1.0, 1.04, 1.08, 1.04, 0.98, 0.98, 1.04, 1.0, 0.84, 0.6, 0.38]
/** Relative activity by local weekday, Sunday first. */
const BY_WEEKDAY = [0.55, 1.05, 1.1, 1.1, 1.05, 0.95, 0.6]

export interface SpikePlan {
  community: number
  start: number
  hours: number
  /** Extra posts per hour at the plateau, as a multiple of the community's usual hourly volume in its main language. */
  factor: number
  /** Share of the community's posts in the spike's language. */
  langShare: number
}

export interface HourSlot {
  start: number
  /** Ordinary posts per community. */
  counts: number[]
  /** Posts driven by the spike. */
  spike: number
}

export function localTime(ms: number, utcOffset: number): { hour: number, weekday: number } {
  const local = new Date(ms + utcOffset * HOUR)
  return { hour: local.getUTCHours(), weekday: local.getUTCDay() }
}

function rhythm(ms: number, utcOffset: number): number {
  const { hour, weekday } = localTime(ms, utcOffset)
  return BY_HOUR[hour]! * BY_WEEKDAY[weekday]!
}

/** Rises over four hours, holds for a day, then fades: the usual shape of an outbreak story. */
export function spikeShape(hoursIn: number, length: number): number {
  if (hoursIn < 0 || hoursIn >= length) return 0
  if (hoursIn < 4) return 0.3 + (0.7 * hoursIn) / 4
  const plateauEnd = length * 0.6
  if (hoursIn < plateauEnd) return 1
  return 1 - (0.75 * (hoursIn - plateauEnd)) / (length - plateauEnd)
}

/** Expected volume per hour and community (last column: the spike), before scaling. */
function weights(communities: CommunitySpec[], start: number, hours: number, spike: SpikePlan, seed: number): Float64Array {
  const random = Random.derive(seed, 'schedule')
  const columns = communities.length + 1
  const days = Math.ceil(hours / 24)
  // Day-to-day noise and a slow drift per community, so no two weeks look alike.
  const noise = communities.map(() => Array.from({ length: days }, () => random.logNormal(1, 0.12)))
  const drift = communities.map(() => -0.2 + random.next() * 0.5)
  const cells = new Float64Array(hours * columns)
  let spikeBase = 0
  for (let h = 0; h < hours; h++) {
    const at = start + h * HOUR
    const day = Math.floor(h / 24)
    communities.forEach((community, c) => {
      const trend = 1 + drift[c]! * (day / days - 0.5)
      cells[h * columns + c] = community.volume * rhythm(at, community.utcOffset) * noise[c]![day]! * trend
    })
    spikeBase += cells[h * columns + spike.community]!
  }
  spikeBase = (spikeBase / hours) * spike.langShare
  const community = communities[spike.community]!
  for (let h = 0; h < hours; h++) {
    const at = start + h * HOUR
    const shape = spikeShape((at - spike.start) / HOUR, spike.hours)
    // The outbreak is talked about by day too: the plateau follows the local daily rhythm.
    if (shape > 0) cells[h * columns + communities.length] = spike.factor * spikeBase * shape * BY_HOUR[localTime(at, community.utcOffset).hour]!
  }
  return cells
}

export function* hourlyPlan(communities: CommunitySpec[], start: number, hours: number, posts: number, spike: SpikePlan, seed: number): Generator<HourSlot> {
  const cells = weights(communities, start, hours, spike, seed)
  const columns = communities.length + 1
  let total = 0
  for (const cell of cells) total += cell
  const scale = posts / total
  // Rounding the running sum, not each cell, makes the counts add up to exactly `posts`.
  let running = 0
  let assigned = 0
  for (let h = 0; h < hours; h++) {
    const counts: number[] = []
    for (let c = 0; c < columns; c++) {
      running += cells[h * columns + c]! * scale
      const next = Math.round(running)
      counts.push(next - assigned)
      assigned = next
    }
    const spikeCount = counts.pop()!
    yield { start: start + h * HOUR, counts, spike: spikeCount }
  }
}
