import type { Db } from '../index'

const SOURCE_COLUMNS = ['id', 'kind', 'name', 'config', 'intervalMinutes', 'enabled', 'cursor', 'nextRunAt',
  'consecutiveFailures', 'lastSuccessAt', 'lastError', 'createdAt', 'updatedAt'] as const

export function getSource(db: Db, id: number) {
  return db.selectFrom('sources').select(SOURCE_COLUMNS).where('id', '=', id).executeTakeFirst()
}

export function listSources(db: Db) {
  return db.selectFrom('sources').select(SOURCE_COLUMNS).orderBy('name').execute()
}

export type SourceRow = NonNullable<Awaited<ReturnType<typeof getSource>>>

/** Enabled sources whose next run is due (never run, or the time has come). */
export function dueSources(db: Db, now: Date) {
  return db.selectFrom('sources').select(SOURCE_COLUMNS)
    .where('enabled', '=', 1)
    .where((eb) => eb.or([eb('nextRunAt', 'is', null), eb('nextRunAt', '<=', now.toISOString())]))
    .orderBy('nextRunAt')
    .execute()
}

export async function recordSourceSuccess(db: Db, id: number, intervalMinutes: number, now: Date) {
  await db.updateTable('sources').set({
    consecutiveFailures: 0,
    lastSuccessAt: now.toISOString(),
    lastError: null,
    nextRunAt: new Date(now.getTime() + intervalMinutes * 60_000).toISOString(),
    updatedAt: now.toISOString(),
  }).where('id', '=', id).execute()
}

export async function recordSourceFailure(db: Db, id: number, error: string, retryAt: Date, now: Date) {
  await db.updateTable('sources').set((eb) => ({
    consecutiveFailures: eb('consecutiveFailures', '+', 1),
    lastError: error,
    nextRunAt: retryAt.toISOString(),
    updatedAt: now.toISOString(),
  })).where('id', '=', id).execute()
}
