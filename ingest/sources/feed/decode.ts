import chardet from 'chardet'
import iconv from 'iconv-lite'

// Feed bytes → one JavaScript string. Real feeds are messy: a BOM, UTF-16/32, legacy encodings
// with no declaration (Shift_JIS, KOI8-R, windows-1255), a charset in the Content-Type header and
// another in the XML prolog, and servers whose default header contradicts the document.
//
// Order of evidence (XML 1.0 Appendix F, RFC 7303 §3, WHATWG Encoding Standard):
//   1. a byte-order mark;
//   2. the NUL-byte pattern of UTF-16/32 text without a BOM (a `<` or `{` is ASCII in every
//      ASCII-compatible encoding, so zeros beside it can only mean a 16- or 32-bit encoding);
//   3. bytes that are valid UTF-8 and contain non-ASCII characters: read as UTF-8 even when a header
//      or the prolog says otherwise. Apache and others send `charset=ISO-8859-1` by default, and
//      legacy-encoded text practically never forms valid multi-byte UTF-8 by accident;
//   4. the HTTP charset; 5. the XML declaration (UTF-8 is checked: declared UTF-8 that is not valid
//      UTF-8 falls through); 6. a guess by chardet; 7. windows-1252, which can decode any byte.

export type EncodingSource = 'bom' | 'sniffed' | 'utf-8' | 'http' | 'declaration' | 'guess' | 'fallback'

export interface DecodedText {
  text: string
  /** The iconv-lite name the bytes were read with. */
  encoding: string
  source: EncodingSource
  /** What the run record should say (a guess, a declaration that was wrong or unknown). */
  notes: string[]
}

// Labels read as a superset, as browsers do (WHATWG Encoding Standard, "Encodings" table): a
// feed declared ISO-8859-1 with curly quotes in 0x80-0x9F is windows-1252 in practice.
const SUPERSETS: Record<string, string> = {
  'us-ascii': 'windows-1252',
  'ascii': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  'latin1': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'iso-8859-8': 'windows-1255',
  'iso-8859-8-i': 'windows-1255',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  'gb2312': 'gbk',
  'ks_c_5601-1987': 'cp949',
  'euc-kr': 'cp949',
  'x-sjis': 'shift_jis',
  'utf8': 'utf-8',
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** The iconv-lite name for a declared label, or null when it is unknown. */
export function resolveEncoding(label: string | null | undefined): string | null {
  if (!label) return null
  const lower = label.trim().toLowerCase()
  const name = SUPERSETS[lower] ?? lower
  return iconv.encodingExists(name) ? name : null
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i)
  return match?.[1] ?? null
}

/** The encoding named in an `<?xml ... encoding="..."?>` declaration, read as ASCII. */
export function declaredXmlEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1')
  const match = head.match(/<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/)
  return match?.[1] ?? null
}

function bomEncoding(b: Uint8Array): { encoding: string, length: number } | null {
  if (b[0] === 0xEF && b[1] === 0xBB && b[2] === 0xBF) return { encoding: 'utf-8', length: 3 }
  // UTF-32LE's BOM starts like UTF-16LE's: test it first.
  if (b[0] === 0xFF && b[1] === 0xFE && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', length: 4 }
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xFE && b[3] === 0xFF) return { encoding: 'utf-32be', length: 4 }
  if (b[0] === 0xFF && b[1] === 0xFE) return { encoding: 'utf-16le', length: 2 }
  if (b[0] === 0xFE && b[1] === 0xFF) return { encoding: 'utf-16be', length: 2 }
  return null
}

