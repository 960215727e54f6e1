import { parseCompletePrefix, parseJsonBytes } from './json'
import type { FailedItem } from './types'

const MAX_RAW = 2_000

/**
 * Parses a saved JSON response for an adapter's import path; a body that is not JSON becomes
 * the page's one failed item instead of an exception. Saved files may start with a byte-order
 * mark, which JSON.parse refuses. A body cut short keeps its complete items: `cutShort` is then
 * the failed item for the incomplete end, which the caller adds to its page's failures.
 */
export function parseJsonPayload(body: Buffer): { ok: true, json: unknown, cutShort?: FailedItem } | { ok: false, failure: FailedItem } {
  try {
    return { ok: true, json: parseJsonBytes(body) }
  }
  catch (error) {
    const reason = `not JSON (${(error as Error).message})`
    const text = body.toString('utf8').replace(/^\uFEFF/, '')
    const complete = parseCompletePrefix(text)
    if (complete) return { ok: true, json: complete.json, cutShort: failedItem(`the file was cut short: the items before the incomplete end were read (${reason})`, complete.rest) }
    return { ok: false, failure: unreadableInput(reason, text) }
  }
}

/** The failure of a whole input, which `chorus import` reports as a file it cannot read. */
export function unreadableInput(reason: string, raw: unknown): FailedItem {
  return { ...failedItem(reason, raw), wholeInput: true }
}

/** A failed item with its reason, the raw item cut to a size the run history can keep. */
export function failedItem(reason: string, raw: unknown): FailedItem {
  let text: string
  try {
    text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw)
  }
  catch {
    text = String(raw)
  }
  return { reason, raw: text.length > MAX_RAW ? `${text.slice(0, MAX_RAW)}…` : text }
}
