import { defineCommand } from 'citty'
import { once } from 'node:events'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Readable, Writable } from 'node:stream'
import { createLanguageDetector, type Detection, type LanguageDetector } from '../../../../ingest/nlp/lang'
import { languagesFromEnv } from '../../../../ingest/nlp/service'
import { decodeJsonLine } from '../../../../ingest/sources/file/jsonl'
import { isLanguageCode, LANGUAGE_CODES, type LanguageCode } from '../../../../shared/languages'
import { CliError } from '../../db'

// Scripts pipe JSON lines through this and pair the outputs with the inputs by order, so each
// non-blank input line gets exactly one output line, a broken one included.

type Output = Detection & { error?: string, warning?: string }

/**
 * The input's lines, each decoded on its own so that bytes that are not UTF-8 are known by line
 * (readline replaces them without a word).
 */
async function* linesOf(input: Readable): AsyncGenerator<ReturnType<typeof decodeJsonLine>> {
  // The start of a line that has not ended yet, kept in pieces: one long line costs no copying.
  let pending: Buffer[] = []
  for await (const chunk of input) {
    const bytes = chunk as Buffer
    let start = 0
    for (let newline = bytes.indexOf(0x0A); newline !== -1; newline = bytes.indexOf(0x0A, start)) {
      yield decodeJsonLine(Buffer.concat([...pending, bytes.subarray(start, newline)]))
      pending = []
      start = newline + 1
    }
    if (start < bytes.length) pending.push(bytes.subarray(start))
  }
  if (pending.length > 0) yield decodeJsonLine(Buffer.concat(pending))
}

function detectLine(detector: LanguageDetector, line: string, lineNumber: number): Output {
  let record: unknown
  try {
    record = JSON.parse(line)
  }
  catch (error) {
    return { lang: 'und', confidence: 0, error: `line ${lineNumber}: not JSON (${(error as Error).message})` }
  }
  if (typeof record !== 'object' || record === null || typeof (record as { text?: unknown }).text !== 'string') {
    return { lang: 'und', confidence: 0, error: `line ${lineNumber}: no "text" string` }
  }
  const { text, declaredLang } = record as { text: string, declaredLang?: unknown }
  return detector.detect(text, typeof declaredLang === 'string' ? declaredLang : null)
}

/** Reads JSON lines from `input` and writes one detection per non-blank line to `output`, in order. */
export async function detectStream(detector: LanguageDetector, input: Readable, output: Writable): Promise<number> {
  let lineNumber = 0
  let written = 0
  for await (const { text, replaced } of linesOf(input)) {
    lineNumber++
    // A file saved with a byte-order mark: JSON.parse refuses it.
    const line = lineNumber === 1 && text.startsWith('\uFEFF') ? text.slice(1) : text
    if (line.trim() === '') continue
    written++
    const detected = detectLine(detector, line, lineNumber)
    if (replaced > 0) detected.warning = `line ${lineNumber}: ${replaced} byte sequence${replaced === 1 ? '' : 's'} not valid UTF-8 read as "\uFFFD"`
    if (!output.write(`${JSON.stringify(detected)}\n`)) await once(output, 'drain')
  }
  return written
}

function envLanguages(): LanguageCode[] | undefined {
  try {
    return languagesFromEnv()
  }
  catch (error) {
    throw new CliError((error as Error).message)
  }
}

function parseLanguages(list: string | undefined): LanguageCode[] | undefined {
  if (list === undefined) return undefined
  const codes = list.split(',').map((code) => code.trim().toLowerCase()).filter(Boolean)
  const unknown = codes.filter((code) => !isLanguageCode(code))
  if (unknown.length > 0) throw new CliError(`--languages: unknown code(s) ${unknown.join(', ')}; known: ${LANGUAGE_CODES.join(',')}`)
  if (codes.length === 0) throw new CliError('--languages: name at least one language')
  return codes.filter(isLanguageCode)
}

export default defineCommand({
  meta: {
    name: 'detect',
    description: 'Detect the language of JSON lines: reads {"text": "…", "declaredLang"?: "pt-BR"} per line (other fields, '
      + 'including "lang", are ignored) and prints {"lang","confidence"} per line in the same order, "lang" being "und" with '
      + 'confidence 0 when no answer is sure (no letters, a language outside the set, a lone word several languages write '
      + 'alike). Blank lines are skipped; a line that is not JSON or has no "text" prints {"lang":"und","confidence":0,"error":"…"} and the rest goes on; '
      + 'a line with bytes that are not UTF-8 is read with "\uFFFD" in their place, and its answer carries a "warning".',
  },
  args: {
    file: { type: 'string', description: 'JSON lines file to read (default, or -: standard input)', valueHint: 'jsonl' },
    languages: { type: 'string', description: `Choose only among these ISO 639-1 codes (default: CHORUS_LANGUAGES, as the ingest does, else all ${LANGUAGE_CODES.length}: ${LANGUAGE_CODES.join(',')})`, valueHint: 'ar,fr,en' },
  },
  async run({ args }) {
    const languages = parseLanguages(args.languages) ?? envLanguages()
    const file = args.file === '-' ? undefined : args.file
    if (file) {
      try {
        if ((await stat(file)).isDirectory()) throw new CliError(`cannot read ${file}: it is a directory`)
      }
      catch (error) {
        if (error instanceof CliError) throw error
        throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
      }
    }
    const detector = await createLanguageDetector({ languages })
    // A reader that stops early (`| head`) closes the pipe: that ends the command, not in error.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
      process.exit(0)
    })
    const input = file ? createReadStream(file) : process.stdin
    await detectStream(detector, input, process.stdout)
  },
})
