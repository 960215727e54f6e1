import { beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db'
import type { PublicUser } from '../../../server/db/repositories/users'
import { anAccount, callerAs, freshDb } from '../support'
import { anItem, codeOf } from './builders'

// Influencers are linked by author id: authors Chorus has heard, found by handle or name.

let db: Db
let editor: PublicUser
beforeEach(async () => {
  db = await freshDb()
  editor = await anAccount(db, 'editor')
})

async function anAuthor(handle: string, name: string, followers: number | null): Promise<number> {
  const row = await db.insertInto('authors').values({
    platform: 'mastodon', externalId: `https://social.example/${handle}`, handle, name, profileUrl: null, followers,
    firstSeenAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z',
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

describe('influencers of an item', () => {
  it('finds authors by the start of their handle or name, the most followed first, taking % and _ literally', async () => {
    const afya = await anAuthor('@afyakwanza@afrika.social.example', 'Afya Kwanza', 48_000)
    const habari = await anAuthor('@habari_afya@afrika.social.example', 'Habari Afya', 43_000)
    await anAuthor('@afyaa@other.example', 'Someone', null)
    await anAuthor('@hab%ari@x.example', 'Percent', 5)
    const caller = callerAs(db, editor)
    expect((await caller.calendar.authors({ q: '@afya' })).map((a) => a.id)).toEqual([afya, expect.any(Number)])
    expect((await caller.calendar.authors({ q: 'Habari' })).map((a) => a.id)).toEqual([habari])
    expect((await caller.calendar.authors({ q: '@hab%' })).map((a) => a.handle)).toEqual(['@hab%ari@x.example'])
    expect(await caller.calendar.authors({ q: '@habari_' })).toHaveLength(1)
    expect(await codeOf(callerAs(db, await anAccount(db, 'viewer')).calendar.authors({ q: 'afya' }))).toBe('FORBIDDEN')
  })

  it('links authors to an item and shows them on it; unknown ids are refused', async () => {
    const afya = await anAuthor('@afyakwanza@afrika.social.example', 'Afya Kwanza', 48_000)
    const caller = callerAs(db, editor)
    const { id } = await caller.calendar.create(anItem(editor.id, { influencerIds: [afya], community: '  East African health  ' }))
    const item = await caller.calendar.get({ id })
    expect(item.influencers).toEqual([expect.objectContaining({ id: afya, handle: '@afyakwanza@afrika.social.example', name: 'Afya Kwanza' })])
    expect(item.community).toBe('East African health')

    await caller.calendar.update({ ...anItem(editor.id, { influencerIds: [], community: '' }), id })
    expect(await caller.calendar.get({ id })).toMatchObject({ influencers: [], community: null })
    expect(await codeOf(caller.calendar.update({ ...anItem(editor.id, { influencerIds: [afya + 100] }), id }))).toBe('BAD_REQUEST')
  })
})
