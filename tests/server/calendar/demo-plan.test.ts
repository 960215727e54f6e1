import { describe, expect, it } from 'vitest'
import { seedDemoCalendar } from '../../../server/cli/demo-calendar'
import { createTopics } from '../../../server/db/repositories/topics'
import { DEMO_TOPICS } from '../../../ingest/demo'
import { anAccount, freshDb } from '../support'

// The demo's plan is the first calendar people see: a version shown as in review, scheduled or
// published with "No text yet" under it reads as a broken page.

describe('the demo plan', () => {
  it('gives every version past drafting its text, in its own language', async () => {
    const db = await freshDb()
    for (const role of ['admin', 'analyst', 'editor'] as const) await anAccount(db, role)
    await createTopics(db, DEMO_TOPICS, new Date('2026-11-22T10:00:00Z'))
    const added = await seedDemoCalendar(db, new Date('2026-11-22T00:00:00Z'), new Date('2026-11-22T10:00:00Z'))
    expect(added).toBeGreaterThan(0)

    const versions = await db.selectFrom('contentVersions').select(['lang', 'status', 'body']).execute()
    const advanced = versions.filter((version) => ['review', 'scheduled', 'published'].includes(version.status))
    expect(advanced.length).toBeGreaterThan(0)
    expect(advanced.filter((version) => version.body.trim() === '')).toEqual([])
    // Each text is the version's own: no two languages share a body.
    expect(new Set(advanced.map((version) => version.body)).size).toBe(advanced.length)
    expect(advanced.find((version) => version.lang === 'fr')?.body).toMatch(/ l’/)
  })

  it('is seeded once: an instance with a plan is left alone', async () => {
    const db = await freshDb()
    await anAccount(db, 'editor')
    const first = await seedDemoCalendar(db, new Date('2026-11-22T00:00:00Z'), new Date('2026-11-22T10:00:00Z'))
    expect(first).toBeGreaterThan(0)
    expect(await seedDemoCalendar(db, new Date('2026-11-22T00:00:00Z'), new Date('2026-11-22T10:00:00Z'))).toBe(0)
  })
})
