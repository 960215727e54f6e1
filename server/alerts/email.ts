import nodemailer, { type NodemailerError } from 'nodemailer'
import type { EmailSettings } from './config'
import { AlertDeliveryError } from './errors'

// Alert e-mail over SMTP. Each limit is set (connect, greeting, idle socket) and the whole send
// is cut at three times CHORUS_SMTP_TIMEOUT_MS, so a silent or trickling server ends in an
// error rather than a scheduler run that never finishes.

export interface EmailContent {
  subject: string
  text: string
  html: string
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
  if (!settings.enabled) throw new AlertDeliveryError('email', 'disabled', settings.reason)
  if (to.length === 0) throw new AlertDeliveryError('email', 'invalid', 'the alert has no e-mail recipients')
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
      to: [...to],
      subject: content.subject,
      text: content.text,
      html: content.html,
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
