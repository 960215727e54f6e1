import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { charsetFromContentType, decodeFeedBytes, resolveEncoding } from '../../../../../ingest/sources/feed/decode'

// Byte-level cases are made here with iconv-lite, so each test states exactly which bytes it feeds in.

const JAPANESE = '東京都は新しい気候変動対策を発表しました。再生可能エネルギーの導入を加速し、二〇三〇年までに温室効果ガスの排出を半減させる計画です。'
const RUSSIAN = 'Правительство объявило о новых мерах поддержки малого бизнеса. Министр экономики сообщил, что программа начнётся в следующем месяце.'
const HEBREW = 'הממשלה הודיעה היום על תוכנית חדשה לחיזוק מערכת החינוך בפריפריה. שר החינוך אמר כי התוכנית תתחיל בשנה הבאה.'
const PORTUGUESE = 'Últimas Notícias: a Câmara aprovou o orçamento da educação e da saúde para o próximo ano, após três sessões de debate.'

function feed(text: string, prolog = '<?xml version="1.0"?>'): string {
  return `${prolog}<rss version="2.0"><channel><title>${text.slice(0, 12)}</title><item><title>${text.slice(0, 30)}</title><description>${text}</description></item></channel></rss>`
}

describe('decodeFeedBytes', () => {
  it('reads UTF-16LE with a byte-order mark', () => {
    const bytes = iconv.encode(feed(JAPANESE), 'utf-16le', { addBOM: true })
    const decoded = decodeFeedBytes(bytes)
    expect(decoded).toMatchObject({ encoding: 'utf-16le', source: 'bom' })
    expect(decoded.text).toBe(feed(JAPANESE))
  })

  it('reads UTF-16BE and UTF-32LE with their byte-order marks', () => {
    expect(decodeFeedBytes(iconv.encode(feed(RUSSIAN), 'utf-16be', { addBOM: true })).text).toBe(feed(RUSSIAN))
    const utf32 = decodeFeedBytes(iconv.encode(feed(HEBREW), 'utf-32le', { addBOM: true }))
    expect(utf32).toMatchObject({ encoding: 'utf-32le', text: feed(HEBREW) })
  })

  it('recognises UTF-16 without a byte-order mark from its zero bytes', () => {
    const decoded = decodeFeedBytes(iconv.encode(feed(JAPANESE), 'utf-16le'))
    expect(decoded).toMatchObject({ encoding: 'utf-16le', source: 'sniffed', text: feed(JAPANESE) })
  })

  it('drops a UTF-8 byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), Buffer.from(feed(PORTUGUESE))])
    const decoded = decodeFeedBytes(bytes)
    expect(decoded.text.startsWith('<?xml')).toBe(true)
    expect(decoded.text).toContain('Notícias')
  })

  it.each([
    ['Shift_JIS', JAPANESE, 'shift_jis'],
    ['KOI8-R', RUSSIAN, 'koi8-r'],
    ['windows-1255', HEBREW, 'windows-1255'],
  ])('guesses %s when nothing declares it', (encoding, text, expected) => {
    const decoded = decodeFeedBytes(iconv.encode(feed(text), encoding))
    expect(decoded.source).toBe('guess')
    expect(decoded.encoding).toBe(expected)
    expect(decoded.text).toContain(text)
    expect(decoded.notes.join(' ')).toMatch(/a guess/)
  })

  it('follows the Content-Type charset over the XML declaration', () => {
    const bytes = iconv.encode(feed(RUSSIAN, '<?xml version="1.0" encoding="ISO-8859-1"?>'), 'windows-1251')
    const decoded = decodeFeedBytes(bytes, 'windows-1251')
    expect(decoded).toMatchObject({ encoding: 'windows-1251', source: 'http' })
    expect(decoded.text).toContain(RUSSIAN)
  })

  it('follows the XML declaration when the header names no charset', () => {
    const short = 'Новости'
    const decoded = decodeFeedBytes(iconv.encode(feed(short, '<?xml version="1.0" encoding="KOI8-R"?>'), 'koi8-r'))
    expect(decoded).toMatchObject({ encoding: 'koi8-r', source: 'declaration' })
    expect(decoded.text).toContain(short)
  })

  it("reads valid UTF-8 as UTF-8 even when the server's default header says ISO-8859-1", () => {
    const decoded = decodeFeedBytes(Buffer.from(feed(PORTUGUESE)), 'ISO-8859-1')
    expect(decoded.encoding).toBe('utf-8')
    expect(decoded.text).toContain(PORTUGUESE)
  })

  it('does not trust a UTF-8 declaration on bytes that are not UTF-8', () => {
    const bytes = iconv.encode(feed(PORTUGUESE, '<?xml version="1.0" encoding="UTF-8"?>'), 'latin1')
    const decoded = decodeFeedBytes(bytes)
    expect(decoded.text).toContain(PORTUGUESE)
    expect(decoded.notes.join(' ')).toMatch(/says UTF-8 but the bytes are not valid UTF-8/)
  })

  it('reads ISO-8859-1 as windows-1252, so curly quotes survive', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><rss><title>'), Buffer.from([0x93, 0x68, 0x69, 0x94]), Buffer.from('</title></rss>')])
    expect(decodeFeedBytes(bytes).text).toContain('“hi”')
  })

  it('ignores an encoding name it does not know, and says so', () => {
    const bytes = iconv.encode(feed(RUSSIAN, '<?xml version="1.0" encoding="x-klingon"?>'), 'koi8-r')
    const decoded = decodeFeedBytes(bytes)
    expect(decoded.text).toContain(RUSSIAN)
    expect(decoded.notes.join(' ')).toMatch(/unknown encoding "x-klingon"/)
  })

  it('ignores a UTF-16 declaration in a document it could read as ASCII', () => {
    const decoded = decodeFeedBytes(Buffer.from(feed('plain text', '<?xml version="1.0" encoding="UTF-16"?>')))
    expect(decoded.encoding).toBe('utf-8')
    expect(decoded.text).toContain('plain text')
  })
})

describe('encoding labels', () => {
  it('reads the charset parameter of a Content-Type header', () => {
    expect(charsetFromContentType('application/rss+xml; charset="Shift_JIS"')).toBe('Shift_JIS')
    expect(charsetFromContentType('text/xml;charset=utf-8')).toBe('utf-8')
    expect(charsetFromContentType('application/xml')).toBeNull()
    expect(charsetFromContentType(null)).toBeNull()
  })

  it('maps labels to the superset browsers use and refuses unknown ones', () => {
    expect(resolveEncoding('ISO-8859-1')).toBe('windows-1252')
    expect(resolveEncoding('US-ASCII')).toBe('windows-1252')
    expect(resolveEncoding('ISO-8859-8')).toBe('windows-1255')
    expect(resolveEncoding('KOI8-R')).toBe('koi8-r')
    expect(resolveEncoding('utf8mb4')).toBeNull()
  })
})
