// Just enough MIME to read what the SMTP server received: headers (unfolded, encoded words
// decoded) and the decoded body of each text part, found by content type.

export interface MimePart {
  headers: Map<string, string>
  body: string
}

export function parseMessage(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n')
  const head = split < 0 ? raw : raw.slice(0, split)
  const body = split < 0 ? '' : raw.slice(split + 4)
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()))
  }
  return { headers, body }
}

/** Every leaf part of a message, bodies decoded from quoted-printable or base64. */
export function leafParts(raw: string): MimePart[] {
  const part = parseMessage(raw)
  const type = part.headers.get('content-type') ?? 'text/plain'
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) {
    return [{ headers: part.headers, body: decodeBody(part.body, part.headers.get('content-transfer-encoding')) }]
  }
  const sections = part.body.split(`--${boundary}`).slice(1)
  return sections.filter((s) => !s.startsWith('--')).flatMap((s) => leafParts(s.replace(/^\r\n/, '')))
}

export function partOfType(raw: string, type: string): string {
  const part = leafParts(raw).find((p) => (p.headers.get('content-type') ?? '').toLowerCase().startsWith(type))
  if (!part) throw new Error(`no ${type} part in the message`)
  return part.body
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'quoted-printable': return decodeQuotedPrintable(body)
    case 'base64': return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    default: return body
  }
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = []
  const joined = text.replace(/=\r\n/g, '')
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16))
      i += 2
    }
    else {
      bytes.push(...Buffer.from(joined[i]!, 'utf8'))
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), adjacent ones joined. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_match, _charset: string, kind: string, text: string) => (kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' '))))
}
