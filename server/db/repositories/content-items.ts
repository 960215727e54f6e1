import { sql } from 'kysely'
import type { Channel, ContentStatus } from '../../../shared/calendar'
import type { CalendarFilters } from '../../../shared/schemas/calendar'
import type { Db } from '../index'

// The editorial calendar's items (PRODUCT.md §5). Plain functions taking `db` first, so the
// router can pass a transaction. The item's status is never read from here: it is derived
// from its versions by shared/calendar.ts wherever it is shown.

const ITEM_COLUMNS = ['contentItems.id', 'contentItems.title', 'contentItems.brief', 'contentItems.ownerId', 'contentItems.publishAt',
  'contentItems.timeZone', 'contentItems.topicId', 'contentItems.community', 'contentItems.createdBy', 'contentItems.createdAt',
  'contentItems.updatedAt'] as const

export interface ItemFields {
  title: string
  brief: string
  ownerId: number
  publishAt: string
  timeZone: string
  topicId: number | null
  community: string | null
}

export interface VersionFields {
  lang: string
  title: string
  body: string
  status: ContentStatus
  assigneeId: number | null
}

function itemsWithNames(db: Db) {
  return db.selectFrom('contentItems')
    .innerJoin('users as owner', 'owner.id', 'contentItems.ownerId')
    .leftJoin('topics', 'topics.id', 'contentItems.topicId')
    .select([...ITEM_COLUMNS, 'owner.name as ownerName', 'topics.name as topicName', 'topics.color as topicColor'])
}

async function versionsOf(db: Db, itemIds: readonly number[]) {
  if (itemIds.length === 0) return new Map<number, Awaited<ReturnType<typeof versionRows>>>()
  const rows = await versionRows(db, itemIds)
  const byItem = new Map<number, typeof rows>()
  for (const row of rows) byItem.set(row.itemId, [...(byItem.get(row.itemId) ?? []), row])
  return byItem
}

function versionRows(db: Db, itemIds: readonly number[]) {
  return db.selectFrom('contentVersions')
    .leftJoin('users as assignee', 'assignee.id', 'contentVersions.assigneeId')
    .select(['contentVersions.itemId', 'contentVersions.lang', 'contentVersions.title', 'contentVersions.body', 'contentVersions.status',
      'contentVersions.assigneeId', 'assignee.name as assigneeName', 'contentVersions.updatedAt'])
    .where('contentVersions.itemId', 'in', itemIds)
    .orderBy('contentVersions.itemId').orderBy('contentVersions.lang')
    .execute()
}

async function channelsOf(db: Db, itemIds: readonly number[]): Promise<Map<number, Channel[]>> {
  const byItem = new Map<number, Channel[]>()
  if (itemIds.length === 0) return byItem
  const rows = await db.selectFrom('contentItemChannels').select(['itemId', 'channel'])
    .where('itemId', 'in', itemIds).orderBy('itemId').orderBy('channel').execute()
  for (const row of rows) byItem.set(row.itemId, [...(byItem.get(row.itemId) ?? []), row.channel])
  return byItem
}

/** Items with their language versions and channels, read in two queries whatever their number. */
async function withVersionsAndChannels<T extends { id: number }>(db: Db, items: T[]) {
  const ids = items.map((item) => item.id)
  const [versions, channels] = await Promise.all([versionsOf(db, ids), channelsOf(db, ids)])
  return items.map((item) => ({ ...item, versions: versions.get(item.id) ?? [], channels: channels.get(item.id) ?? [] }))
}

/**
 * The items planned between two instants, under the calendar's filters. An item shows when one
 * of its versions passes the language and status filters together ("French versions in
 * review"), and it comes with all its versions.
 */
export async function listContentItems(db: Db, range: { from: string, to: string }, filters: CalendarFilters) {
  let query = itemsWithNames(db)
    .where('contentItems.publishAt', '>=', range.from).where('contentItems.publishAt', '<', range.to)
    .orderBy('contentItems.publishAt').orderBy('contentItems.id')
  if (filters.ownerIds.length) query = query.where('contentItems.ownerId', 'in', filters.ownerIds)
  if (filters.channels.length) {
    query = query.where((eb) => eb.exists(eb.selectFrom('contentItemChannels').select('contentItemChannels.itemId')
      .whereRef('contentItemChannels.itemId', '=', 'contentItems.id').where('contentItemChannels.channel', 'in', filters.channels)))
  }
  if (filters.langs.length || filters.statuses.length) {
    query = query.where((eb) => {
      let versions = eb.selectFrom('contentVersions').select('contentVersions.itemId').whereRef('contentVersions.itemId', '=', 'contentItems.id')
      if (filters.langs.length) versions = versions.where('contentVersions.lang', 'in', filters.langs)
      if (filters.statuses.length) versions = versions.where('contentVersions.status', 'in', filters.statuses)
      return eb.exists(versions)
    })
  }
  return withVersionsAndChannels(db, await query.execute())
}

/** One item with everything its page shows, or undefined. */
export async function getContentItem(db: Db, id: number) {
  const item = await itemsWithNames(db).where('contentItems.id', '=', id).executeTakeFirst()
  if (!item) return undefined
  const [versions, channels, influencers] = await Promise.all([
    versionsOf(db, [id]),
    channelsOf(db, [id]),
    db.selectFrom('contentItemInfluencers').innerJoin('authors', 'authors.id', 'contentItemInfluencers.authorId')
      .select(['authors.id', 'authors.platform', 'authors.handle', 'authors.name', 'authors.profileUrl', 'authors.followers'])
      .where('contentItemInfluencers.itemId', '=', id).orderBy('authors.handle').execute(),
  ])
  return { ...item, versions: versions.get(id) ?? [], channels: channels.get(id) ?? [], influencers }
}

