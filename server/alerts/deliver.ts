import type { HttpClient } from '../../ingest/http'
import type { AlertConfig } from './config'
import { type CooldownDecision, shouldSend, spikeEventKey } from './cooldown'
import { type EmailDelivery, sendAlertEmail } from './email'
import { type AlertChannel, AlertDeliveryError, type DeliveryErrorKind } from './errors'
import { type AlertMessage, buildAlertMessage, type SpikeAlert } from './message'
import { sendWebhook, type WebhookDelivery, type WebhookTarget } from './webhook'

// One spike alert through every channel of a topic: decide (cooldown), compose once, send the
// e-mail and the webhook side by side so one failing does not hold up or cancel the other, and
// report each outcome. The caller stores the in-app notification and, when `sent` is true, the
// new cooldown state (lastSentAt = now, lastEventKey = eventKey).

export interface AlertChannels {
  /** Recipients of the e-mail; empty for no e-mail. */
  emailTo: readonly string[]
  webhook: WebhookTarget | null
}

export interface DeliverInput {
  alert: SpikeAlert
  channels: AlertChannels
  /** The topic's last alert actually sent. */
  state: { lastSentAt: Date | string | null, lastEventKey: string | null }
  now: Date
  /** The topic's own cooldown; the configured default otherwise. */
  cooldownMinutes?: number
}

export interface DeliverDeps {
  config: AlertConfig
  http: HttpClient
}

export type ChannelOutcome =
  | { channel: 'email', ok: true, delivery: EmailDelivery }
  | { channel: 'webhook', ok: true, delivery: WebhookDelivery }
  | { channel: AlertChannel, ok: false, kind: DeliveryErrorKind, error: string }

export interface DeliveryReport {
  eventKey: string
  decision: CooldownDecision
  /** The composed alert, also what the in-app notification shows. */
  message: AlertMessage
  outcomes: ChannelOutcome[]
  /** At least one channel delivered: the cooldown starts now. */
  sent: boolean
}

export async function deliverSpikeAlert(input: DeliverInput, deps: DeliverDeps): Promise<DeliveryReport> {
  const { alert, channels } = input
  const eventKey = spikeEventKey(alert.topic.id, alert.language, alert.event)
  const decision = shouldSend({
    ...input.state,
    now: input.now,
    cooldownMinutes: input.cooldownMinutes ?? deps.config.cooldownMinutes,
    eventKey,
  })
  const message = buildAlertMessage(alert, { publicUrl: deps.config.publicUrl })
  if (!decision.send) return { eventKey, decision, message, outcomes: [], sent: false }

  const attempts: Promise<ChannelOutcome>[] = []
  if (channels.emailTo.length) {
    attempts.push(outcome('email', sendAlertEmail(deps.config.email, channels.emailTo, message)
      .then((delivery) => ({ channel: 'email', ok: true, delivery }))))
  }
  if (channels.webhook) {
    attempts.push(outcome('webhook', sendWebhook(deps.http, channels.webhook, message.payload)
      .then((delivery) => ({ channel: 'webhook', ok: true, delivery }))))
  }
  const outcomes = await Promise.all(attempts)
  return { eventKey, decision, message, outcomes, sent: outcomes.some((o) => o.ok) }
}

/** A delivery as an outcome: an expected failure becomes a report line, anything else still throws. */
async function outcome(channel: AlertChannel, attempt: Promise<ChannelOutcome>): Promise<ChannelOutcome> {
  try {
    return await attempt
  }
  catch (error) {
    if (error instanceof AlertDeliveryError) return { channel, ok: false, kind: error.kind, error: error.message }
    throw error
  }
}
