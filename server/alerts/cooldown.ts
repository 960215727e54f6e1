import type { SpikeEvent } from '../../ingest/nlp/trends/spikes'

// One spike sends one alert, and a noisy topic does not flood anyone's inbox.
//
//   - The same spike (same event key) is never sent twice, however long it lasts: a spike that
//     keeps growing over several scheduler runs stays one alert.
//   - A different spike within `cooldownMinutes` of the last alert sent for the same topic is
//     held back, with the time it could go out. If it is still going when the cooldown ends,
//     the next run sends it: late, but once.
//   - The in-app notification is recorded in every case; the store keeps one per event key, so
//     the app lists every spike even when e-mail and webhook stayed quiet.
//
// State (lastSentAt, lastEventKey) is that of the last alert actually sent for the topic.

export interface CooldownInput {
  /** When the last alert for this topic went out; null if none ever did. */
  lastSentAt: Date | string | null
  lastEventKey: string | null
  now: Date | string
  cooldownMinutes: number
  eventKey: string
}

export type CooldownDecision =
  | { send: true, recordInApp: true, reason: 'first_alert' | 'cooldown_over', message: string }
  | { send: false, recordInApp: true, reason: 'same_event', message: string }
  | { send: false, recordInApp: true, reason: 'cooldown', message: string, /** ISO time the cooldown ends. */ nextAllowedAt: string }

export function shouldSend(input: CooldownInput): CooldownDecision {
  if (!Number.isFinite(input.cooldownMinutes) || input.cooldownMinutes < 0) {
    throw new RangeError(`cooldownMinutes must be a number ≥ 0, got ${input.cooldownMinutes}`)
  }
  const now = timeOf(input.now, 'now')
  if (input.lastEventKey !== null && input.lastEventKey === input.eventKey) {
    return { send: false, recordInApp: true, reason: 'same_event', message: 'this spike was already alerted' }
  }
  if (input.lastSentAt === null) {
    return { send: true, recordInApp: true, reason: 'first_alert', message: 'no alert was sent for this topic before' }
  }
  const lastSentAt = timeOf(input.lastSentAt, 'lastSentAt')
  const endsAt = lastSentAt + input.cooldownMinutes * 60_000
  // A lastSentAt in the future (a clock moved back) counts as recent: better one alert late than two.
  if (now < endsAt) {
    const minutesAgo = Math.max(0, Math.round((now - lastSentAt) / 60_000))
    return {
      send: false,
      recordInApp: true,
      reason: 'cooldown',
      message: `another spike of this topic was alerted ${minutesAgo} min ago; alerts go out at most once every ${input.cooldownMinutes} min`,
      nextAllowedAt: new Date(endsAt).toISOString(),
    }
  }
  return { send: true, recordInApp: true, reason: 'cooldown_over', message: `the last alert for this topic was sent over ${input.cooldownMinutes} min ago` }
}

/**
 * Identifies one spike of one series. The start of a spike does not move as later buckets
 * extend it, so every scheduler run that sees the same spike derives the same key.
 */
export function spikeEventKey(topicId: number | string, language: string | null, event: Pick<SpikeEvent, 'start'>): string {
  return `spike:${topicId}:${language ?? '*'}:${new Date(event.start).toISOString()}`
}

function timeOf(value: Date | string, what: string): number {
  const at = value instanceof Date ? value.getTime() : Date.parse(value)
  if (Number.isNaN(at)) throw new RangeError(`${what} is not a valid date: ${String(value)}`)
  return at
}
