import type { Db } from '../index'

export interface Actor {
  id: number | null
  label: string
}

export const CLI_ACTOR: Actor = { id: null, label: 'cli' }

export interface AuditRecord {
  action: string
  targetType: string
  targetId?: string | number | null
  details?: Record<string, unknown>
}

/** Call inside the transaction that makes the change, so the log and the data never disagree. */
export async function recordAudit(db: Db, actor: Actor, record: AuditRecord, now: Date): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      at: now.toISOString(),
      actorId: actor.id,
      actorLabel: actor.label,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId == null ? null : String(record.targetId),
      details: JSON.stringify(record.details ?? {}),
    })
    .execute()
}

export interface AuditPageQuery {
  limit: number
  /** Keyset cursor: the id of the last entry already shown. */
  before?: number
  action?: string
}

export async function listAudit(db: Db, query: AuditPageQuery) {
  let q = db
    .selectFrom('auditLog')
    .select(['id', 'at', 'actorId', 'actorLabel', 'action', 'targetType', 'targetId', 'details'])
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
  if (query.before !== undefined) q = q.where('id', '<', query.before)
  if (query.action) q = q.where('action', '=', query.action)
  const rows = await q.execute()
  const page = rows.slice(0, query.limit).map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }))
  return { entries: page, nextCursor: rows.length > query.limit ? page.at(-1)!.id : null }
}

export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('auditLog').select('action').distinct().orderBy('action').execute()
  return rows.map((r) => r.action)
}
