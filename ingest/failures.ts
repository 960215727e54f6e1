import { parseJsonBytes } from './json'
import type { FailedItem } from './types'

const MAX_RAW = 2_000

/**
 * Parses a saved JSON response for an adapter's import path; a body that is not JSON becomes
 * the page's one failed item instead of an exception. Saved files may start with a byte-order
 * mark, which JSON.parse refuses.
 */
export function parseJsonPayload(body: Buffer): { ok: true, json: unknown } | { ok: false, failure: FailedItem } {
  try {
    return { ok: true, json: parseJsonBytes(body) }
  }
  catch (error) {
    return { ok: false, failure: failedItem(`not JSON (${(error as Error).message})`, body.toString('utf8')) }
  }
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
