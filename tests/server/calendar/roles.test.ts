import { beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db'
import type { PublicUser } from '../../../server/db/repositories/users'
import { anAccount, callerAs, freshDb } from '../support'
import { anItem, codeOf } from './builders'

// Editors and admins plan and edit any item; analysts may plan, and edit only what they
// created; viewers read.

let db: Db
let admin: PublicUser
let editor: PublicUser
let analyst: PublicUser
let viewer: PublicUser
beforeEach(async () => {
  db = await freshDb()
  admin = await anAccount(db, 'admin')
  editor = await anAccount(db, 'editor')
  analyst = await anAccount(db, 'analyst')
  viewer = await anAccount(db, 'viewer')
})

const RANGE = { from: '2027-03-01T00:00:00.000Z', to: '2027-04-01T00:00:00.000Z' }

describe('calendar roles', () => {
  it('answers UNAUTHORIZED without a session', async () => {
    expect(await codeOf(callerAs(db, null).calendar.list(RANGE))).toBe('UNAUTHORIZED')
    expect(await codeOf(callerAs(db, null).calendar.create(anItem(1)))).toBe('UNAUTHORIZED')
  })

  it('lets a viewer read the calendar and an item, and refuses every change as FORBIDDEN', async () => {
    const { id } = await callerAs(db, editor).calendar.create(anItem(editor.id))
    const asViewer = callerAs(db, viewer)
    expect((await asViewer.calendar.list(RANGE)).map((item) => item.id)).toEqual([id])
    const item = await asViewer.calendar.get({ id })
    expect(item.canEdit).toBe(false)
    expect((await asViewer.calendar.options()).canCreate).toBe(false)

    expect(await codeOf(asViewer.calendar.create(anItem(viewer.id)))).toBe('FORBIDDEN')
    expect(await codeOf(asViewer.calendar.reschedule({ id, publishLocal: '2027-03-27T09:00' }))).toBe('FORBIDDEN')
    expect(await codeOf(asViewer.calendar.saveVersion({ itemId: id, lang: 'en', status: 'published' }))).toBe('FORBIDDEN')
    expect(await codeOf(asViewer.calendar.remove({ id }))).toBe('FORBIDDEN')
    expect(await codeOf(asViewer.calendar.draftFromGap({ topicId: 1, lang: 'sw', title: 'x', timeZone: 'UTC' }))).toBe('FORBIDDEN')
  })

  it.each([['editor'], ['admin']] as const)('lets an %s edit items anyone created', async (role) => {
    const { id } = await callerAs(db, analyst).calendar.create(anItem(analyst.id))
    const user = role === 'editor' ? editor : admin
    const caller = callerAs(db, user)
    expect((await caller.calendar.get({ id })).canEdit).toBe(true)
    await caller.calendar.reschedule({ id, publishLocal: '2027-03-27T09:00' })
    await caller.calendar.saveVersion({ itemId: id, lang: 'fr', title: 'Choléra', status: 'review' })
    await caller.calendar.remove({ id })
    expect(await codeOf(caller.calendar.get({ id }))).toBe('NOT_FOUND')
  })

  it('lets an analyst create and edit their own items but not an editor’s', async () => {
    const asAnalyst = callerAs(db, analyst)
    const own = await asAnalyst.calendar.create(anItem(editor.id, { title: 'Spotted in the stream' }))
    // Handing the item to an editor as owner does not take it from its creator.
    expect((await asAnalyst.calendar.get({ id: own.id })).canEdit).toBe(true)
    await asAnalyst.calendar.saveVersion({ itemId: own.id, lang: 'sw', status: 'drafting' })
    await asAnalyst.calendar.reschedule({ id: own.id, publishLocal: '2027-03-30T11:00' })

    const theirs = await callerAs(db, editor).calendar.create(anItem(editor.id))
    expect((await asAnalyst.calendar.get({ id: theirs.id })).canEdit).toBe(false)
    expect(await codeOf(asAnalyst.calendar.reschedule({ id: theirs.id, publishLocal: '2027-03-27T09:00' }))).toBe('FORBIDDEN')
    expect(await codeOf(asAnalyst.calendar.saveVersion({ itemId: theirs.id, lang: 'en', status: 'published' }))).toBe('FORBIDDEN')
    expect(await codeOf(asAnalyst.calendar.update({ ...anItem(editor.id), id: theirs.id }))).toBe('FORBIDDEN')
    expect(await codeOf(asAnalyst.calendar.remove({ id: theirs.id }))).toBe('FORBIDDEN')
  })

  it('refuses an owner or assignee who cannot sign in, and an unknown topic, with field errors', async () => {
    const caller = callerAs(db, editor)
    const error = await caller.calendar.create(anItem(9999, { topicId: 77, versions: [{ lang: 'en', assigneeId: 4242 }] })).then(() => null, (e: unknown) => e)
    expect(error).toMatchObject({ code: 'BAD_REQUEST' })
    const cause = (error as { cause: { fieldErrors: Record<string, string[]> } }).cause
    expect(Object.keys(cause.fieldErrors).sort()).toEqual(['assigneeId', 'ownerId', 'topicId'])
    expect(await db.selectFrom('contentItems').select('id').execute()).toEqual([])
  })

  it('rejects bad input at the edge: no language, a repeated language, an offset for a zone, an impossible date', async () => {
    const caller = callerAs(db, editor)
    expect(await codeOf(caller.calendar.create(anItem(editor.id, { versions: [] })))).toBe('BAD_REQUEST')
    expect(await codeOf(caller.calendar.create(anItem(editor.id, { versions: [{ lang: 'fr' }, { lang: 'fr' }] })))).toBe('BAD_REQUEST')
    expect(await codeOf(caller.calendar.create(anItem(editor.id, { versions: [{ lang: 'xx' }] })))).toBe('BAD_REQUEST')
    expect(await codeOf(caller.calendar.create(anItem(editor.id, { timeZone: '+02:00' })))).toBe('BAD_REQUEST')
    expect(await codeOf(caller.calendar.create(anItem(editor.id, { timeZone: 'Mars/Olympus' })))).toBe('BAD_REQUEST')
    expect(await codeOf(caller.calendar.create(anItem(editor.id, { publishLocal: '2027-02-30T09:00' })))).toBe('BAD_REQUEST')
    expect(await codeOf(caller.calendar.create(anItem(editor.id, { title: '   ' })))).toBe('BAD_REQUEST')
  })

  it('keeps hostile text as text', async () => {
    const caller = callerAs(db, editor)
    const title = '<img src=x onerror=alert(1)> & "quotes"'
    const { id } = await caller.calendar.create(anItem(editor.id, { title, versions: [{ lang: 'ar', title: '<script>alert(1)</script>', body: '<b>bold</b>' }] }))
    const item = await caller.calendar.get({ id })
    expect(item.title).toBe(title)
    expect(item.versions[0]).toMatchObject({ title: '<script>alert(1)</script>', body: '<b>bold</b>' })
  })
})
