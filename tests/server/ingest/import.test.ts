import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import type { SqliteHandle } from '../../../server/db/sqlite'
import { detectKind, ImportError, importInput } from '../../../ingest/import'
import { createIngestContext, type IngestContext } from '../../../ingest/runner'
import { importMastodonPayload } from '../../../ingest/sources/mastodon/payload'

const FIXTURES = resolve(import.meta.dirname, '../../fixtures')
const CLI = resolve(import.meta.dirname, '../../../server/cli/chorus.mjs')
let db: Db
let sqlite: SqliteHandle
let context: IngestContext

beforeEach(async () => {
  ({ db, sqlite } = createDb(':memory:'))
  await migrateToLatest(db)
  context = createIngestContext(db, sqlite)
})

describe('import', () => {
  it('recognises each saved format by its content', () => {
    const read = (path: string) => readFileSync(join(FIXTURES, path))
    expect(detectKind('x.json', read('mastodon/mastodonpy_test_list_timeline.2.json'))).toBe('mastodon')
    expect(detectKind('x.json', read('bluesky/atproto_snap_getAuthorFeed.1.json'))).toBe('bluesky')
    expect(detectKind('feed.xml', Buffer.from('<rss/>'))).toBe('feed')
    expect(detectKind('export.csv', Buffer.from('a,b'))).toBe('csv')
    expect(() => detectKind('x.json', Buffer.from('{"something":"else"}'))).toThrow(ImportError)
  })

  it('imports a saved Mastodon timeline, and nothing the second time', async () => {
    const file = join(FIXTURES, 'mastodon/mastodonpy_test_list_timeline.2.json')
    const first = await importInput(context, file)
    expect(first.kind).toBe('mastodon')
    expect(first.inserted).toBeGreaterThan(0)
    expect(first.inserted + first.failed).toBe(first.fetched)
    const second = await importInput(context, file)
    expect(second).toMatchObject({ inserted: 0, duplicates: first.inserted })
  })

  it('imports Bluesky author feeds with their replies, quotes and reposts', async () => {
    for (const n of [1, 3]) {
      const result = await importInput(context, join(FIXTURES, `bluesky/atproto_snap_getAuthorFeed.${n}.json`))
      expect(result.inserted).toBeGreaterThan(0)
    }
    const kinds = await db.selectFrom('postRelations').select('kind').distinct().execute()
    expect(kinds.map((k) => k.kind).sort()).toEqual(['mention', 'quote', 'reply', 'repost'])
  })

  it('says in one line why an input cannot be read at all', async () => {
    await expect(importInput(context, '/nonexistent/file.json')).rejects.toThrow('no such file: /nonexistent/file.json')
    const dir = mkdtempSync(join(tmpdir(), 'chorus-import-'))
    writeFileSync(join(dir, 'broken.json'), '{"statuses": [')
    await expect(importInput(context, join(dir, 'broken.json'))).rejects.toThrow(ImportError)
  })
})

describe('an input that is not what its format says, or cut short', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chorus-unreadable-'))
  const statuses = JSON.parse(readFileSync(join(FIXTURES, 'mastodon/mastodonpy_test_list_timeline.2.json'), 'utf8')) as unknown[]

  it('refuses, in one line, a file that is not its format\'s at all, and stores no run', async () => {
    const csv = join(dir, 'export.csv')
    writeFileSync(csv, 'id,date,author,text\n1,2026-11-20T10:00:00Z,amina,hello\n2,2026-11-20T11:00:00Z,omar,bonjour\n')
    await expect(importInput(context, csv, { mapping: { text: 'nosuchcol' } })).rejects.toThrow(/export\.csv cannot be read as csv: the mapping names columns the file does not have \(text → "nosuchcol"\)/)
    await expect(importInput(context, join(FIXTURES, 'feeds/feedsmith/rss-20.xml'), { format: 'mastodon' }))
      .rejects.toThrow(/cannot be read as mastodon: not JSON/)
    await expect(importInput(context, join(FIXTURES, 'mastodon/mastodonpy_test_list_timeline.2.json'), { format: 'hn' }))
      .rejects.toThrow(/cannot be read as hackernews: not an Algolia HN Search response/)
    const cutInFirst = join(dir, 'first.json')
    writeFileSync(cutInFirst, JSON.stringify(statuses).slice(0, 60))
    await expect(importInput(context, cutInFirst, { format: 'mastodon' })).rejects.toThrow(/cannot be read as mastodon: not JSON/)
    expect(await db.selectFrom('ingestRuns').select('id').execute()).toEqual([])
  })

  it('keeps the complete items of a file cut short, and says the end was left out', async () => {
    const file = join(dir, 'cut.json')
    // Cut inside the third status, as a download that stopped would leave it.
    writeFileSync(file, JSON.stringify(statuses.slice(0, 3)).slice(0, JSON.stringify(statuses.slice(0, 2)).length + 40))
    const result = await importInput(context, file)
    const firstTwo = importMastodonPayload(Buffer.from(JSON.stringify(statuses.slice(0, 2))), {}).posts.length
    expect(result).toMatchObject({ kind: 'mastodon', inserted: firstTwo, failed: 1 })
    expect(firstTwo).toBeGreaterThanOrEqual(2)
    expect(result.failures[0]!.reason).toMatch(/^the file was cut short: the items before the incomplete end were read \(not JSON/)
    expect(result.fetched).toBe(result.inserted + 1)
  })
})

