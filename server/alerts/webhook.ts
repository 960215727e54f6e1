import { createHmac } from 'node:crypto'
import { HttpClient, type HttpClientOptions, HttpError } from '../../ingest/http'
import { AlertDeliveryError, type DeliveryErrorKind } from './errors'
import type { SpikeWebhookPayload } from './message'

// Webhook alerts: the payload as a JSON POST through the project's one HTTP client. Webhook
// URLs are typed by analysts, so the client's address guard keeps them off loopback and
// private networks (the server's own admin endpoints, cloud metadata) unless the instance
// allows private hosts.
//
// With a secret, the body is signed like GitHub's webhooks: X-Chorus-Signature carries
// "sha256=" and the hex HMAC-SHA256 of the exact body bytes under the secret. A receiver
// recomputes it over the raw body before parsing, and compares in constant time.

export interface WebhookTarget {
  url: string
  /** Per-alert signing secret; no signature header without one. */
  secret?: string | null
}

export interface WebhookDelivery {
  channel: 'webhook'
  /** Scheme, host and port only: the path of many webhook URLs is itself a secret. */
  target: string
  status: number
}

export const SIGNATURE_HEADER = 'x-chorus-signature'
export const EVENT_HEADER = 'x-chorus-event'

/** A client for webhook deliveries: the alert timeout, and few retries (receivers can dedupe by payload id). */
export function webhookClient(timeoutMs: number, options: HttpClientOptions = {}): HttpClient {
  return new HttpClient({ timeoutMs, maxRetries: 2, maxWaitMs: 10_000, ...options })
}

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}

export async function sendWebhook(http: HttpClient, target: WebhookTarget, payload: SpikeWebhookPayload): Promise<WebhookDelivery> {
  const where = originOf(target.url)
  const body = JSON.stringify(payload)
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', [EVENT_HEADER]: payload.type }
  if (target.secret) headers[SIGNATURE_HEADER] = signBody(body, target.secret)
  try {
    const response = await http.request(target.url, { method: 'POST', headers, body })
    return { channel: 'webhook', target: where, status: response.status }
  }
  catch (error) {
    if (!(error instanceof HttpError)) throw error
    throw describeHttpError(error, where)
  }
}

const KINDS: Record<HttpError['kind'], DeliveryErrorKind> = {
  timeout: 'timeout',
  network: 'network',
  too_large: 'network',
  status: 'status',
  rate_limited: 'status',
  blocked_address: 'blocked_address',
  bad_url: 'invalid',
  too_many_redirects: 'network',
}

function describeHttpError(error: HttpError, where: string): AlertDeliveryError {
  const status = error.details.status
  const message = status !== undefined
    ? `the webhook at ${where} answered HTTP ${status}${error.kind === 'rate_limited' ? ' (rate limited)' : ''}`
    : error.kind === 'bad_url'
      ? 'the webhook address is not an http(s) URL'
      : `the webhook at ${where} failed: ${error.message}`
  return new AlertDeliveryError('webhook', KINDS[error.kind], message, status !== undefined ? { status, response: error.details.body?.slice(0, 500) } : {})
}

function originOf(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : '(invalid URL)'
}
