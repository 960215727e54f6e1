import { beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db'
import type { PublicUser } from '../../../server/db/repositories/users'
import { CONTENT_STATUSES, type ContentStatus, itemProgress, itemStatus, nextStatus } from '../../../shared/calendar'
import { anAccount, callerAs, freshDb } from '../support'
import { anItem, codeOf } from './builders'

// The item's status is its least advanced version's, computed when read and stored nowhere.

describe('itemStatus', () => {
  it('is the least advanced version’s status', () => {
    expect(itemStatus([{ status: 'published' }, { status: 'translating' }, { status: 'review' }])).toBe('translating')
    expect(itemStatus([{ status: 'scheduled' }])).toBe('scheduled')
    expect(itemStatus([{ status: 'published' }, { status: 'published' }])).toBe('published')
  })

  it('walks the steps in order and stops after published', () => {
    const walked: ContentStatus[] = [CONTENT_STATUSES[0]]
    for (let next = nextStatus(walked[0]!); next; next = nextStatus(next)) walked.push(next)
    expect(walked).toEqual(['idea', 'drafting', 'translating', 'review', 'scheduled', 'published'])
  })

  it('measures progress as the share of steps taken by all versions', () => {
    expect(itemProgress([{ status: 'idea' }, { status: 'idea' }])).toBe(0)
    expect(itemProgress([{ status: 'published' }, { status: 'idea' }])).toBe(0.5)
    expect(itemProgress([{ status: 'published' }])).toBe(1)
  })
})

describe('derived status through the procedures', () => {
  let db: Db
  let editor: PublicUser
  beforeEach(async () => {
    db = await freshDb()
    editor = await anAccount(db, 'editor')
  })

  it('follows its versions as they move, and has no column of its own', async () => {
    const caller = callerAs(db, editor)
    const { id } = await caller.calendar.create(anItem(editor.id))
    expect((await caller.calendar.get({ id })).status).toBe('idea')

    await caller.calendar.saveVersion({ itemId: id, lang: 'sw', title: 'Kipindupindu', status: 'review' })
    expect((await caller.calendar.get({ id })).status).toBe('drafting')
    await caller.calendar.saveVersion({ itemId: id, lang: 'fr', title: 'Choléra', status: 'scheduled' })
    const item = await caller.calendar.get({ id })
    expect(item.status).toBe('review')
    expect(item.versions.map((v) => [v.lang, v.status])).toEqual([['en', 'review'], ['fr', 'scheduled'], ['sw', 'review']])

    // Removing the least advanced version moves the item on.
    await caller.calendar.saveVersion({ itemId: id, lang: 'en', title: 'Cholera', status: 'idea' })
    expect((await caller.calendar.get({ id })).status).toBe('idea')
    await caller.calendar.removeVersion({ itemId: id, lang: 'en' })
    expect((await caller.calendar.get({ id })).status).toBe('review')

    const columns = (await db.introspection.getTables()).find((table) => table.name === 'content_items')!.columns.map((c) => c.name)
    expect(columns).not.toContain('status')
  })

  it('keeps at least one version', async () => {
    const caller = callerAs(db, editor)
    const { id } = await caller.calendar.create(anItem(editor.id, { versions: [{ lang: 'en' }] }))
    expect(await codeOf(caller.calendar.removeVersion({ itemId: id, lang: 'en' }))).toBe('PRECONDITION_FAILED')
    expect(await codeOf(caller.calendar.removeVersion({ itemId: id, lang: 'fr' }))).toBe('NOT_FOUND')
  })

  it('filters by a version’s language and status together', async () => {
    const caller = callerAs(db, editor)
    const a = await caller.calendar.create(anItem(editor.id, { title: 'A', versions: [{ lang: 'fr', status: 'review' }, { lang: 'en', status: 'idea' }] }))
    const b = await caller.calendar.create(anItem(editor.id, { title: 'B', channels: ['newsletter'], versions: [{ lang: 'fr', status: 'idea' }, { lang: 'en', status: 'review' }] }))
    const range = { from: '2027-03-01T00:00:00Z', to: '2027-04-01T00:00:00Z' }
    const ids = async (filters: object) => (await caller.calendar.list({ ...range, filters })).map((item) => item.id)
    expect(await ids({ langs: ['fr'], statuses: ['review'] })).toEqual([a.id])
    expect(await ids({ langs: ['en'], statuses: ['review'] })).toEqual([b.id])
    expect(await ids({ langs: ['fr'] })).toEqual([a.id, b.id])
    expect(await ids({ langs: ['sw'] })).toEqual([])
    expect(await ids({ channels: ['newsletter'] })).toEqual([b.id])
    expect(await ids({ ownerIds: [editor.id + 100] })).toEqual([])
    // A filtered item still comes with all its versions.
    expect((await caller.calendar.list({ ...range, filters: { langs: ['fr'] } }))[0]!.versions).toHaveLength(2)
  })
})
