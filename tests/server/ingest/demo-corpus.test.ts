import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import { loadDemoCorpus } from '../../../server/cli/demo-corpus'

describe('the demo corpus', () => {
  it('arrives as wire-format files read back through the adapters, with every relation kind and its languages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chorus-demo-'))
    const { db, sqlite } = createDb(':memory:')
    await migrateToLatest(db)
    await loadDemoCorpus(db, sqlite, join(dir, 'corpus'), { posts: 3000, seed: 7 })

    const files = readdirSync(join(dir, 'corpus'))
    expect(files.some((f) => f.endsWith('.xml'))).toBe(true)
    expect(files).toContain('manifest.json')
    const platforms = await db.selectFrom('posts').select('platform').distinct().execute()
    expect(platforms.map((p) => p.platform).sort()).toEqual(['bluesky', 'mastodon', 'reddit', 'rss'])
    const total = await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(total.n).toBeGreaterThan(2800)
    const kinds = await db.selectFrom('postRelations').select('kind').distinct().execute()
    expect(kinds.map((k) => k.kind).sort()).toEqual(['mention', 'quote', 'reply', 'repost'])
    const langs = await db.selectFrom('posts').select('declaredLang').distinct().where('declaredLang', 'is not', null).execute()
    expect(langs.map((l) => l.declaredLang!.slice(0, 2))).toEqual(expect.arrayContaining(['ar', 'fr', 'es', 'sw', 'pt', 'hi', 'en', 'ja']))
    // Overlapping pages repeat posts; a repeat is stored once, tagged, with its raw payload.
    const raw = await db.selectFrom('posts').leftJoin('postRaw', 'postRaw.postId', 'posts.id').select(['posts.lang', 'postRaw.payload']).execute()
    expect(raw.every((r) => r.lang !== null && r.payload !== null && typeof JSON.parse(r.payload) === 'object')).toBe(true)
    const failed = await db.selectFrom('ingestFailures').select('reason').execute()
    expect(failed).toEqual([])
    const run = await db.selectFrom('ingestRuns').select(['status', 'inserted', 'duplicates']).executeTakeFirstOrThrow()
    expect(run).toMatchObject({ status: 'ok', inserted: Number(total.n) })
    expect(run.duplicates).toBeGreaterThan(0)
    sqlite.close()
  }, 60_000)
})
