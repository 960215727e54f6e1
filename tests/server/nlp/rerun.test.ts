import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import type { SqliteHandle } from '../../../server/db/sqlite'
import { createTopics } from '../../../server/db/repositories/topics'
import { rerunNlp } from '../../../ingest/nlp/rerun'
import { Tagger } from '../../../ingest/nlp/tagger'
import { aPost, anAuthor } from '../ingest/builders'
import { anAccount, callerAs, storePosts } from '../support'

// Running the NLP pass again over stored posts must leave exactly what importing them with the
// newer tagger would have: the posts' languages and sentiment, the topic matches and every
// rollup the charts read, with an analyst's correction standing.

const now = new Date('2026-11-22T10:00:00Z')
const TOPICS = [
  { name: 'Refugees', color: '#0f766e', queries: [{ lang: 'en', query: 'refugee*' }, { lang: 'fr', query: 'réfugié*' }, { lang: 'es', query: 'refugiad*' }] },
  { name: 'Cholera', color: '#c2410c', queries: [{ lang: '*', query: 'cholera OR choléra OR cólera OR kipindupindu' }] },
]
const original = aPost('fr-1', { text: 'Des milliers de réfugiés ont franchi la frontière cette semaine, une catastrophe terrible.', declaredLang: 'en', createdAt: '2026-11-20T09:40:00.000Z', hashtags: ['urgence'] })
const POSTS = [
  aPost('en-1', { text: 'Thousands of refugees crossed the border this week, a terrible disaster.', createdAt: '2026-11-20T09:10:00.000Z', hashtags: ['refugees'] }),
  original,
  aPost('boost', { kind: 'repost', text: '', declaredLang: null, author: anAuthor('b'), createdAt: '2026-11-20T10:00:00.000Z', relations: [{ kind: 'repost', targetPostExternalId: original.externalId }] }),
  aPost('es-1', { text: 'Los refugiados llegan al campamento con hambre y miedo, una situación horrible.', author: anAuthor('c'), declaredLang: 'es', createdAt: '2026-11-21T08:00:00.000Z' }),
  aPost('sw-1', { text: 'Visa vya kipindupindu vimeongezeka sana katika kambi ya wakimbizi wiki hii.', author: anAuthor('d'), declaredLang: 'en', createdAt: '2026-11-21T12:30:00.000Z' }),
  aPost('en-2', { text: 'Cholera cases are rising fast in the camps, and the clinics are wonderful.', author: anAuthor('c'), createdAt: '2026-11-21T13:00:00.000Z' }),
]

let older: Tagger
let newer: Tagger

beforeAll(async () => {
  older = await Tagger.create({ topics: [], languages: ['en'] })
  newer = await Tagger.create({ topics: [], languages: ['en', 'fr', 'es', 'sw'] })
})

/** A database with POSTS imported by `tagger` and one sentiment corrected by an analyst. */
async function imported(tagger: Tagger, file = ':memory:'): Promise<{ db: Db, sqlite: SqliteHandle }> {
  const opened = createDb(file)
  await migrateToLatest(opened.db)
  const topics = await createTopics(opened.db, TOPICS, now)
  tagger.setTopics(topics)
  storePosts(opened, tagger, POSTS, now)
  const analyst = callerAs(opened.db, await anAccount(opened.db, 'analyst'))
  const id = (await opened.db.selectFrom('posts').select('id').where('externalId', '=', POSTS[0]!.externalId).executeTakeFirstOrThrow()).id
  await analyst.posts.setSentiment({ id, label: 'positive' })
  return opened
}

