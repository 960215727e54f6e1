import { beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db'
import type { PublicUser } from '../../../server/db/repositories/users'
import { canonicalZone, instantOf, localOf, shiftLocal } from '../../../shared/zoned-time'
import { anAccount, callerAs, freshDb } from '../support'
import { anItem } from './builders'

// An item keeps its wall-clock time in its own zone when moved across a daylight-saving change:
// Paris moves its clocks on the last Sundays of March and October.

describe('zoned time', () => {
  it('turns Paris wall-clock times into the right instants either side of a change', () => {
    expect(instantOf('2027-03-26T09:00', 'Europe/Paris')).toBe('2027-03-26T08:00:00.000Z')
    expect(instantOf('2027-03-29T09:00', 'Europe/Paris')).toBe('2027-03-29T07:00:00.000Z')
    expect(instantOf('2027-10-29T09:00', 'Europe/Paris')).toBe('2027-10-29T07:00:00.000Z')
    expect(instantOf('2027-11-01T09:00', 'Europe/Paris')).toBe('2027-11-01T08:00:00.000Z')
  })

  it('moves a skipped time on by the gap, and takes the first of a repeated one', () => {
    expect(localOf(instantOf('2027-03-28T02:30', 'Europe/Paris'), 'Europe/Paris')).toBe('2027-03-28T03:30')
    expect(instantOf('2027-10-31T02:30', 'Europe/Paris')).toBe('2027-10-31T00:30:00.000Z')
  })

  it('shifts by calendar days, not by 24-hour blocks', () => {
    expect(shiftLocal('2027-03-26T09:00', { days: 3 })).toBe('2027-03-29T09:00')
    expect(shiftLocal('2027-01-31T09:00', { months: 1 })).toBe('2027-02-28T09:00')
    expect(shiftLocal('2027-03-26T23:30', { minutes: 60 })).toBe('2027-03-27T00:30')
  })

  it('accepts named zones only, in their canonical spelling', () => {
    expect(canonicalZone('europe/paris')).toBe('Europe/Paris')
    expect(canonicalZone('UTC')).toBe('UTC')
    expect(canonicalZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires')
    expect(canonicalZone('+02:00')).toBeNull()
    expect(canonicalZone('Mars/Olympus')).toBeNull()
  })
})

describe('calendar.reschedule', () => {
  let db: Db
  let editor: PublicUser
  beforeEach(async () => {
    db = await freshDb()
    editor = await anAccount(db, 'editor')
  })

  it('keeps 09:00 in Paris when dragged from Friday to Monday across the March change', async () => {
    const caller = callerAs(db, editor)
    const { id } = await caller.calendar.create(anItem(editor.id))
    expect((await caller.calendar.get({ id })).publishAt).toBe('2027-03-26T08:00:00.000Z')

    const moved = await caller.calendar.reschedule({ id, publishLocal: shiftLocal('2027-03-26T09:00', { days: 3 }) })
    expect(moved).toEqual({ id, publishAt: '2027-03-29T07:00:00.000Z', publishLocal: '2027-03-29T09:00', timeZone: 'Europe/Paris' })
    const row = await db.selectFrom('contentItems').select(['publishAt', 'timeZone']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ publishAt: '2027-03-29T07:00:00.000Z', timeZone: 'Europe/Paris' })
  })

  it('keeps the wall-clock time across the October change, in another zone too', async () => {
    const caller = callerAs(db, editor)
    const paris = await caller.calendar.create(anItem(editor.id, { publishLocal: '2027-10-29T09:00' }))
    await caller.calendar.reschedule({ id: paris.id, publishLocal: '2027-11-01T09:00' })
    expect((await caller.calendar.get({ id: paris.id })).publishAt).toBe('2027-11-01T08:00:00.000Z')

    // New York changes a week later than Paris in autumn.
    const newYork = await caller.calendar.create(anItem(editor.id, { publishLocal: '2027-11-05T18:00', timeZone: 'America/New_York' }))
    expect((await caller.calendar.get({ id: newYork.id })).publishAt).toBe('2027-11-05T22:00:00.000Z')
    const moved = await caller.calendar.reschedule({ id: newYork.id, publishLocal: '2027-11-08T18:00' })
    expect(moved.publishAt).toBe('2027-11-08T23:00:00.000Z')
    expect((await caller.calendar.get({ id: newYork.id })).publishLocal).toBe('2027-11-08T18:00')
  })

  it('lists an item in the range its instant falls in', async () => {
    const caller = callerAs(db, editor)
    const { id } = await caller.calendar.create(anItem(editor.id, { publishLocal: '2027-04-01T00:30' }))
    // 00:30 in Paris on 1 April is still March in UTC.
    expect((await caller.calendar.list({ from: '2027-03-01T00:00:00Z', to: '2027-04-01T00:00:00Z' })).map((i) => i.id)).toEqual([id])
    expect(await caller.calendar.list({ from: '2027-04-01T00:00:00Z', to: '2027-05-01T00:00:00Z' })).toEqual([])
    // A calendar shown in Paris time asks for Paris's April, which holds it.
    expect((await caller.calendar.list({ from: '2027-04-01T00:00:00+02:00', to: '2027-05-01T00:00:00+02:00' })).map((i) => i.id)).toEqual([id])
  })
})
