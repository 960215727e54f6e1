import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '../../../..')

function chorus(args: string[], stdin: string | Buffer = '', options: { env?: Record<string, string>, firstChunkOnly?: boolean } = {}): Promise<{ code: number | null, stdout: string, stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['server/cli/chorus.mjs', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      // A reader such as `head -1` that closes the pipe after the first lines.
      if (options.firstChunkOnly) child.stdout.destroy()
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    // A command that stops early leaves the rest of its input unread.
    child.stdin.on('error', () => {})
    child.stdin.end(stdin)
  })
}

const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as { lang: string, confidence: number, error?: string, warning?: string })

describe('chorus nlp detect', () => {
  it('keeps input order and reports a malformed line without stopping', async () => {
    const input = [
      JSON.stringify({ text: 'Bonjour à tous, la réunion commence à neuf heures.' }),
      '{"text": "broken',
      '',
      JSON.stringify({ title: 'no text field' }),
      JSON.stringify({ text: 'Habari za asubuhi, tunaenda sokoni leo kwa sababu tunahitaji chakula.', declaredLang: 'en' }),
      JSON.stringify({ text: '今日はいい天気ですね' }),
    ].join('\n')
    const { code, stdout } = await chorus(['nlp', 'detect'], `${input}\n`)
    expect(code).toBe(0)
    const out = lines(stdout)
    // The blank line is skipped: five answers for five non-blank lines.
    expect(out.map((o) => o.lang)).toEqual(['fr', 'und', 'und', 'sw', 'ja'])
    expect(out[1]).toMatchObject({ confidence: 0, error: expect.stringMatching(/^line 2: not JSON/) })
    expect(out[2]).toMatchObject({ confidence: 0, error: 'line 4: no "text" string' })
    expect(out[0]!.error).toBeUndefined()
    expect(Object.keys(out[0]!)).toEqual(['lang', 'confidence'])
  }, 60_000)

  it('reads --file and narrows candidates with --languages, over CHORUS_LANGUAGES', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chorus-detect-'))
    const file = join(dir, 'posts.jsonl')
    writeFileSync(file, `${JSON.stringify({ text: 'Der Zug nach Berlin hat heute leider eine Stunde Verspätung.' })}\n${JSON.stringify({ text: 'The train to Berlin is an hour late again today.' })}\n`)
    // CHORUS_LANGUAGES alone would make the English line und as well.
    const { code, stdout } = await chorus(['nlp', 'detect', '--file', file, '--languages', 'ar,fr,en'], '', { env: { CHORUS_LANGUAGES: 'de' } })
    expect(code).toBe(0)
    expect(lines(stdout).map((o) => o.lang)).toEqual(['und', 'en'])
  }, 60_000)

  it('fails with one line on stderr for an unknown language code or a missing file', async () => {
    const unknown = await chorus(['nlp', 'detect', '--languages', 'en,xx'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr.trim()).toMatch(/^chorus: --languages: unknown code\(s\) xx/)
    const missing = await chorus(['nlp', 'detect', '--file', '/nonexistent/posts.jsonl'])
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim()).toBe('chorus: cannot read /nonexistent/posts.jsonl: ENOENT')
    const directory = await chorus(['nlp', 'detect', '--file', tmpdir()])
    expect(directory.code).toBe(1)
    expect(directory.stderr.trim()).toBe(`chorus: cannot read ${tmpdir()}: it is a directory`)
  }, 60_000)

  it('reads standard input as --file -, a first line saved with a byte-order mark, bytes that are not UTF-8, and CHORUS_LANGUAGES as the ingest does', async () => {
    const input = [
      `\uFEFF${JSON.stringify({ text: 'Bonjour à tous, la réunion commence à neuf heures demain matin.' })}`,
      JSON.stringify({ text: 'Los refugiados en los campamentos necesitan ayuda urgente por la falta de comida y agua' }),
    ].join('\n')
    // A line saved as Latin-1, ending as Windows ends lines.
    const latin1 = Buffer.from(`${JSON.stringify({ text: 'Les réfugiés arrivent au camp de Calais ce matin avec leurs familles' })}\r\n`, 'latin1')
    const { code, stdout } = await chorus(['nlp', 'detect', '--file', '-'], Buffer.concat([Buffer.from(`${input}\n`), latin1]), { env: { CHORUS_LANGUAGES: 'en,fr' } })
    expect(code).toBe(0)
    expect(lines(stdout)).toEqual([
      { lang: 'fr', confidence: expect.any(Number) },
      { lang: 'und', confidence: 0 },
      { lang: 'fr', confidence: expect.any(Number), warning: 'line 3: 2 byte sequences not valid UTF-8 read as "\uFFFD"' },
    ])
  }, 60_000)

  it('stops quietly when its reader closes the pipe early', async () => {
    const many = `${JSON.stringify({ text: 'Bonjour à tous, la réunion commence à neuf heures.' })}\n`.repeat(20_000)
    const { code, stderr } = await chorus(['nlp', 'detect'], many, { firstChunkOnly: true })
    expect(stderr).toBe('')
    expect(code).toBe(0)
  }, 60_000)
})
