import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../index'

// Each person's secret ICS feed. The token is shown once, when it is made; only its SHA-256 is
// stored, so reading the database (or a backup) opens nobody's feed. Making a new one replaces
// the old, which stops working at once; revoking removes it.

/** 32 random bytes in base64url: 43 characters. */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export async function issueFeedToken(db: Db, userId: number, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const createdAt = now.toISOString()
  await db.insertInto('calendarFeeds').values({ userId, tokenHash: hashOf(token), createdAt, lastUsedAt: null })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ tokenHash: hashOf(token), createdAt, lastUsedAt: null }))
    .execute()
  return token
}

/** Whether a feed was removed. */
export async function revokeFeed(db: Db, userId: number): Promise<boolean> {
  const result = await db.deleteFrom('calendarFeeds').where('userId', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

export function feedOf(db: Db, userId: number) {
  return db.selectFrom('calendarFeeds').select(['createdAt', 'lastUsedAt']).where('userId', '=', userId).executeTakeFirst()
}

/** The active account a token opens the feed of, noting the visit; undefined for any other token. */
export async function feedOwner(db: Db, token: string, now: Date) {
  if (!FEED_TOKEN.test(token)) return undefined
  const owner = await db.selectFrom('calendarFeeds').innerJoin('users', 'users.id', 'calendarFeeds.userId')
    .select(['users.id', 'users.name'])
    .where('calendarFeeds.tokenHash', '=', hashOf(token)).where('users.disabledAt', 'is', null)
    .executeTakeFirst()
  if (owner) await db.updateTable('calendarFeeds').set({ lastUsedAt: now.toISOString() }).where('userId', '=', owner.id).execute()
  return owner
}
