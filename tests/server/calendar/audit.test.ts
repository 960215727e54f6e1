import { beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db'
import { listAudit } from '../../../server/db/repositories/audit'
import type { PublicUser } from '../../../server/db/repositories/users'
import { anAccount, callerAs, freshDb } from '../support'
import { anItem, aTopic, codeOf } from './builders'

// Every change to the plan is in the audit log, written in the transaction that makes it.

let db: Db
let editor: PublicUser
beforeEach(async () => {
  db = await freshDb()
  editor = await anAccount(db, 'editor')
})

async function calendarEntries() {
  const { entries } = await listAudit(db, { limit: 50 })
  return entries.filter((entry) => entry.action.startsWith('content.') || entry.action.startsWith('calendar.')).reverse()
}

describe('calendar audit entries', () => {
  it('records who created, edited, moved, progressed and deleted an item, and what changed', async () => {
    const caller = callerAs(db, editor)
    const topicId = await aTopic(db, 'Health & cholera')
    const { id } = await caller.calendar.create(anItem(editor.id))
    await caller.calendar.update({ ...anItem(editor.id, { title: 'Cholera: the facts', topicId }), id })
    await caller.calendar.reschedule({ id, publishLocal: '2027-03-29T09:00' })
    await caller.calendar.saveVersion({ itemId: id, lang: 'sw', title: 'Kipindupindu: mambo ya kujua', status: 'drafting', assigneeId: editor.id })
    await caller.calendar.saveVersion({ itemId: id, lang: 'ar', title: 'الكوليرا' })
    await caller.calendar.removeVersion({ itemId: id, lang: 'ar' })
    await caller.calendar.remove({ id })

    const entries = await calendarEntries()
    expect(entries.map((e) => e.action)).toEqual([
      'content.create', 'content.update', 'content.reschedule', 'content.version.update', 'content.version.add', 'content.version.remove', 'content.delete',
    ])
    expect(entries.every((e) => e.actorLabel === 'editor@example.org' && e.targetType === 'contentItem' && e.targetId === String(id))).toBe(true)
    expect(entries[0]!.details).toEqual({ title: 'Cholera response explainer', publishAt: '2027-03-26T08:00:00.000Z', timeZone: 'Europe/Paris', langs: ['en', 'fr', 'sw'] })
    expect(entries[1]!.details).toEqual({
      title: 'Cholera: the facts',
      changed: { title: { from: 'Cholera response explainer', to: 'Cholera: the facts' }, topicId: { from: null, to: topicId } },
    })
    expect(entries[2]!.details).toEqual({
      title: 'Cholera: the facts', timeZone: 'Europe/Paris', from: '2027-03-26T08:00:00.000Z', to: '2027-03-29T07:00:00.000Z', local: '2027-03-29T09:00',
    })
    expect(entries[3]!.details).toEqual({ lang: 'sw', status: { from: 'idea', to: 'drafting' }, assigneeId: { from: null, to: editor.id } })
    expect(entries[6]!.details).toMatchObject({ title: 'Cholera: the facts', langs: ['en', 'fr', 'sw'] })
  })

  it('records feed changes without the secret', async () => {
    const caller = callerAs(db, editor)
    const { token } = await caller.calendar.feed.regenerate()
    await caller.calendar.feed.regenerate()
    await caller.calendar.feed.revoke()
    expect(await caller.calendar.feed.revoke()).toEqual({ revoked: false })
    const entries = await calendarEntries()
    expect(entries.map((e) => e.action)).toEqual(['calendar.feed.create', 'calendar.feed.regenerate', 'calendar.feed.revoke'])
    expect(JSON.stringify(entries)).not.toContain(token)
  })

  it('writes nothing, not even an entry, when a change is refused', async () => {
    const caller = callerAs(db, editor)
    const { id } = await caller.calendar.create(anItem(editor.id))
    const before = (await calendarEntries()).length
    expect(await codeOf(caller.calendar.saveVersion({ itemId: id, lang: 'fr', status: 'review', assigneeId: 999 }))).toBe('BAD_REQUEST')
    expect(await codeOf(caller.calendar.update({ ...anItem(editor.id, { influencerIds: [12345] }), id }))).toBe('BAD_REQUEST')
    expect((await calendarEntries()).length).toBe(before)
    expect((await caller.calendar.get({ id })).versions.find((v) => v.lang === 'fr')!.status).toBe('drafting')
  })

  it('rolls the item back when its audit entry cannot be written', async () => {
    const caller = callerAs(db, editor)
    await db.schema.dropTable('audit_log').execute()
    await expect(caller.calendar.create(anItem(editor.id))).rejects.toThrow()
    expect(await db.selectFrom('contentItems').select('id').execute()).toEqual([])
    expect(await db.selectFrom('contentVersions').select('itemId').execute()).toEqual([])
  })
})