describe('importing an export with its own column names', () => {
  it('reads the columns given in the mapping and stores the posts under the platform named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chorus-csv-'))
    const file = join(dir, 'export.csv')
    writeFileSync(file, 'Identifiant;Contenu;Publié le;Compte\n1;Les réfugiés attendent #asile;2026-11-20T10:00:00Z;@amina@social.example\n2;Deuxième message;2026-11-20T11:00:00Z;@omar@social.example\n')
    const result = await importInput(context, file, {
      platform: 'mastodon',
      mapping: { externalId: 'Identifiant', text: 'Contenu', createdAt: 'Publié le', authorHandle: 'Compte' },
    })
    expect(result).toMatchObject({ kind: 'csv', inserted: 2, failed: 0 })
    const posts = await db.selectFrom('posts').innerJoin('authors', 'authors.id', 'posts.authorId')
      .select(['posts.platform', 'posts.text', 'authors.handle']).orderBy('posts.createdAt').execute()
    expect(posts[0]).toEqual({ platform: 'mastodon', text: 'Les réfugiés attendent #asile', handle: expect.stringContaining('amina') })
    expect(await db.selectFrom('postHashtags').select('tag').execute()).toEqual([{ tag: 'asile' }])
  })
})

describe('importing every real feed file', () => {
  const dir = join(FIXTURES, 'feeds')
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(xml|rss|atom|json)$/.test(f) && !f.includes('expected'))
  it.each(files)('%s gives posts or a clear reason, and nothing twice', async (file) => {
    let first
    try {
      first = await importInput(context, join(dir, file))
    }
    catch (error) {
      expect(error).toBeInstanceOf(ImportError)
      expect((error as Error).message).toMatch(/cannot be read as feed: .{10,}/)
      return
    }
    expect(first.inserted + first.duplicates + first.failed).toBe(first.fetched)
    // Posts, or for each item that could not be read, a reason.
    expect(first.inserted > 0 || first.failures.length > 0).toBe(true)
    for (const failure of first.failures) expect(failure.reason.length).toBeGreaterThan(10)
    const second = await importInput(context, join(dir, file))
    expect(second.inserted).toBe(0)
  })
})

describe('chorus import (CLI contract)', () => {
  it('prints counts as JSON, exits 0, and inserts 0 when run again', () => {
    const dbFile = join(mkdtempSync(join(tmpdir(), 'chorus-cli-')), 'chorus.db')
    spawnSync(process.execPath, [CLI, 'migrate', '--db', dbFile])
    const file = join(FIXTURES, 'mastodon/mastodonpy_test_list_timeline.2.json')
    const run = () => spawnSync(process.execPath, [CLI, 'import', file, '--json', '--db', dbFile], { encoding: 'utf8' })
    const first = run()
    expect(first.status, first.stderr).toBe(0)
    const counts = JSON.parse(first.stdout)
    expect(counts).toMatchObject({ kind: 'mastodon', failures: [] })
    expect(counts.inserted).toBeGreaterThan(0)
    expect(JSON.parse(run().stdout)).toMatchObject({ inserted: 0, duplicates: counts.inserted })
    const missing = spawnSync(process.execPath, [CLI, 'import', '/nonexistent.xml', '--db', dbFile], { encoding: 'utf8' })
    expect(missing.status).toBe(1)
    expect(missing.stderr.trim().split('\n')).toEqual(['chorus: no such file: /nonexistent.xml'])
  }, 60_000)
})
