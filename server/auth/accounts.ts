import type { Db } from '../db'
import { type Actor, recordAudit } from '../db/repositories/audit'
import {
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  normaliseEmail,
  updateUser,
} from '../db/repositories/users'
import { hashPassword } from './password'
import type { Role } from '../../shared/roles'

// Account changes shared by the web app and the CLI: each one is a single transaction that
// also writes the audit entry.

export type AccountErrorReason = 'email_taken' | 'not_found' | 'last_admin' | 'self_lockout'

export class AccountError extends Error {
  constructor(readonly reason: AccountErrorReason, message: string, readonly field?: string) {
    super(message)
  }
}

export interface NewAccount {
  email: string
  name?: string
  role: Role
  password: string
}

function nameFromEmail(email: string): string {
  return email.split('@')[0]!.replace(/[._-]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase())
}

export async function createAccount(db: Db, actor: Actor, input: NewAccount, now = new Date()) {
  const email = normaliseEmail(input.email)
  const passwordHash = await hashPassword(input.password)
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, email)) {
      throw new AccountError('email_taken', `an account with e-mail ${email} already exists`, 'email')
    }
    const user = await insertUser(trx, {
      email,
      name: input.name?.trim() || nameFromEmail(email),
      role: input.role,
      passwordHash,
      lastLoginAt: null,
      disabledAt: null,
    }, now)
    await recordAudit(trx, actor, {
      action: 'user.create', targetType: 'user', targetId: user.id,
      details: { email: user.email, role: user.role },
    }, now)
    return user
  })
}

export interface AccountChanges {
  name?: string
  role?: Role
  disabled?: boolean
}

export async function changeAccount(db: Db, actor: Actor, id: number, changes: AccountChanges, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, id)
    if (!before) throw new AccountError('not_found', `no account with id ${id}`)
    const demotes = changes.role !== undefined && changes.role !== 'admin' && before.role === 'admin'
    const disables = changes.disabled === true && before.disabledAt === null
    if (actor.id === id && (demotes || disables)) {
      throw new AccountError('self_lockout', 'you cannot disable your own account or remove your own admin role')
    }
    if ((demotes || disables) && before.role === 'admin' && before.disabledAt === null
      && (await countActiveAdmins(trx)) <= 1) {
      throw new AccountError('last_admin', 'this is the last active admin: add another admin first')
    }
    const update: Parameters<typeof updateUser>[2] = {}
    const diff: Record<string, { from: unknown, to: unknown }> = {}
    if (changes.name !== undefined && changes.name.trim() !== before.name) {
      update.name = changes.name.trim()
      diff.name = { from: before.name, to: update.name }
    }
    if (changes.role !== undefined && changes.role !== before.role) {
      update.role = changes.role
      diff.role = { from: before.role, to: changes.role }
    }
    if (changes.disabled !== undefined && changes.disabled !== (before.disabledAt !== null)) {
      update.disabledAt = changes.disabled ? now.toISOString() : null
      diff.disabled = { from: before.disabledAt !== null, to: changes.disabled }
    }
    if (Object.keys(diff).length === 0) return before
    const after = await updateUser(trx, id, update, now)
    await recordAudit(trx, actor, {
      action: 'user.update', targetType: 'user', targetId: id, details: { email: before.email, ...diff },
    }, now)
    return after!
  })
}

export async function setAccountPassword(db: Db, actor: Actor, id: number, password: string, now = new Date()) {
  const passwordHash = await hashPassword(password)
  await db.transaction().execute(async (trx) => {
    const user = await updateUser(trx, id, { passwordHash }, now)
    if (!user) throw new AccountError('not_found', `no account with id ${id}`)
    await recordAudit(trx, actor, {
      action: 'user.password', targetType: 'user', targetId: id, details: { email: user.email },
    }, now)
  })
}
