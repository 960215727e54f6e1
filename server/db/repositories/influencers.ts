import { sql } from 'kysely'
import type { InfluencerSort, SnapshotScope, WatchEntry } from '../../../shared/schemas/influencers'
import type { SnapshotMethod } from '../../graph/snapshot'
import type { Db } from '../index'
import type { Actor } from './audit'
import { recordAudit } from './audit'

// The influencer pages read stored network snapshots (server/graph/snapshot.ts computes them):
// the pages never build a graph themselves, so a reload is as quick as a read.

const SNAPSHOT_COLUMNS = ['id', 'topicId', 'lang', 'fromDay', 'toDay', 'status', 'phase', 'done', 'total', 'error', 'requestedAt',
  'startedAt', 'finishedAt', 'nodeCount', 'edgeCount', 'communityCount', 'modularity', 'method'] as const

function present<T extends { method: string | null }>(row: T) {
  return { ...row, method: row.method ? (JSON.parse(row.method) as SnapshotMethod) : null }
}

/**
 * Queues a snapshot of the scope, or answers the one already queued or running for the same
 * scope (two people asking at once get one computation).
 */
export async function requestSnapshot(db: Db, scope: SnapshotScope, actor: Actor, now: Date): Promise<{ id: number, queued: boolean }> {
  return db.transaction().execute(async (trx) => {
    const pending = await trx.selectFrom('graphSnapshots').select('id')
      .where('status', 'in', ['queued', 'running'])
      .where('topicId', 'is', scope.topicId).where('lang', 'is', scope.lang)
      .where('fromDay', '=', scope.from).where('toDay', '=', scope.to)
      .executeTakeFirst()
    if (pending) return { id: pending.id, queued: false }
    const row = await trx.insertInto('graphSnapshots').values({
      topicId: scope.topicId, lang: scope.lang, fromDay: scope.from, toDay: scope.to, status: 'queued', phase: null,
      error: null, requestedBy: actor.id, requestedAt: now.toISOString(), startedAt: null, finishedAt: null, modularity: null, method: null,
    }).returning('id').executeTakeFirstOrThrow()
    await recordAudit(trx, actor, { action: 'snapshot.request', targetType: 'snapshot', targetId: row.id, details: { ...scope } }, now)
    return { id: row.id, queued: true }
  })
}

export async function listSnapshots(db: Db, limit: number) {
  const rows = await db.selectFrom('graphSnapshots').leftJoin('topics', 'topics.id', 'graphSnapshots.topicId')
    .select(SNAPSHOT_COLUMNS.map((column) => `graphSnapshots.${column}` as const))
    .select(['topics.name as topicName', 'topics.color as topicColor'])
    .orderBy('graphSnapshots.id', 'desc').limit(limit).execute()
  return rows.map(present)
}

export async function getSnapshot(db: Db, id: number) {
  const row = await db.selectFrom('graphSnapshots').leftJoin('topics', 'topics.id', 'graphSnapshots.topicId')
    .select(SNAPSHOT_COLUMNS.map((column) => `graphSnapshots.${column}` as const))
    .select(['topics.name as topicName', 'topics.color as topicColor'])
    .where('graphSnapshots.id', '=', id).executeTakeFirst()
  return row ? present(row) : null
}

/** Every node and edge of a snapshot, as compact rows for the map. */
export async function snapshotMap(db: Db, snapshotId: number) {
  const nodes = await db.selectFrom('graphNodes').innerJoin('authors', 'authors.id', 'graphNodes.authorId')
    .select(['graphNodes.authorId as id', 'authors.handle', 'authors.name', 'graphNodes.x', 'graphNodes.y', 'graphNodes.score',
      'graphNodes.rank', 'graphNodes.community', 'graphNodes.lang'])
    .where('graphNodes.snapshotId', '=', snapshotId).orderBy('graphNodes.rank').execute()
  const edges = await db.selectFrom('graphEdges').select(['sourceId', 'targetId', 'weight'])
    .where('snapshotId', '=', snapshotId).execute()
  return { nodes, edges: edges.map((edge) => [edge.sourceId, edge.targetId, edge.weight] as const) }
}

const SORT_COLUMNS = {
  score: 'graphNodes.score',
  pagerank: 'graphNodes.pagerank',
  inDegree: 'graphNodes.inDegree',
  reach: 'graphNodes.reach',
  engagement: 'graphNodes.engagement',
  betweenness: 'graphNodes.betweenness',
  activity: 'graphNodes.activity',
} as const

export interface InfluencerListQuery {
  snapshotId: number
  sort: InfluencerSort
  dir: 'asc' | 'desc'
  lang: string | null
  community: number | null
  q: string
  watchedOnly: boolean
  offset: number
  limit: number
}

/** One page of a snapshot's authors, sorted by the score or one of its parts. */
export async function listInfluencers(db: Db, input: InfluencerListQuery) {
  let query = db.selectFrom('graphNodes').innerJoin('authors', 'authors.id', 'graphNodes.authorId')
    .leftJoin('watchlist', 'watchlist.authorId', 'graphNodes.authorId')
    .where('graphNodes.snapshotId', '=', input.snapshotId)
  if (input.lang) query = query.where('graphNodes.lang', '=', input.lang)
  if (input.community !== null) query = query.where('graphNodes.community', '=', input.community)
  if (input.watchedOnly) query = query.where('watchlist.authorId', 'is not', null)
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where((eb) => eb.or([
      eb(sql`authors.handle`, 'like', sql`${like} escape '\\'`),
      eb(sql`authors.name`, 'like', sql`${like} escape '\\'`),
    ]))
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = await query.select(['graphNodes.authorId as id', 'authors.handle', 'authors.name', 'authors.platform', 'authors.profileUrl',
    'graphNodes.rank', 'graphNodes.score', 'graphNodes.pagerank', 'graphNodes.inDegree', 'graphNodes.reach', 'graphNodes.engagement',
    'graphNodes.betweenness', 'graphNodes.activity', 'graphNodes.community', 'graphNodes.lang', 'watchlist.authorId as watched'])
    .orderBy(SORT_COLUMNS[input.sort], input.dir).orderBy('graphNodes.rank')
    .offset(input.offset).limit(input.limit).execute()
  return { total: Number(total.n), rows: rows.map((row) => ({ ...row, watched: row.watched !== null })) }
}

