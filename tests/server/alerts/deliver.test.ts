import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { deliverSpikeAlert, type DeliverInput } from '../../../server/alerts/deliver'
import { webhookClient } from '../../../server/alerts/webhook'
import { type ReplayServer, startReplayServer } from '../../support/replay-server'
import { alertConfig, aSpikeAlert, aSpikeEvent, emailSettings } from './builders'
import { startSmtpServer, type TestSmtpServer } from './smtp-server'

let smtp: TestSmtpServer
let receiver: ReplayServer
beforeAll(async () => {
  smtp = await startSmtpServer()
  receiver = await startReplayServer([{ method: 'POST', path: '/hook', respond: { status: 200 } }])
})
afterAll(async () => {
  await smtp.close()
  await receiver.close()
})
beforeEach(() => {
  smtp.mails.length = 0
  receiver.requests.length = 0
})

const http = () => webhookClient(500, { allowPrivateHosts: false, allowedHosts: [receiver.host], sleep: async () => {} })

function input(overrides: Partial<DeliverInput> = {}): DeliverInput {
  return {
    alert: aSpikeAlert(),
    channels: { emailTo: ['ana@ngo.example'], webhook: { url: `${receiver.url}/hook`, secret: 's' } },
    state: { lastSentAt: null, lastEventKey: null },
    now: new Date('2026-03-10T16:05:00.000Z'),
    ...overrides,
  }
}

describe('deliverSpikeAlert', () => {
  it('sends one spike once, by e-mail and webhook, however many runs see it', async () => {
    const deps = { config: alertConfig(emailSettings(smtp.url())), http: http() }
    const first = await deliverSpikeAlert(input(), deps)
    expect(first.sent).toBe(true)
    expect(first.outcomes.map((o) => [o.channel, o.ok])).toEqual([['email', true], ['webhook', true]])
    expect(smtp.mails).toHaveLength(1)
    expect(receiver.requests).toHaveLength(1)

    // The next run sees the same spike, one bucket longer.
    const grown = aSpikeAlert({ event: aSpikeEvent({ end: '2026-03-10T17:00:00.000Z', total: 600 }) })
    const state = { lastSentAt: '2026-03-10T16:05:00.000Z', lastEventKey: first.eventKey }
    const second = await deliverSpikeAlert(input({ alert: grown, state, now: new Date('2026-03-10T19:05:00.000Z') }), deps)
    expect(second).toMatchObject({ sent: false, outcomes: [], decision: { reason: 'same_event', recordInApp: true } })
    expect(second.eventKey).toBe(first.eventKey)
    expect(smtp.mails).toHaveLength(1)
    expect(receiver.requests).toHaveLength(1)
  })

  it('holds back a new spike within the cooldown but still composes it for the app', async () => {
    const deps = { config: alertConfig(emailSettings(smtp.url())), http: http() }
    const state = { lastSentAt: '2026-03-10T15:30:00.000Z', lastEventKey: 'spike:7:fr:2026-03-10T09:00:00.000Z' }
    const report = await deliverSpikeAlert(input({ state }), deps)
    expect(report.decision).toMatchObject({ send: false, reason: 'cooldown', nextAllowedAt: '2026-03-10T16:30:00.000Z' })
    expect(report.message.subject).toContain('Spike in "Floods"')
    expect(smtp.mails).toHaveLength(0)
    expect(receiver.requests).toHaveLength(0)
  })

  it('still delivers the webhook when e-mail is off, and says why the e-mail did not go', async () => {
    const deps = { config: alertConfig({ enabled: false, reason: 'e-mail alerts are off: set CHORUS_SMTP_URL' }), http: http() }
    const report = await deliverSpikeAlert(input(), deps)
    expect(report.outcomes).toEqual([
      { channel: 'email', ok: false, kind: 'disabled', error: 'e-mail alerts are off: set CHORUS_SMTP_URL' },
      { channel: 'webhook', ok: true, delivery: { channel: 'webhook', target: receiver.url, status: 200 } },
    ])
    expect(report.sent).toBe(true)
  })

  it('does not start the cooldown when no channel delivered', async () => {
    const deps = { config: alertConfig(emailSettings(smtp.url())), http: webhookClient(500, { allowPrivateHosts: false }) }
    const report = await deliverSpikeAlert(input({ channels: { emailTo: [], webhook: { url: `${receiver.url}/hook` } } }), deps)
    expect(report.outcomes).toEqual([{ channel: 'webhook', ok: false, kind: 'blocked_address', error: expect.stringContaining('private or loopback') }])
    expect(report.sent).toBe(false)
  })
})
