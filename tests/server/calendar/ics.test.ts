import ICAL from 'ical.js'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db'
import { renderFeed } from '../../../server/calendar/feed'
import type { PublicUser } from '../../../server/db/repositories/users'
import { anAccount, callerAs, freshDb } from '../support'
import { anItem } from './builders'

// The feed is read back with ical.js (Mozilla's parser, the one Thunderbird uses), using the
// VTIMEZONE definitions the feed itself carries: the times and zones must come out as planned.

const NOW = new Date('2026-12-04T09:00:00Z')
const ORIGIN = 'https://chorus.example.org'

let db: Db
let editor: PublicUser
let viewer: PublicUser
beforeEach(async () => {
  db = await freshDb()
  editor = await anAccount(db, 'editor')
  viewer = await anAccount(db, 'viewer')
})

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component))
  return { calendar, events }
}

async function feedOf(user: PublicUser, mine = false) {
  const { token } = await callerAs(db, user, () => NOW).calendar.feed.regenerate()
  return { token, text: await renderFeed(db, `${token}.ics`, { mine, origin: ORIGIN, now: NOW }) }
}

describe('the ICS feed', () => {
  it('parses, with DTSTART in the item’s zone and its VTIMEZONE, on both sides of a DST change', async () => {
    const caller = callerAs(db, editor, () => NOW)
    const before = await caller.calendar.create(anItem(editor.id, { title: 'Before the change', publishLocal: '2027-03-26T09:00' }))
    const after = await caller.calendar.create(anItem(editor.id, { title: 'After the change', publishLocal: '2027-03-29T09:00' }))
    const tokyo = await caller.calendar.create(anItem(editor.id, { title: 'Tokyo morning', publishLocal: '2027-03-29T09:00', timeZone: 'Asia/Tokyo' }))
    const utc = await caller.calendar.create(anItem(editor.id, { title: 'In UTC', publishLocal: '2027-03-29T09:00', timeZone: 'UTC' }))

    const { text } = await feedOf(viewer)
    expect(text!).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(text).toContain(`DTSTART;TZID=Europe/Paris:20270326T090000\r\n`)
    expect(text).toContain(`DTSTART;TZID=Europe/Paris:20270329T090000\r\n`)
    expect(text).toContain(`DTSTART:20270329T090000Z\r\n`)
    expect(text!.match(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris\r\n/g)).toHaveLength(1)

    const { events } = parse(text!)
    const byUid = new Map(events.map((event) => [event.uid, event]))
    const expectations = [
      [before.id, 'Europe/Paris', '2027-03-26T08:00:00.000Z'],
      [after.id, 'Europe/Paris', '2027-03-29T07:00:00.000Z'],
      [tokyo.id, 'Asia/Tokyo', '2027-03-29T00:00:00.000Z'],
      [utc.id, 'UTC', '2027-03-29T09:00:00.000Z'],
    ] as const
    for (const [id, zone, instant] of expectations) {
      const event = byUid.get(`content-item-${id}@chorus.example.org`)!
      expect(event.startDate.zone.tzid).toBe(zone)
      expect(event.startDate.toJSDate().toISOString()).toBe(instant)
      expect(event.startDate.hour).toBe(9)
    }
  })

  it('keeps an event’s UID when the item moves or is renamed, so apps update it in place', async () => {
    const caller = callerAs(db, editor, () => NOW)
    const { id } = await caller.calendar.create(anItem(editor.id))
    const uid = (text: string) => parse(text).events[0]!.uid
    const first = await feedOf(editor)
    await caller.calendar.reschedule({ id, publishLocal: '2027-03-30T14:15' })
    await caller.calendar.update({ ...anItem(editor.id, { title: 'Renamed', publishLocal: '2027-03-30T14:15' }), id })
    const text = await renderFeed(db, `${first.token}.ics`, { mine: false, origin: ORIGIN, now: NOW })
    expect(uid(text!)).toBe(uid(first.text!))
    const event = parse(text!).events[0]!
    expect(event.summary).toBe('Renamed')
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-30T12:15:00.000Z')
  })

  it('escapes and folds text so hostile or long titles come back exactly', async () => {
    const caller = callerAs(db, editor, () => NOW)
    const title = 'Aid; cuts, "now" <script>alert(1)</script> \\ back-slash — نداء عاجل للمساعدات الإنسانية في كل مكان'
    const brief = 'Line one\nLine two; with, punctuation\r\nBEGIN:VEVENT'
    await caller.calendar.create(anItem(editor.id, { title, brief, versions: [{ lang: 'ar', title: 'المساعدات', assigneeId: editor.id }] }))
    const { text } = await feedOf(editor)
    for (const line of text!.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
    expect(text!.match(/^BEGIN:VEVENT$/gm)).toHaveLength(1)
    const event = parse(text!).events[0]!
    expect(event.summary).toBe(title)
    expect(event.description).toContain('Line two; with, punctuation')
    expect(event.description).toContain('AR · المساعدات · idea · Editor')
    expect(event.component.getFirstPropertyValue('url')).toMatch(/^https:\/\/chorus\.example\.org\/calendar\/\d+$/)
  })

  it('holds only the person’s items with ?mine=1', async () => {
    const caller = callerAs(db, editor, () => NOW)
    await caller.calendar.create(anItem(editor.id, { title: 'Owned by the editor' }))
    const assigned = await caller.calendar.create(anItem(editor.id, { title: 'Assigned to the viewer', versions: [{ lang: 'fr', assigneeId: viewer.id }] }))
    const { text } = await feedOf(viewer, true)
    const events = parse(text!).events
    expect(events.map((e) => e.summary)).toEqual(['Assigned to the viewer'])
    expect(events[0]!.uid).toBe(`content-item-${assigned.id}@chorus.example.org`)
  })

  it('stops answering once regenerated or revoked, and never for a disabled account or a made-up secret', async () => {
    const caller = callerAs(db, viewer, () => NOW)
    const { token: old } = await caller.calendar.feed.regenerate()
    const { token } = await caller.calendar.feed.regenerate()
    const open = (secret: string) => renderFeed(db, `${secret}.ics`, { mine: false, origin: ORIGIN, now: NOW })
    expect(await open(old)).toBeNull()
    expect(await open(token)).toMatch(/^BEGIN:VCALENDAR/)
    expect(await renderFeed(db, token, { mine: false, origin: ORIGIN, now: NOW })).toBeNull()
    expect((await caller.calendar.feed.status())!.lastUsedAt).toBe(NOW.toISOString())
    // Only the hash is stored.
    expect(JSON.stringify(await db.selectFrom('calendarFeeds').selectAll().execute())).not.toContain(token)

    await db.updateTable('users').set({ disabledAt: NOW.toISOString() }).where('id', '=', viewer.id).execute()
    expect(await open(token)).toBeNull()
    await db.updateTable('users').set({ disabledAt: null }).where('id', '=', viewer.id).execute()
    await caller.calendar.feed.revoke()
    expect(await open(token)).toBeNull()
    expect(await caller.calendar.feed.status()).toBeNull()
    expect(await open('x'.repeat(43))).toBeNull()
    expect(await open('../../etc/passwd')).toBeNull()
  })
})