export interface CommunityDescription {
  community: number
  size: number
  terms: { term: string, score: number }[]
  hashtags: { term: string, score: number }[]
  languages: { lang: string, share: number }[]
  members: number[]
}

export async function snapshotCommunities(db: Db, snapshotId: number): Promise<CommunityDescription[]> {
  const rows = await db.selectFrom('graphCommunities').selectAll().where('snapshotId', '=', snapshotId).orderBy('size', 'desc').execute()
  return rows.map((row) => ({
    community: row.community,
    size: row.size,
    terms: JSON.parse(row.terms) as CommunityDescription['terms'],
    hashtags: JSON.parse(row.hashtags) as CommunityDescription['hashtags'],
    languages: JSON.parse(row.languages) as CommunityDescription['languages'],
    members: JSON.parse(row.members) as number[],
  }))
}

/** Authors' handles and names, for the ids a description or an explanation names. */
export async function authorLabels(db: Db, ids: readonly number[]) {
  if (!ids.length) return new Map<number, { handle: string, name: string | null }>()
  const rows = await db.selectFrom('authors').select(['id', 'handle', 'name']).where('id', 'in', [...new Set(ids)]).execute()
  return new Map(rows.map((row) => [row.id, { handle: row.handle, name: row.name }]))
}

// The watchlist: the team's, shared; analysts and admins edit it, every change audited.

export async function listWatchlist(db: Db) {
  const rows = await db.selectFrom('watchlist').innerJoin('authors', 'authors.id', 'watchlist.authorId')
    .leftJoin('users', 'users.id', 'watchlist.addedBy')
    .select(['watchlist.authorId', 'authors.handle', 'authors.name', 'authors.platform', 'authors.profileUrl', 'watchlist.note', 'watchlist.tags',
      'watchlist.addedAt', 'watchlist.updatedAt', 'users.name as addedByName'])
    .orderBy('watchlist.updatedAt', 'desc').execute()
  return rows.map((row) => ({ ...row, tags: JSON.parse(row.tags) as string[] }))
}

export async function watchEntry(db: Db, authorId: number) {
  const row = await db.selectFrom('watchlist').select(['authorId', 'note', 'tags', 'addedAt', 'updatedAt']).where('authorId', '=', authorId).executeTakeFirst()
  return row ? { ...row, tags: JSON.parse(row.tags) as string[] } : null
}

/** Adds an author to the watchlist or updates their note and tags. */
export async function saveWatchEntry(db: Db, entry: WatchEntry, actor: Actor, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const at = now.toISOString()
    const exists = await trx.selectFrom('watchlist').select('authorId').where('authorId', '=', entry.authorId).executeTakeFirst()
    const values = { note: entry.note, tags: JSON.stringify(entry.tags), updatedAt: at }
    if (exists) await trx.updateTable('watchlist').set(values).where('authorId', '=', entry.authorId).execute()
    else await trx.insertInto('watchlist').values({ authorId: entry.authorId, ...values, addedBy: actor.id, addedAt: at }).execute()
    await recordAudit(trx, actor, { action: exists ? 'watchlist.update' : 'watchlist.add', targetType: 'author', targetId: entry.authorId, details: { note: entry.note, tags: entry.tags } }, now)
  })
}

export async function removeWatchEntry(db: Db, authorId: number, actor: Actor, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('watchlist').where('authorId', '=', authorId).executeTakeFirst()
    if (!removed.numDeletedRows) return false
    await recordAudit(trx, actor, { action: 'watchlist.remove', targetType: 'author', targetId: authorId }, now)
    return true
  })
}

/**
 * The communities of the latest network of the whole conversation (every topic and language),
 * the ones of `minSize` members or more, largest first: named by their three most distinctive
 * terms, with the language most of their members post in.
 */
export async function latestCommunities(db: Db, minSize: number) {
  const snapshot = await db.selectFrom('graphSnapshots').select(['id', 'fromDay', 'toDay'])
    .where('status', '=', 'done').where('topicId', 'is', null).where('lang', 'is', null)
    .orderBy('finishedAt', 'desc').orderBy('id', 'desc').executeTakeFirst()
  if (!snapshot) return null
  const rows = await db.selectFrom('graphCommunities').select(['community', 'size', 'terms', 'languages'])
    .where('snapshotId', '=', snapshot.id).where('size', '>=', minSize).orderBy('size', 'desc').orderBy('community').execute()
  return {
    snapshotId: snapshot.id, fromDay: snapshot.fromDay, toDay: snapshot.toDay,
    communities: rows.map((row) => {
      const languages = JSON.parse(row.languages) as Array<{ lang: string, share: number }>
      return {
        community: row.community, size: row.size, lang: languages[0]?.lang ?? null,
        terms: (JSON.parse(row.terms) as Array<{ term: string }>).slice(0, 3).map((term) => term.term),
      }
    }),
  }
}