async function derived(db: Db) {
  return {
    posts: await db.selectFrom('posts').select(['id', 'lang', 'langConfidence', 'sentimentScore', 'sentimentLabel', 'sentimentCorrected']).orderBy('id').execute(),
    postTopics: await db.selectFrom('postTopics').selectAll().orderBy('postId').orderBy('topicId').execute(),
    volumeHourly: await db.selectFrom('volumeHourly').selectAll().orderBy('hour').orderBy('topicId').orderBy('lang').orderBy('platform').execute(),
    termDaily: await db.selectFrom('termDaily').selectAll().orderBy('day').orderBy('lang').orderBy('term').execute(),
    dailyStats: await db.selectFrom('dailyStats').selectAll().orderBy('day').orderBy('topicId').orderBy('lang').orderBy('sentiment').execute(),
    dailyAuthors: await db.selectFrom('dailyAuthors').selectAll().orderBy('day').orderBy('topicId').orderBy('lang').orderBy('sentiment').execute(),
  }
}

describe('running the NLP pass again over stored posts', () => {
  it('leaves what an import with the newer tagger would have, the analyst\'s correction standing', async () => {
    const stale = await imported(older)
    const fresh = await imported(newer)
    const before = await derived(stale.db)
    // The older tagger worked in English only: the others' posts, and the boost, were undetermined.
    expect(before.posts.map((post) => post.lang)).toEqual(['en', 'und', 'und', 'und', 'und', 'en'])
    const progress: number[] = []
    const summary = await rerunNlp(stale.db, newer, { chunk: 4, onProgress: (done) => progress.push(done) })
    expect(summary).toMatchObject({ posts: 6, languages: 4 })
    expect(progress).toEqual([0, 4, 6])
    const after = await derived(stale.db)
    expect(after.posts.map((post) => post.lang)).toEqual(['en', 'fr', 'fr', 'es', 'sw', 'en'])
    expect(after.posts[0]).toMatchObject({ sentimentCorrected: 'positive' })
    const expected = await derived(fresh.db)
    // The correction moved a post to another cell; the sketch of the cell it left cannot forget
    // it, and stays with no count beside it. The pass again builds sketches from the posts alone.
    const counted = new Set(expected.dailyStats.map((cell) => JSON.stringify([cell.day, cell.topicId, cell.lang, cell.platform, cell.sourceId, cell.sentiment])))
    const orphans = expected.dailyAuthors.filter((cell) => cell.lang !== '*' && !counted.has(JSON.stringify([cell.day, cell.topicId, cell.lang, cell.platform, cell.sourceId, cell.sentiment])))
    expect(orphans.map((cell) => cell.sentiment)).toEqual(['negative', 'negative'])
    expected.dailyAuthors = expected.dailyAuthors.filter((cell) => !orphans.includes(cell))
    for (const table of Object.keys(expected) as (keyof typeof expected)[]) expect(after[table], table).toEqual(expected[table])
  })

  it('changes nothing when stopped half-way', async () => {
    const stale = await imported(older)
    const before = await derived(stale.db)
    let calls = 0
    await expect(rerunNlp(stale.db, newer, {
      chunk: 2,
      onProgress: () => {
        if (++calls === 3) throw new Error('stopped')
      },
    })).rejects.toThrow('stopped')
    expect(await derived(stale.db)).toEqual(before)
  })

  it('is a command that shows its progress and says what changed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chorus-rerun-')), 'chorus.db')
    ;(await imported(older, file)).sqlite.close()
    const cli = resolve(import.meta.dirname, '../../../server/cli/chorus.mjs')
    const run = spawnSync(process.execPath, [cli, 'nlp', 'rerun', '--db', file], { encoding: 'utf8', env: { ...process.env, CHORUS_LANGUAGES: 'en,fr,es,sw' } })
    expect(run.stderr).toBe('nlp rerun: 100%\n')
    expect(run.stdout).toBe('ran the NLP pass again over 6 posts: 4 changed language, 2 changed sentiment; 5 topic matches (5 before)\n')
    expect(run.status).toBe(0)
    const { db, sqlite } = createDb(file, { mustExist: true })
    expect((await derived(db)).posts.map((post) => post.lang)).toEqual(['en', 'fr', 'fr', 'es', 'sw', 'en'])
    sqlite.close()
  }, 60_000)
})
