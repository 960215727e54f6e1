import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_FACTS, demoFacts, demoPayloads, type DemoOptions, writeDemoCorpus } from '../../../../ingest/demo'

const END = new Date('2026-01-05T00:00:00Z')

function fingerprint(options: DemoOptions): { hash: string, payloads: number, items: number } {
  const hash = createHash('sha256')
  let payloads = 0
  let items = 0
  for (const payload of demoPayloads(options)) {
    hash.update(`${payload.format}\n${payload.name}\n${payload.body}\n`)
    payloads++
    items += payload.posts
  }
  return { hash: hash.digest('hex'), payloads, items }
}

describe('demo options', () => {
  it('refuses counts and seeds that make no sense', () => {
    expect(() => demoPayloads({ posts: 0 }).next()).toThrow(RangeError)
    expect(() => demoPayloads({ posts: 1.5 }).next()).toThrow(RangeError)
    expect(() => demoPayloads({ weeks: 0 }).next()).toThrow(RangeError)
    expect(() => demoPayloads({ seed: Number.NaN }).next()).toThrow(RangeError)
    expect(() => demoPayloads({ end: new Date('not a date') }).next()).toThrow(RangeError)
  })

  it('ends the window at midnight UTC today unless told otherwise', () => {
    const facts = demoFacts({}, () => new Date('2026-05-17T15:42:00Z'))
    expect(facts.end).toBe('2026-05-17T00:00:00.000Z')
    expect(facts.start).toBe('2026-03-22T00:00:00.000Z')
    expect(facts.spike.start > facts.start && facts.spike.end < facts.end).toBe(true)
  })

  it('names the communities, their influencers and the spike without a date', () => {
    expect(DEMO_FACTS.communities.length).toBeGreaterThanOrEqual(7)
    expect(DEMO_FACTS.spike).toMatchObject({ language: 'sw', topic: 'health', hashtag: 'kipindupindu' })
    for (const community of DEMO_FACTS.communities) expect(community.influencers.length).toBeGreaterThanOrEqual(3)
    expect(DEMO_FACTS.communities.flatMap((c) => c.bridges).length).toBeGreaterThanOrEqual(6)
  })

  it('makes a tiny corpus too', () => {
    const tiny = fingerprint({ posts: 25, weeks: 1, end: END })
    expect(tiny.items).toBe(25)
  })
})

describe('determinism', () => {
  it('gives byte-identical payloads for the same seed and options', () => {
    const first = fingerprint({ seed: 42, posts: 5_000, end: END })
    const second = fingerprint({ seed: 42, posts: 5_000, end: END })
    expect(second).toEqual(first)
    expect(first.items).toBe(5_000)
  }, 60_000)

  it('gives a different corpus for another seed', () => {
    expect(fingerprint({ seed: 43, posts: 5_000, end: END }).hash).not.toBe(fingerprint({ seed: 42, posts: 5_000, end: END }).hash)
  }, 60_000)
})

describe('writeDemoCorpus', () => {
  let dir = ''
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('writes one file per payload and a manifest that lists them in order', async () => {
    dir = await mkdtemp(join(tmpdir(), 'chorus-demo-'))
    const progress: number[] = []
    const manifest = await writeDemoCorpus(dir, { seed: 5, posts: 3_000, end: END }, (p) => progress.push(p.posts))
    const files = (await readdir(dir)).filter((f) => f !== 'manifest.json').sort()
    expect(manifest.files.map((f) => f.file)).toEqual(files)
    expect(manifest.files.reduce((sum, f) => sum + f.posts, 0)).toBe(3_000)
    expect(manifest.posts).toBe(3_000)
    for (const entry of manifest.files) {
      expect(entry.file).toMatch(new RegExp(`^\\d{5}-${entry.format}-[A-Za-z0-9._-]+\\.(json|xml)$`))
      expect(new URL(entry.origin).protocol).toBe('https:')
    }
    expect(progress.at(-1)).toBe(3_000)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    const written = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as typeof manifest
    expect(written).toEqual(manifest)
    const first = manifest.files[0]!
    expect(await readFile(join(dir, first.file), 'utf8')).toBe(demoPayloads({ seed: 5, posts: 3_000, end: END }).next().value!.body)
  }, 60_000)
})
