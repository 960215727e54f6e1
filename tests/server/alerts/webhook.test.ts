import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { HttpClientOptions } from '../../../ingest/http'
import { buildAlertMessage } from '../../../server/alerts/message'
import { sendWebhook, webhookClient } from '../../../server/alerts/webhook'
import { type ReplayServer, startReplayServer } from '../../support/replay-server'
import { aSpikeAlert, deliveryFailure, HOSTILE_NAME } from './builders'

let receiver: ReplayServer
beforeAll(async () => {
  receiver = await startReplayServer([
    { method: 'POST', path: '/hooks/ok', respond: { status: 204 } },
    { method: 'POST', path: '/hooks/broken', respond: { status: 500, body: 'database is down' } },
    { method: 'POST', path: '/hooks/slow', respond: { status: 200, delayMs: 2_000 } },
  ])
})
afterAll(() => receiver.close())
beforeEach(() => {
  receiver.requests.length = 0
})

/** The delivery client with the receiver's loopback address explicitly let through. */
function client(extra: HttpClientOptions = {}) {
  return webhookClient(500, { allowPrivateHosts: false, allowedHosts: [receiver.host], sleep: async () => {}, ...extra })
}

const { payload } = buildAlertMessage(aSpikeAlert({ topic: { id: 7, name: HOSTILE_NAME } }), { publicUrl: 'https://chorus.example.org' })

describe('sendWebhook', () => {
  it('POSTs the payload as JSON, signed with the alert secret', async () => {
    const delivery = await sendWebhook(client(), { url: `${receiver.url}/hooks/ok`, secret: 'hook-secret' }, payload)
    expect(delivery).toEqual({ channel: 'webhook', target: receiver.url, status: 204 })

    expect(receiver.requests).toHaveLength(1)
    const [request] = receiver.requests
    expect(request!.method).toBe('POST')
    expect(request!.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(request!.headers['x-chorus-event']).toBe('chorus.spike')
    expect(JSON.parse(request!.body)).toEqual(JSON.parse(JSON.stringify(payload)))
    const expected = `sha256=${createHmac('sha256', 'hook-secret').update(request!.body).digest('hex')}`
    expect(request!.headers['x-chorus-signature']).toBe(expected)
  })

  it('sends no signature when the alert has no secret', async () => {
    await sendWebhook(client(), { url: `${receiver.url}/hooks/ok`, secret: null }, payload)
    expect(receiver.requests[0]!.headers['x-chorus-signature']).toBeUndefined()
  })

  it('reports a 500 answer as a failed delivery, with the status', async () => {
    const error = await deliveryFailure(sendWebhook(client({ maxRetries: 1 }), { url: `${receiver.url}/hooks/broken` }, payload))
    expect(error).toMatchObject({ channel: 'webhook', kind: 'status', details: { status: 500, response: 'database is down' } })
    expect(error.message).toBe(`the webhook at ${receiver.url} answered HTTP 500`)
    // One retry, then the failure: the receiver saw the same body twice.
    expect(receiver.requests).toHaveLength(2)
  })

  it('reports a missing endpoint without repeating its path, which may hold a token', async () => {
    const error = await deliveryFailure(sendWebhook(client(), { url: `${receiver.url}/hooks/T0K3N/missing` }, payload))
    expect(error.message).toBe(`the webhook at ${receiver.url} answered HTTP 404`)
    expect(error.message).not.toContain('T0K3N')
  })

  it('refuses a loopback target unless it was allowed', async () => {
    const guarded = webhookClient(500, { allowPrivateHosts: false })
    const literal = await deliveryFailure(sendWebhook(guarded, { url: `${receiver.url}/hooks/ok` }, payload))
    expect(literal.kind).toBe('blocked_address')
    expect(literal.message).toMatch(/127\.0\.0\.1 is a private or loopback address/)
    const byName = await deliveryFailure(sendWebhook(guarded, { url: receiver.url.replace('127.0.0.1', 'localhost') + '/hooks/ok' }, payload))
    expect(byName.kind).toBe('blocked_address')
    expect(receiver.requests).toHaveLength(0)
  })

  it('gives up on a receiver that does not answer in time', async () => {
    const error = await deliveryFailure(sendWebhook(client({ maxRetries: 0 }), { url: `${receiver.url}/hooks/slow` }, payload))
    expect(error.kind).toBe('timeout')
  })

  it('refuses an address that is not http(s)', async () => {
    const error = await deliveryFailure(sendWebhook(client(), { url: 'ftp://files.example.org/hook' }, payload))
    expect(error).toMatchObject({ kind: 'invalid', message: 'the webhook address is not an http(s) URL' })
  })
})
