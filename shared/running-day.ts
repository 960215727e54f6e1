// A day's count is final only once the day is over. Drawn like the others, the day still running
// ends every chart of a period that holds today in a fall that never happened; so that day gets a
// dashed stretch of its own, and the days after it, still to come, are not drawn at all.

import { todayUtc } from './schemas/monitor'

export type ChartPoint = number | null | { value: number, symbol: 'none' }

/** The day of `days` that `now` falls in (UTC, as the rollups count days), if the period holds it. */
export function runningDay(days: readonly string[], now = new Date()): string | null {
  const today = todayUtc(now)
  return days.includes(today) ? today : null
}

/**
 * A series of daily counts as two lines: `complete`, the days that are over, and `soFar`, the
 * stretch from the last of them to the running day (null when no day of the period is running).
 * Only the running day's own point carries a mark, so a period of that day alone still shows it.
 */
export function splitAtRunningDay(counts: readonly number[], running: number | null): { complete: ChartPoint[], soFar: ChartPoint[] | null } {
  if (running === null || running < 0 || running >= counts.length) return { complete: [...counts], soFar: null }
  const complete: ChartPoint[] = counts.map((count, i) => (i < running ? count : null))
  const soFar: ChartPoint[] = counts.map(() => null)
  if (running > 0) soFar[running - 1] = { value: counts[running - 1]!, symbol: 'none' }
  soFar[running] = counts[running]!
  return { complete, soFar }
}
