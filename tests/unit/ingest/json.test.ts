import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { completePrefix, parseJsonBytes } from '../../../ingest/json'

const bytes = (text: string) => Buffer.from(text, 'utf8')
/** What a plain decode and parse gives: the reference every case must match. */
const plain = (body: Buffer) => JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''))

describe('parseJsonBytes', () => {
  it('reads text in every script as written, in values and keys', () => {
    // Real web text in 33 languages, written out as UTF-8 (not escaped), as Mastodon and Bluesky send it.
    const lines = readFileSync(new URL('../../fixtures/langid/sample.jsonl', import.meta.url), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { text: string, lang: string })
    const page = lines.map(({ text, lang }) => ({ content: `<p>${text}</p>`, language: lang, tags: [text.slice(0, 12)], [`名前 ${lang}`]: { display_name: `${text.slice(0, 5)} 👋` }, n: 1.5, ok: true, none: null }))
    const body = bytes(JSON.stringify(page))
    expect(parseJsonBytes(body)).toEqual(page)
    expect(Object.keys(parseJsonBytes(body) as object[])).toEqual(Object.keys(page))
    expect(Object.keys((parseJsonBytes(body) as Record<string, unknown>[])[0]!)).toEqual(Object.keys(page[0]!))
  })

  it('reads escapes beside raw characters, as Reddit and Python exports write them', () => {
    const cases = [
      '{"a": "caf\\u00e9 ✓", "b": "naïve"}',
      '{"a": "\\u2014 déjà \\ud83d\\ude00 😀"}',
      '{"content": "\\u003cp\\u003eOlá \\u0026 adeus\\u003c/p\\u003e"}',
      '["\\\\u00e9 is not an escape", "ü"]',
      '"só uma string"',
      '{"\\u00fcber": "ü", "ü": "\\u00fc"}',
    ]
    for (const text of cases) expect(parseJsonBytes(bytes(text))).toEqual(JSON.parse(text))
  })

  it('keeps a "__proto__" key as data, as JSON.parse does', () => {
    // The second object has a key to decode, so its keys are written anew.
    const value = parseJsonBytes(bytes('{"__proto__": "é", "x": {"__proto__": {"polluted": "ñ"}, "ü": 1}}')) as { x: Record<string, unknown> }
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe('é')
    expect(Object.getOwnPropertyDescriptor(value.x, '__proto__')?.value).toEqual({ polluted: 'ñ' })
    expect(Object.keys(value.x)).toEqual(['__proto__', 'ü'])
    expect(Object.getPrototypeOf(value.x)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('ignores a byte-order mark and reads invalid UTF-8 with replacement characters', () => {
    const withBom = Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), bytes('{"t": "مرحبا"}')])
    expect(parseJsonBytes(withBom)).toEqual({ t: 'مرحبا' })
    const invalid = Buffer.concat([bytes('{"t": "ok '), Buffer.from([0xC3, 0x28, 0xFF]), bytes(' é"}')])
    expect(parseJsonBytes(invalid)).toEqual(plain(invalid))
    expect((parseJsonBytes(invalid) as { t: string }).t).toContain('\uFFFD')
  })

  it('fails as JSON.parse does, counting the position in characters, not bytes', () => {
    const broken = bytes('{"t": "déjà vu", oops}')
    expect(() => parseJsonBytes(broken)).toThrow(SyntaxError)
    expect(() => parseJsonBytes(broken)).toThrow('position 17')
    let message = ''
    try {
      plain(broken)
    }
    catch (error) {
      message = (error as Error).message
    }
    expect(() => parseJsonBytes(broken)).toThrow(message)
  })

  it('survives nesting deeper than the call stack', () => {
    const depth = 200_000
    const body = bytes(`${'['.repeat(depth)}"é"${']'.repeat(depth)}`)
    let value = parseJsonBytes(body)
    for (let i = 0; i < depth; i++) value = (value as unknown[])[0]
    expect(value).toBe('é')
  })
})

describe('completePrefix', () => {
  it('keeps the elements completed before the cut, in nested arrays too, and closes what was open', () => {
    expect(completePrefix('[{"a":1},{"b":"x}]"},{"c":')).toEqual({ json: '[{"a":1},{"b":"x}]"}]', rest: '{"c":' })
    const hits = completePrefix('{"hits":[{"id":1},{"id":2,"t":"a\\"b')!
    expect(JSON.parse(hits.json)).toEqual({ hits: [{ id: 1 }] })
  })

  it('finds nothing in a text that is not cut short, or cut before its first element ends', () => {
    expect(completePrefix('[{"a":1} x,{"b":2}]')).toBeNull()
    expect(completePrefix('[{"a":1')).toBeNull()
    expect(completePrefix('{"a":[1,2')).toBeNull()
  })
})
