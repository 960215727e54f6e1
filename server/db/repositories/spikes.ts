import type { Db } from '../index'
import type { AlertChannel, Spike } from '../schema'

const SPIKE_COLUMNS = ['id', 'topicId', 'lang', 'granularity', 'start', 'end', 'peakAt', 'peakCount', 'total', 'baseline', 'z', 'drivers', 'detectedAt', 'updatedAt'] as const

export async function listSpikes(db: Db, filter: { topicId?: number, since?: string, limit: number }) {
  let query = db.selectFrom('spikes').select(SPIKE_COLUMNS).orderBy('start', 'desc').limit(filter.limit)
  if (filter.topicId !== undefined) query = query.where('topicId', '=', filter.topicId)
  if (filter.since) query = query.where('end', '>=', filter.since)
  const rows = await query.execute()
  return rows.map((row) => ({ ...row, drivers: JSON.parse(row.drivers) as unknown }))
}

/** A spike as the watch found it: the stored row without its bookkeeping, drivers not yet JSON. */
export type SpikeRecord = Omit<Spike, 'id' | 'drivers' | 'detectedAt' | 'updatedAt'> & { drivers: unknown }

/**
 * Saves a spike event; the same event seen again (same topic, language, granularity and start)
 * is updated as it grows, not duplicated. Returns its id and whether it is new.
 */
export async function saveSpike(db: Db, spike: SpikeRecord, now: Date): Promise<{ id: number, created: boolean }> {
  const at = now.toISOString()
  const existing = await db.selectFrom('spikes').select('id')
    .where('topicId', '=', spike.topicId).where('lang', '=', spike.lang).where('granularity', '=', spike.granularity).where('start', '=', spike.start)
    .executeTakeFirst()
  const values = { ...spike, drivers: JSON.stringify(spike.drivers), updatedAt: at }
  if (existing) {
    await db.updateTable('spikes').set(values).where('id', '=', existing.id).execute()
    return { id: existing.id, created: false }
  }
  const row = await db.insertInto('spikes').values({ ...values, detectedAt: at }).returning('id').executeTakeFirstOrThrow()
  return { id: row.id, created: true }
}

export async function recordAlert(db: Db, alert: { spikeId: number, topicId: number, channel: AlertChannel, status: 'sent' | 'failed' | 'skipped', detail: string }, now: Date) {
  await db.insertInto('alerts').values({ ...alert, createdAt: now.toISOString() }).execute()
}

/** In-app alerts, newest first, with their topic and spike. */
export async function listAppAlerts(db: Db, options: { limit: number, unreadOnly?: boolean }) {
  let query = db.selectFrom('alerts')
    .innerJoin('topics', 'topics.id', 'alerts.topicId')
    .innerJoin('spikes', 'spikes.id', 'alerts.spikeId')
    .select(['alerts.id', 'alerts.createdAt', 'alerts.readAt', 'alerts.detail', 'topics.id as topicId', 'topics.name as topicName', 'topics.color as topicColor',
      'spikes.lang', 'spikes.granularity', 'spikes.start', 'spikes.end', 'spikes.peakCount', 'spikes.total', 'spikes.baseline', 'spikes.z'])
    .where('alerts.channel', '=', 'app')
    .orderBy('alerts.id', 'desc').limit(options.limit)
  if (options.unreadOnly) query = query.where('alerts.readAt', 'is', null)
  return query.execute()
}
