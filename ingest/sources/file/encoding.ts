import chardet from 'chardet'
import iconv from 'iconv-lite'

// Which character encoding an export is in. Most tools write UTF-8 (often with a BOM, which
// Excel needs); Meltwater and Excel's "Unicode text" write UTF-16 LE; older tools and Excel on
// Windows write the machine's code page (windows-1252, windows-1256 for Arabic...). Bad bytes
// never stop an import: a UTF-8 file with a few broken sequences is read with U+FFFD in their
// place (and the page says on which lines); a file that is not UTF-8 at all is read in the
// legacy encoding chardet guesses.

export type TextEncoding =
  | { kind: 'utf-8' }
  | { kind: 'utf-16le' }
  | { kind: 'utf-16be' }
  | { kind: 'legacy', name: string }

export interface DetectedEncoding {
  encoding: TextEncoding
  /** Bytes of byte-order mark at the start of the file, skipped before parsing. */
  bomLength: number
  note: string | null
}

const UTF8 = { kind: 'utf-8' } as const

/** Looks at the first bytes of a file (a sample, not necessarily all of it). */
export function detectEncoding(sample: Buffer): DetectedEncoding {
  if (sample[0] === 0xEF && sample[1] === 0xBB && sample[2] === 0xBF) return { encoding: UTF8, bomLength: 3, note: null }
  if (sample[0] === 0xFF && sample[1] === 0xFE) return { encoding: { kind: 'utf-16le' }, bomLength: 2, note: null }
  if (sample[0] === 0xFE && sample[1] === 0xFF) return { encoding: { kind: 'utf-16be' }, bomLength: 2, note: null }
  const utf16 = guessUtf16(sample)
  if (utf16) return { encoding: utf16, bomLength: 0, note: `read as ${utf16.kind.toUpperCase()} (no byte-order mark; guessed from its zero bytes)` }
  if (isValidUtf8(sample)) return { encoding: UTF8, bomLength: 0, note: null }
  const text = new TextDecoder('utf-8').decode(sample)
  const replaced = replacementsIn(sample, text)
  const wellFormed = text.match(/[^\p{ASCII}\uFFFD]/gu)?.length ?? 0
  // Mostly good UTF-8 with some damage: re-reading it in a code page would garble the rest.
  if (wellFormed >= replaced) return { encoding: UTF8, bomLength: 0, note: null }
  const guess = legacyName(chardet.detect(sample))
  if (!guess) return { encoding: UTF8, bomLength: 0, note: null }
  return { encoding: { kind: 'legacy', name: guess }, bomLength: 0, note: `the file is not UTF-8; it was read as ${guess} (guessed from its bytes)` }
}

function isValidUtf8(sample: Buffer): boolean {
  try {
    // `stream` keeps a character cut at the end of the sample from counting as an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true })
    return true
  }
  catch {
    return false
  }
}

/** UTF-16 without a BOM shows as a zero byte in every other position of mostly-ASCII text. */
function guessUtf16(sample: Buffer): TextEncoding | null {
  const pairs = Math.min(sample.length, 4096) >> 1
  if (pairs < 8) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenZeros++
    if (sample[2 * i + 1] === 0) oddZeros++
  }
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return { kind: 'utf-16le' }
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return { kind: 'utf-16be' }
  return null
}

function legacyName(detected: string | null): string | null {
  if (!detected || /^(utf|ascii)/i.test(detected)) return null
  // Browsers read ISO-8859-1 as its superset windows-1252 (WHATWG Encoding), and so do we.
  const name = /^iso-8859-1$/i.test(detected) ? 'windows-1252' : detected
  return iconv.encodingExists(name) ? name : null
}

/** U+FFFD that decoding introduced, not counting any the bytes spelled out themselves. */
export function replacementsIn(bytes: Buffer, decoded: string): number {
  let found = 0
  for (let i = decoded.indexOf('\uFFFD'); i !== -1; i = decoded.indexOf('\uFFFD', i + 1)) found++
  if (found === 0) return 0
  let genuine = 0
  const sequence = Buffer.from([0xEF, 0xBF, 0xBD])
  for (let i = bytes.indexOf(sequence); i !== -1; i = bytes.indexOf(sequence, i + 1)) genuine++
  return found - genuine
}

/** Decodes bytes of an ASCII-compatible encoding; the count says how many were replaced. */
export function decodeBytes(bytes: Buffer, encoding: TextEncoding): { text: string, replaced: number } {
  if (encoding.kind === 'legacy') return { text: iconv.decode(bytes, encoding.name), replaced: 0 }
  if (encoding.kind === 'utf-8') {
    const text = utf8.decode(bytes)
    return { text, replaced: replacementsIn(bytes, text) }
  }
  const le = encoding.kind === 'utf-16le' ? bytes : Buffer.from(bytes).swap16()
  return { text: le.toString('utf16le'), replaced: 0 }
}

const utf8 = new TextDecoder('utf-8')

/** "line 4" or "lines 4, 9, 12 and 3 more", for notes that point at places in a file. */
export function describeLines(lines: number[]): string {
  const shown = lines.slice(0, 5).join(', ')
  const more = lines.length > 5 ? ` and ${lines.length - 5} more` : ''
  return lines.length === 1 ? `line ${shown}` : `lines ${shown}${more}`
}
