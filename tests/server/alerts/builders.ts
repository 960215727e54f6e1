import { expect } from 'vitest'
import { rankDrivers } from '../../../ingest/nlp/trends/drivers'
import type { SpikeEvent } from '../../../ingest/nlp/trends/spikes'
import type { AlertConfig, EmailSettings } from '../../../server/alerts/config'
import { AlertDeliveryError } from '../../../server/alerts/errors'
import type { SpikeAlert } from '../../../server/alerts/message'

/** A topic name an attacker would pick: markup, an event handler and a header-breaking newline. */
export const HOSTILE_NAME = 'Floods <script>alert("x")</script> & <img src=x onerror=alert(1)>\r\nBcc: victim@example.org'

export function aSpikeEvent(overrides: Partial<SpikeEvent> = {}): SpikeEvent {
  return {
    start: '2026-03-10T14:00:00.000Z',
    end: '2026-03-10T16:00:00.000Z',
    lastBucket: '2026-03-10T15:00:00.000Z',
    peakAt: '2026-03-10T15:00:00.000Z',
    peakCount: 240,
    total: 400,
    buckets: 2,
    baseline: 18.456,
    z: 12.345,
    ...overrides,
  }
}

export function aSpikeAlert(overrides: Partial<SpikeAlert> = {}): SpikeAlert {
  return {
    topic: { id: 7, name: 'Floods' },
    language: 'fr',
    granularity: 'hour',
    event: aSpikeEvent(),
    drivers: rankDrivers({
      terms: { spike: new Map([['inondation', 120], ['<b>crue</b>', 40], ['pluie', 30]]), baseline: new Map([['pluie', 300], ['climat', 500]]) },
      authors: { spike: new Map([['@meteo@social.example', 50]]), baseline: new Map([['@other@social.example', 200]]) },
      links: { spike: new Map([['https://news.example/crue?a=1&b=<2>', 20]]), baseline: new Map([['https://blog.example/', 10]]) },
    }),
    rule: { window: 24, threshold: 3, minCount: 10, maxChance: 1e-6 },
    ...overrides,
  }
}

export function emailSettings(smtpUrl: string, overrides: Partial<Extract<EmailSettings, { enabled: true }>> = {}): EmailSettings {
  return { enabled: true, smtpUrl, server: smtpUrl.replace(/:[^:@/]*@/, ':***@'), from: 'Chorus <alerts@chorus.example>', timeoutMs: 2_000, ...overrides }
}

export function alertConfig(email: EmailSettings): AlertConfig {
  return { email, publicUrl: 'https://chorus.example.org', cooldownMinutes: 60, webhookTimeoutMs: 500 }
}

/** The AlertDeliveryError a delivery ends with; the test fails if it succeeds or throws anything else. */
export async function deliveryFailure(promise: Promise<unknown>): Promise<AlertDeliveryError> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(AlertDeliveryError)
  return error as AlertDeliveryError
}
