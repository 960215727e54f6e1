import type { Db } from '../index'
import type { NewUser, UserUpdate } from '../schema'
import type { Role } from '../../../shared/roles'

// What leaves the data layer about a user: never the password hash.
const PUBLIC_COLUMNS = ['id', 'email', 'name', 'role', 'createdAt', 'updatedAt', 'lastLoginAt', 'disabledAt'] as const

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export function listUsers(db: Db) {
  return db.selectFrom('users').select(PUBLIC_COLUMNS).orderBy('email').execute()
}

export type PublicUser = Awaited<ReturnType<typeof listUsers>>[number]

export function findUserById(db: Db, id: number) {
  return db.selectFrom('users').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst()
}

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').select(PUBLIC_COLUMNS).where('email', '=', normaliseEmail(email)).executeTakeFirst()
}

/** The hash is read only where a password is checked. */
export function findCredentials(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'passwordHash', 'disabledAt'])
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst()
}

export async function insertUser(db: Db, user: Omit<NewUser, 'createdAt' | 'updatedAt'>, now: Date) {
  const at = now.toISOString()
  return db
    .insertInto('users')
    .values({ ...user, email: normaliseEmail(user.email), createdAt: at, updatedAt: at })
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow()
}

export async function updateUser(db: Db, id: number, changes: Omit<UserUpdate, 'id' | 'updatedAt'>, now: Date) {
  return db
    .updateTable('users')
    .set({ ...changes, updatedAt: now.toISOString() })
    .where('id', '=', id)
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirst()
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabledAt', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function countUsersByRole(db: Db): Promise<Record<Role, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['role', (eb) => eb.fn.countAll<number>().as('n')])
    .where('disabledAt', 'is', null)
    .groupBy('role')
    .execute()
  const counts: Record<Role, number> = { admin: 0, analyst: 0, editor: 0, viewer: 0 }
  for (const row of rows) counts[row.role] = Number(row.n)
  return counts
}
