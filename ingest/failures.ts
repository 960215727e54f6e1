import type { FailedItem } from './types'

const MAX_RAW = 2_000

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
