import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Role } from '../../shared/roles'

// Column names are snake_case in SQL and camelCase here (CamelCasePlugin).
// Timestamps are ISO-8601 UTC strings: the same in SQLite and PostgreSQL, and sortable.

export interface UserTable {
  id: Generated<number>
  email: string
  name: string
  role: Role
  passwordHash: string
  createdAt: string
  updatedAt: string
  lastLoginAt: string | null
  /** Set when an admin disables the account; its sessions stop working at once. */
  disabledAt: string | null
}
export type User = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>

export interface AuditLogTable {
  id: Generated<number>
  at: string
  /** Null for the CLI or a removed account; actorLabel keeps who it was. */
  actorId: number | null
  actorLabel: string
  action: string
  targetType: string
  targetId: string | null
  /** JSON object with what changed (never secrets). */
  details: string
}
export type AuditEntry = Selectable<AuditLogTable>
export type NewAuditEntry = Insertable<AuditLogTable>

export interface Database {
  users: UserTable
  auditLog: AuditLogTable
}
