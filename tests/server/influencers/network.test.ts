import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import type { SqliteHandle } from '../../../server/db/sqlite'
import { authorActivity, authorTexts, interactions, type NetworkScope } from '../../../server/db/repositories/network'
import { Tagger } from '../../../ingest/nlp/tagger'
import { storePosts } from '../support'
import type { NormalisedPost } from '../../../ingest/types'
import { aPost, anAuthor } from '../ingest/builders'

// The rows a network snapshot is built from: interactions between authors summed per pair,
// and what each author did in the same scope.

let db: Db
let sqlite: SqliteHandle
const now = new Date('2026-11-22T10:00:00Z')
const scope: NetworkScope = { topicId: null, lang: null, from: '2026-11-01', to: '2026-11-22' }

let tagger: Tagger

// Loading the language models takes seconds on a busy machine.
beforeAll(async () => {
  tagger = await Tagger.create({ topics: [] })
}, 60_000)

beforeEach(async () => {
  ({ db, sqlite } = createDb(':memory:'))
  await migrateToLatest(db)
})

const store = (posts: NormalisedPost[]) => storePosts({ db, sqlite }, tagger, posts, now)

const ana = anAuthor('ana')
const ben = anAuthor('ben', { followers: 900 })
const cy = anAuthor('cy')
const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`

async function idOf(handle: string) {
  return (await db.selectFrom('authors').select('id').where('handle', '=', `@${handle}@example.social`).executeTakeFirstOrThrow()).id
}

describe('network rows', () => {
  it('sums mentions, replies and reposts per pair of authors, whatever names the target', async () => {
    await store([
      aPost('b1', { author: ben, text: 'Shelter report out today #Refugees', hashtags: ['refugees'], createdAt: at(10), metrics: { likes: 10, reposts: 2, replies: 1, quotes: 0 } }),
      aPost('a1', { author: ana, text: 'Thanks @ben', createdAt: at(11), relations: [{ kind: 'mention', targetAuthor: ben }] }),
      aPost('a2', { author: ana, text: 'Agreed', createdAt: at(12), relations: [{ kind: 'reply', targetPostExternalId: 'https://example.social/users/a/statuses/b1' }] }),
      aPost('c1', { author: cy, text: 'Read this @ana @ben', createdAt: at(12), relations: [{ kind: 'mention', targetAuthor: ana }, { kind: 'mention', targetAuthor: ben }] }),
      // A self-reply continues a thread: it is no interaction (its one like counts as engagement).
      aPost('b2', { author: ben, text: 'More below', createdAt: at(13), relations: [{ kind: 'reply', targetPostExternalId: 'https://example.social/users/a/statuses/b1' }] }),
      // Outside the period.
      aPost('a3', { author: ana, text: 'Old @ben', createdAt: '2026-10-01T10:00:00.000Z', relations: [{ kind: 'mention', targetAuthor: ben }] }),
    ])
    const [a, b, c] = [await idOf('ana'), await idOf('ben'), await idOf('cy')]
    const rows = (await interactions(db, scope)).sort((x, y) => x.sourceId - y.sourceId || x.targetId - y.targetId)
    expect(rows).toEqual([
      { sourceId: a, targetId: b, weight: 2, mentions: 1, replies: 1, reposts: 0, quotes: 0 },
      { sourceId: c, targetId: a, weight: 1, mentions: 1, replies: 0, reposts: 0, quotes: 0 },
      { sourceId: c, targetId: b, weight: 1, mentions: 1, replies: 0, reposts: 0, quotes: 0 },
    ].sort((x, y) => x.sourceId - y.sourceId || x.targetId - y.targetId))

    const activity = await authorActivity(db, scope, [a, b, c])
    const benActivity = activity.find((row) => row.authorId === b)!
    expect(benActivity).toMatchObject({ handle: '@ben@example.social', followers: 900, activity: 2, engagement: 14 })
    expect(activity.find((row) => row.authorId === a)).toMatchObject({ activity: 2 })

    const texts = await authorTexts(db, scope, [b], 1)
    expect(texts).toEqual([expect.objectContaining({ authorId: b, text: 'More below', hashtags: [] })])
    const all = await authorTexts(db, scope, [b])
    expect(all.flatMap((row) => row.hashtags)).toEqual(['refugees'])
  })

  it('keeps to one language when asked', async () => {
    await store([
      aPost('b1', { author: ben, text: 'Hello', createdAt: at(10) }),
      aPost('a1', { author: ana, text: 'Merci beaucoup @ben pour ce rapport sur les réfugiés', declaredLang: 'fr', createdAt: at(11), relations: [{ kind: 'mention', targetAuthor: ben }] }),
      aPost('c1', { author: cy, text: 'Thanks a lot @ben for the report on refugees', declaredLang: 'en', createdAt: at(11), relations: [{ kind: 'mention', targetAuthor: ben }] }),
    ])
    const rows = await interactions(db, { ...scope, lang: 'fr' })
    expect(rows).toEqual([expect.objectContaining({ sourceId: await idOf('ana'), targetId: await idOf('ben'), weight: 1 })])
  })
})
