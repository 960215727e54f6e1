import { afterEach, describe, expect, it } from 'vitest'
import { sendAlertEmail } from '../../../server/alerts/email'
import { buildAlertMessage } from '../../../server/alerts/message'
import { aSpikeAlert, deliveryFailure, emailSettings, HOSTILE_NAME } from './builders'
import { parseMessage, partOfType } from './mime'
import { closedPort, startSilentServer, startSmtpServer } from './smtp-server'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()))
})

async function smtp(...args: Parameters<typeof startSmtpServer>) {
  const server = await startSmtpServer(...args)
  cleanups.push(server.close)
  return server
}

const message = buildAlertMessage(aSpikeAlert({ topic: { id: 7, name: HOSTILE_NAME } }), { publicUrl: 'https://chorus.example.org' })

describe('sendAlertEmail: before connecting', () => {
  it('says e-mail is off, and why, when no SMTP server is configured', async () => {
    const error = await deliveryFailure(sendAlertEmail({ enabled: false, reason: 'e-mail alerts are off: set CHORUS_SMTP_URL' }, ['a@example.org'], message))
    expect(error).toMatchObject({ channel: 'email', kind: 'disabled', message: 'e-mail alerts are off: set CHORUS_SMTP_URL' })
  })

  it('refuses an alert without recipients or with a malformed one', async () => {
    const settings = emailSettings('smtp://127.0.0.1:1')
    expect((await deliveryFailure(sendAlertEmail(settings, [], message))).kind).toBe('invalid')
    expect((await deliveryFailure(sendAlertEmail(settings, ['a@example.org', 'not an address'], message))).message).toBe('not e-mail addresses: not an address')
  })
})

describe('sendAlertEmail against a real SMTP server', () => {
  it('delivers the alert to every recipient with its subject and sender', async () => {
    const server = await smtp()
    const delivery = await sendAlertEmail(emailSettings(server.url()), ['ana@ngo.example', 'li@ngo.example'], message)
    expect(delivery).toMatchObject({ channel: 'email', accepted: ['ana@ngo.example', 'li@ngo.example'], rejected: [] })

    expect(server.mails).toHaveLength(1)
    const [mail] = server.mails
    expect(mail!.mailFrom).toBe('alerts@chorus.example')
    expect(mail!.rcptTo).toEqual(['ana@ngo.example', 'li@ngo.example'])
    const { headers } = parseMessage(mail!.raw)
    expect(headers.get('subject')).toBe(message.subject)
    expect(headers.get('to')).toBe('ana@ngo.example, li@ngo.example')
    expect(headers.get('from')).toBe('Chorus <alerts@chorus.example>')
    expect(headers.get('message-id')).toBe(delivery.messageId)
  })

  it('keeps a hostile topic name out of the headers and escaped in the HTML part', async () => {
    const server = await smtp()
    await sendAlertEmail(emailSettings(server.url()), ['ana@ngo.example'], message)
    const { raw } = server.mails[0]!
    const { headers } = parseMessage(raw)
    expect(headers.has('bcc')).toBe(false)
    expect(server.mails[0]!.rcptTo).toEqual(['ana@ngo.example'])

    const html = partOfType(raw, 'text/html')
    expect(html).toContain('Floods &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toMatch(/<script|<img/)
    expect(partOfType(raw, 'text/plain')).toContain('Chorus noticed a spike in the topic "Floods <script>alert("x")</script>')
  })

  it('logs in with the credentials of the SMTP URL', async () => {
    const server = await smtp({ login: { user: 'alerts@ngo.example', pass: 'p@ss:word' } })
    await sendAlertEmail(emailSettings(server.url('alerts%40ngo.example:p%40ss%3Aword')), ['ana@ngo.example'], message)
    expect(server.mails[0]!.user).toBe('alerts@ngo.example')
  })

  it('says the login was refused when the password is wrong', async () => {
    const server = await smtp({ login: { user: 'alerts', pass: 'right' } })
    const error = await deliveryFailure(sendAlertEmail(emailSettings(server.url('alerts:wrong')), ['ana@ngo.example'], message))
    expect(error.kind).toBe('auth')
    expect(error.message).toMatch(/refused the login: .*535/)
    expect(error.message).not.toContain('wrong')
    expect(server.mails).toHaveLength(0)
  })

  it('reports recipients the server refused while delivering to the others', async () => {
    const server = await smtp({ refuse: ['gone@ngo.example'] })
    const delivery = await sendAlertEmail(emailSettings(server.url()), ['ana@ngo.example', 'gone@ngo.example'], message)
    expect(delivery.accepted).toEqual(['ana@ngo.example'])
    expect(delivery.rejected).toEqual(['gone@ngo.example'])
    expect(server.mails[0]!.rcptTo).toEqual(['ana@ngo.example'])
  })

  it('fails clearly when the server refuses every recipient', async () => {
    const server = await smtp({ refuse: ['gone@ngo.example'] })
    const error = await deliveryFailure(sendAlertEmail(emailSettings(server.url()), ['gone@ngo.example'], message))
    expect(error.kind).toBe('rejected')
    expect(error.message).toMatch(/refused the message: .*550/)
  })
})

describe('sendAlertEmail when the server is unreachable', () => {
  it('says the connection was refused when nothing listens', async () => {
    const port = await closedPort()
    const error = await deliveryFailure(sendAlertEmail(emailSettings(`smtp://127.0.0.1:${port}`), ['ana@ngo.example'], message))
    expect(error.kind).toBe('connection')
    expect(error.message).toBe(`the SMTP server smtp://127.0.0.1:${port} refused the connection (nothing listening on that port?)`)
  })

  it('gives up on a server that never answers, within its timeout', async () => {
    const silent = await startSilentServer()
    cleanups.push(silent.close)
    const started = Date.now()
    const error = await deliveryFailure(sendAlertEmail(emailSettings(`smtp://127.0.0.1:${silent.port}`, { timeoutMs: 300 }), ['ana@ngo.example'], message))
    expect(error.kind).toBe('timeout')
    expect(error.message).toBe(`the SMTP server smtp://127.0.0.1:${silent.port} did not answer within 0.3 s`)
    // Nodemailer's own greeting limit is 30 s: finishing far below it shows the setting applied.
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})
