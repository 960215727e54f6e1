import type { DriverDimension, SpikeDrivers } from '../../ingest/nlp/trends/drivers'
import { DRIVER_DIMENSIONS } from '../../ingest/nlp/trends/drivers'
import type { ResolvedSpikeOptions, SpikeEvent } from '../../ingest/nlp/trends/spikes'
import { spikeEventKey } from './cooldown'

// What a spike alert says, in every channel: the e-mail's subject, text and HTML, and the
// webhook's JSON. Topic names, terms, authors and links are typed by users or come from posts,
// so every one of them is escaped in HTML and stripped of line breaks in the subject.

export interface SpikeAlert {
  topic: { id: number | string, name: string }
  /** ISO 639-1 code of the series, or null when it covers every language. */
  language: string | null
  /** Length of one bucket of the series the spike was found in. */
  granularity: 'hour' | 'day'
  event: SpikeEvent
  drivers: SpikeDrivers
  /** The thresholds the spike was found with, stated in the message so readers can judge it. */
  rule: Pick<ResolvedSpikeOptions, 'window' | 'threshold' | 'minCount' | 'maxChance'> & { period?: number }
}

export interface MessageOptions {
  /** CHORUS_PUBLIC_URL, without a trailing slash. */
  publicUrl: string
  /** Drivers listed per dimension. Default 5. */
  driversShown?: number
}

export interface WebhookDriver {
  key: string
  /** Count in the spike window. */
  spike: number
  /** Count in the baseline window. */
  baseline: number
  score: number
}

/**
 * The webhook body, version 1. Receivers should ignore fields they do not know: new ones may
 * be added within a version; a change that breaks readers raises the version.
 */
export interface SpikeWebhookPayload {
  type: 'chorus.spike'
  version: 1
  /** Stable per spike: a receiver can drop a repeated delivery of the same id. */
  id: string
  topic: { id: number | string, name: string }
  language: string | null
  granularity: 'hour' | 'day'
  /** Start of the first spiking bucket to the end (exclusive) of the last, ISO 8601. */
  window: { start: string, end: string }
  /** Posts in the window. */
  count: number
  peakAt: string
  /** Posts in the busiest bucket. */
  peakCount: number
  /** Usual posts per bucket before the spike. */
  baseline: number
  z: number
  drivers: Record<DriverDimension, WebhookDriver[]>
  url: string
}

export interface AlertMessage {
  subject: string
  text: string
  html: string
  payload: SpikeWebhookPayload
}

const DIMENSION_LABELS: Record<DriverDimension, string> = {
  terms: 'Terms',
  hashtags: 'Hashtags',
  authors: 'Authors',
  links: 'Links',
  domains: 'Domains',
  languages: 'Languages',
}

export function buildAlertMessage(alert: SpikeAlert, options: MessageOptions): AlertMessage {
  const payload = spikeWebhookPayload(alert, options)
  return { subject: alertSubject(alert), text: alertText(alert, payload), html: alertHtml(alert, payload), payload }
}

export function spikeWebhookPayload(alert: SpikeAlert, options: MessageOptions): SpikeWebhookPayload {
  const shown = options.driversShown ?? 5
  const { event } = alert
  const drivers = {} as Record<DriverDimension, WebhookDriver[]>
  for (const dimension of DRIVER_DIMENSIONS) {
    drivers[dimension] = alert.drivers[dimension].slice(0, shown).map((d) => ({ key: d.key, spike: d.spike, baseline: d.baseline, score: round(d.score) }))
  }
  return {
    type: 'chorus.spike',
    version: 1,
    id: spikeEventKey(alert.topic.id, alert.language, event),
    topic: { id: alert.topic.id, name: alert.topic.name },
    language: alert.language,
    granularity: alert.granularity,
    window: { start: event.start, end: event.end },
    count: event.total,
    peakAt: event.peakAt,
    peakCount: event.peakCount,
    baseline: round(event.baseline),
    z: round(event.z),
    drivers,
    url: spikeUrl(options.publicUrl, alert),
  }
}

/** Where the spike opens in Chorus: the topic, narrowed to the spike's window and language. */
export function spikeUrl(publicUrl: string, alert: Pick<SpikeAlert, 'topic' | 'language' | 'event'>): string {
  const query = new URLSearchParams({ from: alert.event.start, to: alert.event.end })
  if (alert.language) query.set('language', alert.language)
  return `${publicUrl.replace(/\/+$/, '')}/topics/${encodeURIComponent(String(alert.topic.id))}?${query}`
}

export function alertSubject(alert: SpikeAlert): string {
  const name = oneLine(alert.topic.name, 80)
  const language = alert.language ? ` (${oneLine(alert.language, 12)})` : ''
  return `[Chorus] Spike in "${name}"${language}: ${alert.event.peakCount} posts in one ${alert.granularity}, usually about ${usual(alert.event.baseline)}`
}

