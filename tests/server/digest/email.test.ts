import { simpleParser } from 'mailparser'
import { afterEach, describe, expect, it } from 'vitest'
import { renderDigestEmail, sendDigestEmail } from '../../../server/digest/email'
import { deliveryFailure, emailSettings } from '../alerts/builders'
import { parseMessage } from '../alerts/mime'
import { closedPort, startSmtpServer } from '../alerts/smtp-server'
import { isPng, keep, pngSize } from './png'
import { emptyDigest, HOSTILE_POST, sampleDigest } from './sample'

const options = { publicUrl: 'https://chorus.example.org' }
const recipients = ['ana@ngo.example', 'li@ngo.example']

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()))
})

async function smtp() {
  const server = await startSmtpServer()
  cleanups.push(server.close)
  return server
}

/** Every cid: a picture in the HTML points at. */
function cidReferences(html: string): string[] {
  return [...html.matchAll(/<img\b[^>]*\bsrc="cid:([^"]+)"/g)].map((match) => match[1]!)
}

describe('sendDigestEmail: before connecting', () => {
  it('says e-mail is off, and how to turn it on, when no SMTP server is configured', async () => {
    const error = await deliveryFailure(sendDigestEmail({ enabled: false, reason: 'e-mail alerts are off' }, recipients, sampleDigest(), options))
    expect(error).toMatchObject({ channel: 'email', kind: 'disabled' })
    expect(error.message).toBe('e-mail is off, so the digest cannot be sent: set CHORUS_SMTP_URL (e.g. smtp://user:password@mail.example.org:587)')
  })

  it('refuses a digest without recipients', async () => {
    const error = await deliveryFailure(sendDigestEmail(emailSettings('smtp://127.0.0.1:1'), [], sampleDigest(), options))
    expect(error).toMatchObject({ kind: 'invalid', message: 'the digest has no e-mail recipients' })
  })

  it('says the server refused the connection when nothing listens on its port', async () => {
    const port = await closedPort()
    const error = await deliveryFailure(sendDigestEmail(emailSettings(`smtp://127.0.0.1:${port}`), recipients, sampleDigest(), options))
    expect(error.kind).toBe('connection')
    expect(error.message).toBe(`the SMTP server smtp://127.0.0.1:${port} refused the connection (nothing listening on that port?)`)
  })
})

describe('sendDigestEmail against a real SMTP server', () => {
  it('delivers one message to every subscriber without showing them each other', async () => {
    const server = await smtp()
    const delivery = await sendDigestEmail(emailSettings(server.url()), recipients, sampleDigest(), options)
    expect(delivery).toMatchObject({ channel: 'email', accepted: recipients, rejected: [] })

    expect(server.mails).toHaveLength(1)
    const [mail] = server.mails
    expect(mail!.rcptTo).toEqual(recipients)
    const { headers } = parseMessage(mail!.raw)
    expect(headers.get('subject')).toBe('Chorus weekly digest 2026-W47 (16–22 Nov 2026): 4,210 posts, +12%')
    expect(headers.get('from')).toBe('Chorus <alerts@chorus.example>')
    expect(headers.get('to')).toBe('Undisclosed recipients:;')
    expect(headers.has('bcc')).toBe(false)
    const head = mail!.raw.slice(0, mail!.raw.indexOf('\r\n\r\n'))
    for (const address of recipients) expect(head).not.toContain(address)
  })

  it('carries the text digest, the HTML and the charts as inline PNGs the HTML points at', async () => {
    const server = await smtp()
    await sendDigestEmail(emailSettings(server.url()), recipients, sampleDigest(), options)
    const parsed = await simpleParser(server.mails[0]!.raw, { keepCidLinks: true })

    expect(parsed.text).toContain('4,210 posts this week, +12% on the week before (3,759).')
    expect(parsed.text).toMatch(/Posts +4,210 +\+12% +3,759/)
    expect(parsed.text).toContain('Open the digest in Chorus: https://chorus.example.org/digest/2026-W47')

    if (!parsed.html) throw new Error('no text/html part')
    const html = parsed.html
    expect(html).toContain('<h2')
    expect(html).toContain('href="https://chorus.example.org/digest/2026-W47"')

    const images = parsed.attachments
    expect(images.map((image) => image.filename)).toEqual(['daily', 'languages', 'topics', 'content'].map((name) => `chorus-2026-W47-${name}.png`))
    expect(new Set(cidReferences(html))).toEqual(new Set(images.map((image) => image.cid)))
    for (const image of images) {
      expect(image).toMatchObject({ contentType: 'image/png', related: true })
      expect(isPng(image.content)).toBe(true)
      expect(image.content.length).toBeGreaterThan(4_000)
      expect(pngSize(image.content)).toEqual({ width: 1120, height: 480 })
      expect(html).toMatch(new RegExp(`<img src="cid:${image.cid!.replace(/\./g, '\\.')}" width="560" height="240" alt="[^"]{20,}"`))
    }
  })

  it('shows hostile names and posts as text, and links only to http(s) addresses', async () => {
    const server = await smtp()
    await sendDigestEmail(emailSettings(server.url()), recipients, sampleDigest(), options)
    const html = (await simpleParser(server.mails[0]!.raw, { keepCidLinks: true })).html || ''

    expect(html).not.toMatch(/<script|<img src=x|<b>|<em>/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('Rents &lt;em&gt;up&lt;/em&gt; again')
    expect(html).toContain('&lt;b&gt;march&lt;/b&gt;')
    expect(html).not.toContain('javascript:')
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https?:\/\//)
    // Every picture is one of the charts.
    expect(html.match(/<img\b/g)).toHaveLength(4)
  })
})

describe('renderDigestEmail', () => {
  it('writes the e-mail of a busy week and of an empty one where a person can look at them', async () => {
    const busy = await renderDigestEmail(sampleDigest(), options)
    keep('sample-email.html', busy.html)
    keep('sample-email.txt', busy.text)
    expect(busy.text).toContain(HOSTILE_POST)
    expect(busy.html).toContain('<html lang="en">')

    const empty = await renderDigestEmail(emptyDigest(), options)
    keep('empty-email.html', empty.html)
    // An empty chart would be a blank picture: none is attached.
    expect(empty.attachments).toEqual([])
    expect(empty.html).not.toContain('<img')
    expect(empty.html).toContain('None this week.')
    expect(empty.subject).toBe('Chorus weekly digest 2026-W47 (16–22 Nov 2026): 0 posts')
  })
})
