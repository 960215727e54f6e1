import { describe, expect, it } from 'vitest'
import { shouldSend, spikeEventKey } from '../../../server/alerts/cooldown'

const now = '2026-03-10T15:00:00.000Z'
const minutesBefore = (minutes: number) => new Date(Date.parse(now) - minutes * 60_000).toISOString()

describe('shouldSend', () => {
  it('refuses a cooldown that is not a duration', () => {
    expect(() => shouldSend({ lastSentAt: null, lastEventKey: null, now, cooldownMinutes: -1, eventKey: 'a' })).toThrow(/cooldownMinutes/)
    expect(() => shouldSend({ lastSentAt: 'soon', lastEventKey: 'b', now, cooldownMinutes: 60, eventKey: 'a' })).toThrow(/lastSentAt/)
  })

  it('sends the first alert of a topic', () => {
    expect(shouldSend({ lastSentAt: null, lastEventKey: null, now, cooldownMinutes: 60, eventKey: 'a' }))
      .toMatchObject({ send: true, reason: 'first_alert', recordInApp: true })
  })

  it('never sends the same spike twice, however long ago the alert went out', () => {
    const decision = shouldSend({ lastSentAt: minutesBefore(60 * 24 * 7), lastEventKey: 'a', now, cooldownMinutes: 60, eventKey: 'a' })
    expect(decision).toMatchObject({ send: false, reason: 'same_event', recordInApp: true })
  })

  it('holds back a new spike within the cooldown, saying why and until when', () => {
    const decision = shouldSend({ lastSentAt: minutesBefore(20), lastEventKey: 'a', now, cooldownMinutes: 60, eventKey: 'b' })
    expect(decision).toEqual({
      send: false,
      recordInApp: true,
      reason: 'cooldown',
      message: 'another spike of this topic was alerted 20 min ago; alerts go out at most once every 60 min',
      nextAllowedAt: '2026-03-10T15:40:00.000Z',
    })
  })

  it('sends a new spike once the cooldown is over', () => {
    expect(shouldSend({ lastSentAt: minutesBefore(60), lastEventKey: 'a', now: new Date(now), cooldownMinutes: 60, eventKey: 'b' }))
      .toMatchObject({ send: true, reason: 'cooldown_over' })
  })

  it('with no cooldown, sends every new spike but still never one twice', () => {
    expect(shouldSend({ lastSentAt: now, lastEventKey: 'a', now, cooldownMinutes: 0, eventKey: 'b' }).send).toBe(true)
    expect(shouldSend({ lastSentAt: now, lastEventKey: 'a', now, cooldownMinutes: 0, eventKey: 'a' }).send).toBe(false)
  })

  it('counts an alert stamped in the future (a clock moved back) as recent', () => {
    expect(shouldSend({ lastSentAt: minutesBefore(-5), lastEventKey: 'a', now, cooldownMinutes: 60, eventKey: 'b' }))
      .toMatchObject({ send: false, reason: 'cooldown' })
  })
})

describe('spikeEventKey', () => {
  it('is the same for a spike however its start is written, and differs per language', () => {
    const key = spikeEventKey(7, 'fr', { start: '2026-03-10T14:00:00Z' })
    expect(spikeEventKey(7, 'fr', { start: '2026-03-10T15:00:00+01:00' })).toBe(key)
    expect(spikeEventKey(7, 'de', { start: '2026-03-10T14:00:00Z' })).not.toBe(key)
    expect(spikeEventKey(7, null, { start: '2026-03-10T14:00:00Z' })).toBe('spike:7:*:2026-03-10T14:00:00.000Z')
  })
})
