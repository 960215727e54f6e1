import { isUtf8 } from 'node:buffer'

// Node 20's V8 turns UTF-8 into a string at about 130 MB/s once a single character is not
// ASCII, which every multilingual payload has: decoding a page of Mastodon statuses cost twice
// as much as parsing it. Read as Latin-1 instead (one byte, one character: a copy), the same
// bytes parse as fast, and only the few strings holding non-ASCII bytes need decoding
// afterwards (2.7 of 35 strings a demo status).

const NON_ASCII = /[\u0080-\u00ff]/
const BOM = [0xEF, 0xBB, 0xBF]

/**
 * JSON.parse of UTF-8 bytes, a leading byte-order mark ignored: the same value as parsing the
 * decoded text, and the same SyntaxError when it is not JSON. Invalid UTF-8 reads as the
 * decoder reads it, with U+FFFD in place of each bad sequence.
 */
export function parseJsonBytes(body: Uint8Array): unknown {
  const start = BOM.every((byte, i) => body[i] === byte) ? 3 : 0
  const bytes = Buffer.from(body.buffer, body.byteOffset + start, body.byteLength - start)
  // The shortcut holds when every byte above 0x7F belongs to a valid UTF-8 sequence written
  // out, so that a string's Latin-1 characters are its own UTF-8 bytes; an escape such as
  // \u00e9 would parse to a character no different from a raw byte, so those take the plain path.
  if (isUtf8(bytes)) {
    const latin1 = bytes.toString('latin1')
    if (!escapesBeyondAscii(latin1)) {
      try {
        return decodeStrings(JSON.parse(latin1))
      }
      catch {
        // Thrown again below on the decoded text, so that the position in the message counts characters, not bytes.
      }
    }
  }
  return JSON.parse(bytes.toString('utf8'))
}

/** Whether a \u escape stands for a character above U+007F (or seems to: "\\u00e9" counts too). */
function escapesBeyondAscii(text: string): boolean {
  for (let at = text.indexOf('\\u'); at !== -1; at = text.indexOf('\\u', at + 2)) {
    if (text[at + 2] !== '0' || text[at + 3] !== '0' || !(text[at + 4]! >= '0' && text[at + 4]! <= '7')) return true
  }
  return false
}

function utf8(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8')
}

/**
 * Decodes, in place, every string and key parsed from Latin-1 that holds non-ASCII bytes.
 * Iterative: JSON.parse accepts nesting deeper than the call stack allows.
 */
function decodeStrings(root: unknown): unknown {
  if (typeof root === 'string') return NON_ASCII.test(root) ? utf8(root) : root
  if (root === null || typeof root !== 'object') return root
  const stack: object[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i]
        if (typeof item === 'string') {
          if (NON_ASCII.test(item)) node[i] = utf8(item)
        }
        else if (item !== null && typeof item === 'object') stack.push(item)
      }
      continue
    }
    const record = node as Record<string, unknown>
    let keysToDecode = false
    for (const key in record) {
      if (NON_ASCII.test(key)) keysToDecode = true
      const item = record[key]
      if (typeof item === 'string') {
        // An own property, even "__proto__": assigning it sets the data, not the prototype.
        if (NON_ASCII.test(item)) record[key] = utf8(item)
      }
      else if (item !== null && typeof item === 'object') stack.push(item)
    }
    if (keysToDecode) renameKeys(record)
  }
  return root
}

/** Rewrites every key decoded, in their order, as own properties: "__proto__" too, as JSON.parse makes it. */
function renameKeys(record: Record<string, unknown>): void {
  const entries = Object.entries(record)
  for (const [key] of entries) delete record[key]
  for (const [key, value] of entries) {
    Object.defineProperty(record, NON_ASCII.test(key) ? utf8(key) : key, { value, writable: true, enumerable: true, configurable: true })
  }
}

/**
 * The value of the complete part of a JSON text cut short (see completePrefix), and the text
 * left out; null when there is none, or when the text was broken before the cut too.
 */
export function parseCompletePrefix(text: string): { json: unknown, rest: string } | null {
  const complete = completePrefix(text)
  if (!complete) return null
  try {
    return { json: JSON.parse(complete.json), rest: complete.rest }
  }
  catch {
    return null
  }
}

/**
 * The complete part of a JSON text that was cut short (a download that stopped, a file copied
 * half-way): everything up to the last element completed inside an array, with the containers
 * still open closed after it. Null when the text is not cut short (its brackets balance) or
 * nothing complete is left. The caller parses the result, which fails if the text was broken
 * elsewhere too.
 */
export function completePrefix(text: string): { json: string, rest: string } | null {
  const open: string[] = []
  let cut = -1
  let closersAtCut = ''
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (inString) {
      if (char === '\\') i++
      else if (char === '"') inString = false
      continue
    }
    if (char === '"') inString = true
    else if (char === '{' || char === '[') open.push(char === '{' ? '}' : ']')
    else if (char === '}' || char === ']') {
      if (open.pop() !== char) return null
      if (open.at(-1) === ']') {
        cut = i + 1
        closersAtCut = open.slice().reverse().join('')
      }
    }
  }
  if (open.length === 0 || cut < 0) return null
  return { json: text.slice(0, cut) + closersAtCut, rest: text.slice(cut).replace(/^\s*,\s*/, '') }
}
