import nodemailer, { type NodemailerError } from 'nodemailer'
import type { EmailSettings } from './config'
import { AlertDeliveryError } from './errors'

// E-mail over SMTP, for alerts and the weekly digest. Each limit is set (connect, greeting, idle
// socket) and the whole send is cut at three times CHORUS_SMTP_TIMEOUT_MS, so a silent or
// trickling server ends in an error rather than a scheduler run that never finishes.

export interface EmailContent {
  subject: string
  text: string
  html: string
}

/** A picture the HTML shows inline as <img src="cid:…">. */
export interface EmailAttachment {
  filename: string
  content: Buffer
  contentType: string
  cid: string
}

export interface EmailMessage extends EmailContent {
  attachments?: readonly EmailAttachment[]
}

export interface SendOptions {
  /** What is sent, for error messages: "the alert", "the digest". */
  what: string
  /**
   * Deliver to every recipient without listing any of them in the message, as Bcc does. The
   * To header then reads "Undisclosed recipients:;" (RFC 5322's empty group) rather than going
   * missing, which spam filters count against a message.
   */
  hideRecipients?: boolean
}

export interface EmailDelivery {
  channel: 'email'
  messageId: string
  /** Recipients the server took. */
  accepted: string[]
  /** Recipients the server refused while taking the others. */
  rejected: string[]
  /** The server's final reply, e.g. "250 OK: queued as …". */
  response: string
}

const ADDRESS = /^[^\s<>@,;]+@[^\s<>@,;]+$/

export async function sendAlertEmail(settings: EmailSettings, to: readonly string[], content: EmailContent): Promise<EmailDelivery> {
  return sendEmail(settings, to, content, { what: 'the alert' })
}

export async function sendEmail(settings: EmailSettings, to: readonly string[], message: EmailMessage, options: SendOptions): Promise<EmailDelivery> {
  if (!settings.enabled) throw new AlertDeliveryError('email', 'disabled', settings.reason)
  if (to.length === 0) throw new AlertDeliveryError('email', 'invalid', `${options.what} has no e-mail recipients`)
  const malformed = to.filter((address) => !ADDRESS.test(address))
  if (malformed.length) throw new AlertDeliveryError('email', 'invalid', `not e-mail addresses: ${malformed.join(', ')}`)

  const limit = settings.timeoutMs
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    connectionTimeout: limit,
    greetingTimeout: limit,
    socketTimeout: limit,
    dnsTimeout: limit,
    socketCloseTimeout: Math.min(limit, 5_000),
  })
  try {
    const info = await transport.sendMail({
      from: settings.from,
      ...(options.hideRecipients ? { to: 'Undisclosed recipients:;', bcc: [...to] } : { to: [...to] }),
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: message.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, cid: a.cid })),
      signal: AbortSignal.timeout(3 * limit),
    })
    return {
      channel: 'email',
      messageId: info.messageId,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
      response: info.response,
    }
  }
  catch (error) {
    throw describeSmtpError(error as NodemailerError, settings.server, limit)
  }
  finally {
    transport.close()
  }
}

function describeSmtpError(error: NodemailerError, server: string, limitMs: number): AlertDeliveryError {
  const reply = error.response ? { response: error.response } : {}
  const cause = (error.cause ?? {}) as { code?: string }
  const system = (error as { originalCode?: string }).originalCode ?? cause.code
  switch (error.code) {
    case 'ETIMEDOUT':
    case 'EABORT':
      return new AlertDeliveryError('email', 'timeout', `the SMTP server ${server} did not answer within ${limitMs / 1000} s`)
    case 'EDNS':
      return new AlertDeliveryError('email', 'connection', `the SMTP server ${server} could not be found (DNS): ${error.message}`)
    case 'ETLS':
      return new AlertDeliveryError('email', 'tls', `TLS with the SMTP server ${server} failed: ${error.message}`, reply)
    case 'EAUTH':
    case 'ENOAUTH':
      return new AlertDeliveryError('email', 'auth', `the SMTP server ${server} refused the login: ${error.response ?? error.message}`, reply)
    case 'EENVELOPE':
    case 'EMESSAGE':
      return new AlertDeliveryError('email', 'rejected', `the SMTP server ${server} refused the message: ${error.response ?? error.message}`, reply)
  }
  if (system === 'ECONNREFUSED') return new AlertDeliveryError('email', 'connection', `the SMTP server ${server} refused the connection (nothing listening on that port?)`)
  if (system === 'ENOTFOUND' || system === 'EAI_AGAIN') return new AlertDeliveryError('email', 'connection', `the SMTP server ${server} could not be found (DNS)`)
  if (system === 'EHOSTUNREACH' || system === 'ENETUNREACH') return new AlertDeliveryError('email', 'connection', `the SMTP server ${server} cannot be reached from here (${system})`)
  return new AlertDeliveryError('email', 'network', `sending through the SMTP server ${server} failed: ${error.message}`, reply)
}