/** UTF-16/32 without a BOM, from where the zero bytes sit around the first ASCII character. */
function sniffWideEncoding(b: Uint8Array): string | null {
  if (b.length < 4) return null
  const zero = [b[0] === 0, b[1] === 0, b[2] === 0, b[3] === 0]
  if (zero[0] && zero[1] && zero[2] && !zero[3]) return 'utf-32be'
  if (!zero[0] && zero[1] && zero[2] && zero[3]) return 'utf-32le'
  if (zero[0] && !zero[1] && zero[2] && !zero[3]) return 'utf-16be'
  if (!zero[0] && zero[1] && !zero[2] && zero[3]) return 'utf-16le'
  return null
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    UTF8.decode(bytes)
    return true
  }
  catch {
    return false
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte > 0x7F)
}

const WIDE = /^utf-?(16|32)/

/** One declared label (header or prolog) checked against the bytes, or the reason it was not used. */
function useDeclared(label: string | null, bytes: Uint8Array, where: string, notes: string[]): string | null {
  if (!label) return null
  const encoding = resolveEncoding(label)
  if (!encoding) {
    notes.push(`the ${where} names an unknown encoding "${label}"; it was ignored`)
    return null
  }
  // The declaration was readable as ASCII, so the document is not in a 16/32-bit encoding whatever it says.
  if (WIDE.test(encoding)) return null
  if (encoding === 'utf-8' && !isValidUtf8(bytes)) {
    notes.push(`the ${where} says UTF-8 but the bytes are not valid UTF-8`)
    return null
  }
  return encoding
}

/**
 * The bytes between tags. Markup is ASCII and drowns the statistics chardet relies on: a short
 * KOI8-R headline inside a feed's tags is guessed as ISO-8859-1, the headline alone as KOI8-R.
 * Removing `<...>` is safe for every ASCII-compatible encoding chardet knows: no multi-byte
 * sequence of Shift_JIS, GBK, Big5 or EUC uses the bytes of '<' or '>'.
 */
function textBetweenTags(bytes: Uint8Array): Buffer {
  const text = Buffer.from(bytes).toString('latin1').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
  return Buffer.from(text || Buffer.from(bytes).toString('latin1'), 'latin1')
}

function guess(bytes: Uint8Array, notes: string[]): { encoding: string, source: EncodingSource } {
  if (isValidUtf8(bytes)) return { encoding: 'utf-8', source: 'utf-8' }
  const guessed = resolveEncoding(chardet.detect(textBetweenTags(bytes)))
  if (guessed) {
    notes.push(`no usable encoding was declared; the text was read as ${guessed} (a guess)`)
    return { encoding: guessed, source: 'guess' }
  }
  notes.push('no usable encoding was declared and none could be guessed; the text was read as windows-1252')
  return { encoding: 'windows-1252', source: 'fallback' }
}

/** Decodes a feed body. `httpCharset` is the charset parameter of the response's Content-Type. */
export function decodeFeedBytes(bytes: Uint8Array, httpCharset?: string | null): DecodedText {
  const notes: string[] = []
  const bom = bomEncoding(bytes)
  if (bom) return finish(bytes.subarray(bom.length), bom.encoding, 'bom', notes)
  const wide = sniffWideEncoding(bytes)
  if (wide) return finish(bytes, wide, 'sniffed', notes)
  if (hasNonAscii(bytes) && isValidUtf8(bytes)) return finish(bytes, 'utf-8', 'utf-8', notes)
  const fromHttp = useDeclared(httpCharset ?? null, bytes, 'Content-Type header', notes)
  if (fromHttp) return finish(bytes, fromHttp, 'http', notes)
  const fromProlog = useDeclared(declaredXmlEncoding(bytes), bytes, 'XML declaration', notes)
  if (fromProlog) return finish(bytes, fromProlog, 'declaration', notes)
  const guessed = guess(bytes, notes)
  return finish(bytes, guessed.encoding, guessed.source, notes)
}

function finish(bytes: Uint8Array, encoding: string, source: EncodingSource, notes: string[]): DecodedText {
  const text = iconv.decode(Buffer.from(bytes), encoding, { stripBOM: true })
  return { text, encoding, source, notes }
}
