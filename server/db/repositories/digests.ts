import { sql } from 'kysely'
import type { DigestData } from '../../../shared/digest'
import type { Db } from '../index'
import type { DigestTrigger } from '../schema'
import { type Actor, recordAudit } from './audit'

// Stored weekly digests (PRODUCT.md §6) and their e-mail subscribers. Generating a week again
// replaces its digest: the archive keeps one per week.

export async function saveDigest(db: Db, data: DigestData, meta: { trigger: DigestTrigger, actor: Actor }, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = {
      timeZone: data.week.timeZone, startAt: data.week.start, endAt: data.week.end, data: JSON.stringify(data),
      trigger: meta.trigger, generatedAt: now.toISOString(), generatedBy: meta.actor.id,
    }
    await trx.insertInto('digests').values({ week: data.week.week, ...row, sentAt: null, sendError: null })
      .onConflict((oc) => oc.column('week').doUpdateSet(row)).execute()
    await recordAudit(trx, meta.actor, { action: 'digest.generate', targetType: 'digest', targetId: data.week.week, details: { trigger: meta.trigger } }, now)
  })
}

export async function getDigest(db: Db, week: string) {
  const row = await db.selectFrom('digests').selectAll().where('week', '=', week).executeTakeFirst()
  if (!row) return null
  const { data, ...meta } = row
  return { ...meta, data: JSON.parse(data) as DigestData }
}

export type StoredDigest = NonNullable<Awaited<ReturnType<typeof getDigest>>>

/** The archive, newest week first, with the headline figures a list shows. */
export async function listDigests(db: Db, limit: number) {
  // The figures are read inside SQLite: a stored digest is tens of kilobytes of JSON, and the
  // list needs five numbers of it.
  const field = <T>(path: string) => sql<T>`json_extract(data, ${path})`
  return db.selectFrom('digests')
    .select(['week', 'timeZone', 'startAt', 'endAt', 'generatedAt', 'trigger', 'sentAt', 'sentTo', 'sendError'])
    .select([
      field<string>('$.week.monday').as('monday'), field<string>('$.week.sunday').as('sunday'),
      field<number>('$.totals.current.posts').as('posts'), field<number>('$.totals.previous.posts').as('previousPosts'),
      sql<number>`json_array_length(data, '$.spikes')`.as('spikes'),
    ])
    .orderBy('week', 'desc').limit(limit).execute()
}

export async function markDigestSent(db: Db, week: string, outcome: { sentTo: number, error: string | null }, actor: Actor, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('digests').set({ sentAt: now.toISOString(), sentTo: outcome.sentTo, sendError: outcome.error })
      .where('week', '=', week).execute()
    await recordAudit(trx, actor, { action: 'digest.send', targetType: 'digest', targetId: week, details: { ...outcome } }, now)
  })
}

/** The addresses of subscribed accounts that are not disabled. */
export async function digestRecipients(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('digestSubscribers').innerJoin('users', 'users.id', 'digestSubscribers.userId')
    .select('users.email').where('users.disabledAt', 'is', null).orderBy('users.email').execute()
  return rows.map((row) => row.email)
}

export async function isSubscribed(db: Db, userId: number): Promise<boolean> {
  return (await db.selectFrom('digestSubscribers').select('userId').where('userId', '=', userId).executeTakeFirst()) !== undefined
}

export async function setSubscription(db: Db, userId: number, subscribed: boolean, actor: Actor, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (subscribed) {
      await trx.insertInto('digestSubscribers').values({ userId, createdAt: now.toISOString() })
        .onConflict((oc) => oc.column('userId').doNothing()).execute()
    }
    else await trx.deleteFrom('digestSubscribers').where('userId', '=', userId).execute()
    await recordAudit(trx, actor, { action: subscribed ? 'digest.subscribe' : 'digest.unsubscribe', targetType: 'user', targetId: userId }, now)
  })
}
