import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { createDb } from '../../../server/db'
import { createMigrator } from '../../../server/db/migrations'
import { anAccount, callerAs } from '../support'

// A database with posts from before the monitor existed gets them indexed and counted on upgrade.
it('indexes and counts the posts stored before the upgrade', async () => {
  const { db } = createDb(':memory:')
  const migrator = createMigrator(db)
  expect((await migrator.migrateTo('2026-11-22c-nlp')).error).toBeUndefined()
  await sql`insert into authors (id, platform, external_id, handle, first_seen_at, updated_at) values
    (1, 'mastodon', 'a', '@a', '2026-11-01', '2026-11-01'), (2, 'mastodon', 'b', '@b', '2026-11-01', '2026-11-01')`.execute(db)
  await sql`insert into posts (platform, external_id, kind, author_id, text, created_at, ingested_at, lang, likes, reposts, sentiment_label) values
    ('mastodon', 'p1', 'post', 1, 'Les réfugiés attendent', '2026-11-10T10:00:00.000Z', '2026-11-10', 'fr', 3, 1, 'negative'),
    ('mastodon', 'p2', 'post', 2, 'Refugees wait at the border', '2026-11-11T10:00:00.000Z', '2026-11-11', 'en', 5, null, null),
    ('bluesky', 'p3', 'post', 2, 'Another day', '2026-11-11T12:00:00.000Z', '2026-11-11', 'en', null, null, null)`.execute(db)
  expect((await migrator.migrateToLatest()).error).toBeUndefined()

  const caller = callerAs(db, await anAccount(db, 'viewer'))
  const filters = { from: '2026-11-01', to: '2026-11-30' }
  const found = await caller.conversations.search({ filters, q: 'refugies OR refugees' })
  expect(found.posts.map((p) => p.text)).toEqual(['Refugees wait at the border', 'Les réfugiés attendent'])
  expect(found.posts.map((p) => p.engagement)).toEqual([5, 4])
  const { current } = await caller.monitor.summary({ filters })
  expect(current).toMatchObject({ posts: 3, authors: 2, engagement: 9, languages: 2, sentiment: { negative: 1, none: 2, positive: 0, neutral: 0 } })
})
