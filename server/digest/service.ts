import { lastFullWeek, weekBounds } from '../../shared/digest'
import type { AlertConfig } from '../alerts/config'
import type { Db } from '../db'
import type { Actor } from '../db/repositories/audit'
import { digestRecipients, getDigest, markDigestSent, saveDigest, type StoredDigest } from '../db/repositories/digests'
import type { DigestTrigger } from '../db/schema'
import type { DigestConfig } from './config'
import { sendDigestEmail } from './email'
import { computeDigest, type DigestProgress, type DigestStep } from './generate'

// Making, storing and sending a week's digest: the one path the scheduler, the CLI and the
// Digest page all take.

export class DigestWeekError extends Error {}

export interface MakeOptions {
  trigger: DigestTrigger
  actor: Actor
  now: Date
  progress?: DigestProgress
}

// The step each week being made has reached, for the page that asked to follow it (this process only).
const making = new Map<string, DigestStep>()

/** How far the making of a week's digest has gone, or null when it is not being made. */
export function digestProgress(week: string): DigestStep | null {
  return making.get(week) ?? null
}

/** Computes the week's digest from the database and stores it (replacing an earlier one). */
export async function makeDigest(db: Db, week: string, config: DigestConfig, options: MakeOptions): Promise<StoredDigest> {
  const bounds = weekBounds(week, config.timeZone)
  if (bounds.end > options.now.toISOString()) {
    throw new DigestWeekError(`${week} runs until ${bounds.sunday} (${config.timeZone}): a digest covers a finished week`)
  }
  try {
    const data = await computeDigest(db, bounds, (step) => {
      making.set(week, step)
      options.progress?.(step)
    })
    await saveDigest(db, data, { trigger: options.trigger, actor: options.actor }, options.now)
  }
  finally {
    making.delete(week)
  }
  return (await getDigest(db, week))!
}

export interface SendOutcome {
  sentTo: number
  error: string | null
}

/** E-mails a stored digest to its subscribers, and records the outcome on the digest. */
export async function sendDigest(db: Db, digest: StoredDigest, alerts: AlertConfig, actor: Actor, now: Date): Promise<SendOutcome> {
  const recipients = await digestRecipients(db)
  let outcome: SendOutcome
  if (recipients.length === 0) outcome = { sentTo: 0, error: 'nobody subscribes to the digest' }
  else {
    try {
      const delivery = await sendDigestEmail(alerts.email, recipients, digest.data, { publicUrl: alerts.publicUrl })
      const refused = delivery.rejected.length ? `the server refused ${delivery.rejected.join(', ')}` : null
      outcome = { sentTo: delivery.accepted.length, error: refused }
    }
    catch (error) {
      outcome = { sentTo: 0, error: (error as Error).message }
    }
  }
  await markDigestSent(db, digest.week, outcome, actor, now)
  return outcome
}

/**
 * The scheduler's weekly job: from Monday at the configured hour, the past week's digest is
 * made and sent once. A server that was down on Monday catches up later in the week; a week
 * already generated (by hand or by the schedule) is not sent again.
 */
export async function runWeeklyDigest(db: Db, config: DigestConfig, alerts: AlertConfig, now: Date): Promise<{ week: string, made: boolean, sent: SendOutcome | null }> {
  const week = lastFullWeek(now, config.timeZone)
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: config.timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(now)
  const weekday = local.find((part) => part.type === 'weekday')?.value
  const hour = Number(local.find((part) => part.type === 'hour')?.value)
  if (weekday === 'Mon' && hour < config.hour) return { week, made: false, sent: null }
  if (await getDigest(db, week)) return { week, made: false, sent: null }
  const actor = { id: null, label: 'scheduler' }
  const digest = await makeDigest(db, week, config, { trigger: 'schedule', actor, now })
  const sent = alerts.email.enabled ? await sendDigest(db, digest, alerts, actor, now) : null
  return { week, made: true, sent }
}
