import type { ExportFormat } from '~~/server/export/conversations'

// Counting the rows of an export while it downloads, from the bytes as they arrive.
//
// A JSONL row is one line: JSON writes a line break inside a string as \n. A CSV field may hold
// line breaks, but only inside quotes, and a quote inside a field is doubled, so a line break
// ends a row exactly when an even number of quotes came before it. Both marks are ASCII, and no
// byte of a multi-byte UTF-8 character is ASCII, so the bytes are read as they come, without
// decoding and wherever a chunk happens to end.

const QUOTE = 0x22
const NEWLINE = 0x0A

export interface RowCounter {
  /** Reads one chunk; returns the data rows so far (a CSV header is not counted). */
  add: (chunk: Uint8Array) => number
}

export function createRowCounter(format: ExportFormat): RowCounter {
  let lines = 0
  let quoted = false
  const headerRows = format === 'csv' ? 1 : 0
  return {
    add(chunk) {
      for (const byte of chunk) {
        if (byte === QUOTE && format === 'csv') quoted = !quoted
        else if (byte === NEWLINE && !quoted) lines++
      }
      return Math.max(0, lines - headerRows)
    },
  }
}

/** The file name a Content-Disposition header gives, else the fallback. */
export function attachmentName(header: string | null, fallback: string): string {
  const name = header ? /filename="?([^";]+)"?/i.exec(header)?.[1] : undefined
  return name?.trim() || fallback
}