export type ContentItemDetail = NonNullable<Awaited<ReturnType<typeof getContentItem>>>

export async function insertContentItem(db: Db, fields: ItemFields, createdBy: number, now: Date): Promise<number> {
  const at = now.toISOString()
  const row = await db.insertInto('contentItems').values({ ...fields, createdBy, createdAt: at, updatedAt: at })
    .returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function updateContentItem(db: Db, id: number, fields: Partial<ItemFields>, now: Date): Promise<void> {
  await db.updateTable('contentItems').set({ ...fields, updatedAt: now.toISOString() }).where('id', '=', id).execute()
}

export async function replaceChannels(db: Db, itemId: number, channels: readonly Channel[]): Promise<void> {
  await db.deleteFrom('contentItemChannels').where('itemId', '=', itemId).execute()
  if (channels.length) await db.insertInto('contentItemChannels').values(channels.map((channel) => ({ itemId, channel }))).execute()
}

export async function replaceInfluencers(db: Db, itemId: number, authorIds: readonly number[]): Promise<void> {
  await db.deleteFrom('contentItemInfluencers').where('itemId', '=', itemId).execute()
  if (authorIds.length) await db.insertInto('contentItemInfluencers').values(authorIds.map((authorId) => ({ itemId, authorId }))).execute()
}

/** Writes a version, new or not; the item's updatedAt moves with it (the ICS feed's LAST-MODIFIED). */
export async function saveVersion(db: Db, itemId: number, version: VersionFields, now: Date): Promise<void> {
  const at = now.toISOString()
  await db.insertInto('contentVersions').values({ itemId, ...version, updatedAt: at })
    .onConflict((oc) => oc.columns(['itemId', 'lang']).doUpdateSet({
      title: version.title, body: version.body, status: version.status, assigneeId: version.assigneeId, updatedAt: at,
    }))
    .execute()
  await db.updateTable('contentItems').set({ updatedAt: at }).where('id', '=', itemId).execute()
}

export async function deleteVersion(db: Db, itemId: number, lang: string, now: Date): Promise<void> {
  await db.deleteFrom('contentVersions').where('itemId', '=', itemId).where('lang', '=', lang).execute()
  await db.updateTable('contentItems').set({ updatedAt: now.toISOString() }).where('id', '=', itemId).execute()
}

/** Ids among these that are not accounts able to sign in: an owner or assignee must be one. */
export async function inactiveUserIds(db: Db, ids: readonly number[]): Promise<number[]> {
  const wanted = [...new Set(ids)]
  if (wanted.length === 0) return []
  const active = await db.selectFrom('users').select('id').where('id', 'in', wanted).where('disabledAt', 'is', null).execute()
  const found = new Set(active.map((row) => row.id))
  return wanted.filter((id) => !found.has(id))
}

export async function missingAuthorIds(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('authors').select('id').where('id', 'in', [...ids]).execute()
  const found = new Set(rows.map((row) => row.id))
  return ids.filter((id) => !found.has(id))
}

/** The people content can be given to: active accounts, by name. */
export function listPeople(db: Db) {
  return db.selectFrom('users').select(['id', 'name', 'role']).where('disabledAt', 'is', null).orderBy('name').orderBy('id').execute()
}

/** Authors whose handle or name starts with the text, the most followed first: influencers to link. */
export function searchAuthors(db: Db, text: string, limit: number) {
  const prefix = `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return db.selectFrom('authors').select(['id', 'platform', 'handle', 'name', 'followers'])
    .where(sql<boolean>`handle like ${prefix} escape '\\' or name like ${prefix} escape '\\'`)
    .orderBy((eb) => eb.fn.coalesce('followers', eb.lit(0)), 'desc').orderBy('handle')
    .limit(limit)
    .execute()
}

/** Which languages the calendar uses, the most planned first: they take the palette in that order. */
export async function plannedLanguages(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('contentVersions').select(['lang', (eb) => eb.fn.countAll<number>().as('versions')])
    .groupBy('lang').orderBy('versions', 'desc').orderBy('lang').execute()
  return rows.map((row) => row.lang)
}

/** Every language version planned between two instants, with its item's topic. */
export function plannedVersions(db: Db, from: string, to: string) {
  return db.selectFrom('contentVersions').innerJoin('contentItems', 'contentItems.id', 'contentVersions.itemId')
    .select(['contentItems.id as itemId', 'contentItems.topicId', 'contentItems.publishAt', 'contentVersions.lang', 'contentVersions.status'])
    .where('contentItems.publishAt', '>=', from).where('contentItems.publishAt', '<', to)
    .execute()
}

/**
 * What an ICS feed holds: items planned since `since`, all of them or, for `mineOf`, those the
 * person owns or has a version of.
 */
export async function feedItems(db: Db, since: string, mineOf: number | null) {
  let query = itemsWithNames(db).where('contentItems.publishAt', '>=', since).orderBy('contentItems.publishAt').orderBy('contentItems.id')
  if (mineOf !== null) {
    query = query.where((eb) => eb.or([
      eb('contentItems.ownerId', '=', mineOf),
      eb.exists(eb.selectFrom('contentVersions').select('contentVersions.itemId')
        .whereRef('contentVersions.itemId', '=', 'contentItems.id').where('contentVersions.assigneeId', '=', mineOf)),
    ]))
  }
  return withVersionsAndChannels(db, await query.execute())
}
