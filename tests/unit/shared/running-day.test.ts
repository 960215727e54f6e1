import { describe, expect, it } from 'vitest'
import { runningDay, splitAtRunningDay } from '../../../shared/running-day'

const WEEK = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07']

describe('the day still running on a daily chart', () => {
  it('is the UTC day of now, when the period holds it', () => {
    expect(runningDay(WEEK, new Date('2026-12-07T06:00:00Z'))).toBe('2026-12-07')
    // 23:30 in New York is already the next day in UTC, the rollups' day.
    expect(runningDay(WEEK, new Date('2026-12-04T23:30:00-05:00'))).toBe('2026-12-05')
    expect(runningDay(WEEK, new Date('2026-12-08T00:00:00Z'))).toBeNull()
    expect(runningDay(WEEK, new Date('2026-11-30T23:59:59Z'))).toBeNull()
  })

  it('is drawn apart: complete days solid, the last of them to today dashed, days to come not at all', () => {
    const counts = [120, 131, 118, 140, 126, 9, 0]
    const { complete, soFar } = splitAtRunningDay(counts, 5)
    expect(complete).toEqual([120, 131, 118, 140, 126, null, null])
    // The dashed stretch starts where the solid line ends, without a mark there.
    expect(soFar).toEqual([null, null, null, null, { value: 126, symbol: 'none' }, 9, null])
  })

  it('leaves a period of complete days as it was', () => {
    const counts = [3, 4, 5]
    expect(splitAtRunningDay(counts, null)).toEqual({ complete: [3, 4, 5], soFar: null })
  })

  it('shows a period of today alone as its one point', () => {
    expect(splitAtRunningDay([42], 0)).toEqual({ complete: [null], soFar: [42] })
  })
})
