import type { DigestData } from '../../shared/digest'
import type { EmailSettings } from '../alerts/config'
import { type EmailAttachment, type EmailDelivery, sendEmail } from '../alerts/email'
import { AlertDeliveryError } from '../alerts/errors'
import { type DigestChartName, renderDigestChartsPng } from './charts'
import { type DigestHtmlImages, digestHtml } from './html'
import { digestSubject, digestText } from './text'

// The weekly digest as an e-mail: subject, plain text (what the CLI prints), HTML, and the
// charts as inline PNG parts the HTML points at with cid: links. It goes out through the
// alerts' SMTP settings and transport.

export interface DigestEmail {
  subject: string
  text: string
  html: string
  attachments: Array<EmailAttachment & { contentType: 'image/png' }>
}

export interface DigestEmailOptions {
  /** CHORUS_PUBLIC_URL, for the links to the digest page. */
  publicUrl: string
}

export async function renderDigestEmail(data: DigestData, options: DigestEmailOptions): Promise<DigestEmail> {
  const subject = digestSubject(data)
  const shown = chartsWithData(data)
  const charts = (await renderDigestChartsPng(data)).filter((chart) => shown.has(chart.name))
  const images: DigestHtmlImages = {}
  const attachments: DigestEmail['attachments'] = []
  for (const chart of charts) {
    const cid = `${chart.name}.${data.week.week}@digest.chorus`
    images[chart.name] = { cid, width: chart.width, height: chart.height }
    attachments.push({ filename: `chorus-${data.week.week}-${chart.name}.png`, content: chart.png, contentType: 'image/png', cid })
  }
  return {
    subject,
    text: digestText(data, options),
    html: digestHtml(data, { publicUrl: options.publicUrl, subject, images }),
    attachments,
  }
}

// An empty chart says nothing the "None this week" line does not; it would only be a blank
// picture to download.
function chartsWithData(data: DigestData): Set<DigestChartName> {
  const shown = new Set<DigestChartName>()
  if ([...data.daily.current, ...data.daily.previous].some((n) => n > 0)) shown.add('daily')
  if (data.languages.some((row) => row.current.posts + row.previous.posts > 0)) shown.add('languages')
  if (data.topics.some((row) => row.current.posts + row.previous.posts > 0)) shown.add('topics')
  if (data.content.rows.some((row) => row.planned + row.published > 0)) shown.add('content')
  return shown
}

/**
 * Sends the digest to its subscribers as one message. The recipients go in Bcc: a digest goes to
 * managers who may not know of each other, and a shared To list would tell every reader who
 * else gets it (and invite reply-all). One message rather than one per person keeps a weekly
 * run to a single SMTP transaction, and the server still says which recipients it refused.
 */
export async function sendDigestEmail(settings: EmailSettings, to: readonly string[], data: DigestData, options: DigestEmailOptions): Promise<EmailDelivery> {
  if (!settings.enabled) {
    throw new AlertDeliveryError('email', 'disabled', 'e-mail is off, so the digest cannot be sent: set CHORUS_SMTP_URL (e.g. smtp://user:password@mail.example.org:587)')
  }
  const message = await renderDigestEmail(data, options)
  return sendEmail(settings, to, message, { what: 'the digest', hideRecipients: true })
}