function alertText(alert: SpikeAlert, payload: SpikeWebhookPayload): string {
  const { event } = alert
  const lines = [
    `Chorus noticed a spike in the topic "${oneLine(alert.topic.name, 200)}" (${languageLabel(alert.language)}).`,
    '',
    `When: ${period(alert)}`,
    `Posts: ${event.total} in total, ${event.peakCount} at the peak (${when(event.peakAt, alert.granularity)}); usually about ${usual(event.baseline)} per ${alert.granularity} (z = ${event.z.toFixed(1)}).`,
  ]
  const driverLines = DRIVER_DIMENSIONS.filter((d) => payload.drivers[d].length > 0)
    .map((d) => `  ${DIMENSION_LABELS[d]}: ${payload.drivers[d].map((driver) => `${oneLine(driver.key, 120)} (${driver.spike}, before ${driver.baseline})`).join(', ')}`)
  if (driverLines.length) lines.push('', 'What drove it (count in the spike, before it in the baseline):', ...driverLines)
  lines.push('', `Open in Chorus: ${payload.url}`, '', ruleText(alert), '')
  return lines.join('\n')
}

function alertHtml(alert: SpikeAlert, payload: SpikeWebhookPayload): string {
  const { event } = alert
  const rows = DRIVER_DIMENSIONS.filter((d) => payload.drivers[d].length > 0)
    .map((d) => `<tr><th style="text-align:left;vertical-align:top;padding-right:12px">${DIMENSION_LABELS[d]}</th><td>${payload.drivers[d].map(driverHtml).join(', ')}</td></tr>`)
  const drivers = rows.length
    ? `<h3>What drove it</h3>\n<p style="color:#555">Count in the spike, and before it in the baseline.</p>\n<table>${rows.join('\n')}</table>`
    : ''
  return [
    '<!doctype html>',
    '<html><body style="font-family:sans-serif;line-height:1.4">',
    `<h2>Spike in the topic “${escapeHtml(oneLine(alert.topic.name, 200))}”</h2>`,
    `<p>${escapeHtml(languageLabel(alert.language))} · ${escapeHtml(period(alert))}</p>`,
    `<p><strong>${event.total}</strong> posts in total, <strong>${event.peakCount}</strong> at the peak (${escapeHtml(when(event.peakAt, alert.granularity))}); usually about ${usual(event.baseline)} per ${alert.granularity} (z = ${event.z.toFixed(1)}).</p>`,
    drivers,
    `<p><a href="${escapeHtml(payload.url)}">Open in Chorus</a></p>`,
    `<p style="color:#777;font-size:12px">${escapeHtml(ruleText(alert))}</p>`,
    '</body></html>',
  ].filter((line) => line !== '').join('\n') + '\n'
}

function driverHtml(driver: WebhookDriver): string {
  return `${escapeHtml(driver.key)} <span style="color:#555">(${driver.spike}, ${driver.baseline})</span>`
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c]!)
}

/** No control characters (a line break in a subject would start a new header), shortened. */
function oneLine(value: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

function languageLabel(language: string | null): string {
  if (!language) return 'all languages'
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(language)
    return name ? `${name} (${language})` : language
  }
  catch {
    return oneLine(language, 12)
  }
}

function ruleText({ rule, granularity }: SpikeAlert): string {
  const baseline = (rule.period ?? 1) > 1 ? `the same ${granularity} on the previous ${rule.window} days` : `the previous ${rule.window} ${granularity}s`
  return `Why this alert: the count was at least ${rule.threshold} standard deviations above the mean of ${baseline} (earlier spikes left out), with at least ${rule.minCount} posts, and chance alone reaches a count that high less than once in ${Math.round(1 / rule.maxChance).toLocaleString('en')} ${granularity}s at that mean.`
}

/** Hours read as a span ("14:00 – 16:00"); days as the days covered, the last one included. */
function period({ event, granularity }: SpikeAlert): string {
  if (granularity === 'hour') return `${when(event.start, 'hour')} – ${when(event.end, 'hour')} UTC`
  const first = when(event.start, 'day')
  const last = when(event.lastBucket, 'day')
  return first === last ? `${first} (UTC)` : `${first} – ${last} (UTC)`
}

function when(iso: string, granularity: 'hour' | 'day'): string {
  const at = new Date(iso).toISOString()
  return granularity === 'day' ? at.slice(0, 10) : `${at.slice(0, 10)} ${at.slice(11, 16)}`
}

function usual(baseline: number): string {
  return baseline < 10 ? baseline.toFixed(1).replace(/\.0$/, '') : String(Math.round(baseline))
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
