import { TRPCError } from '@trpc/server'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../server/db'
import { listAudit } from '../../server/db/repositories/audit'
import { anAccount, callerAs, freshDb } from './support'

let db: Db
beforeEach(async () => {
  db = await freshDb()
})

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  }
  catch (error) {
    if (error instanceof TRPCError) return error.code
    throw error
  }
  throw new Error('expected the call to fail')
}

describe('role enforcement', () => {
  it('refuses users.list without a session as UNAUTHORIZED', async () => {
    expect(await codeOf(callerAs(db, null).users.list())).toBe('UNAUTHORIZED')
  })

  it.each(['analyst', 'editor', 'viewer'] as const)('refuses users.list to an %s as FORBIDDEN', async (role) => {
    const user = await anAccount(db, role)
    expect(await codeOf(callerAs(db, user).users.list())).toBe('FORBIDDEN')
    expect(await codeOf(callerAs(db, user).users.create({ email: 'x@example.org', name: 'X', role: 'admin', password: 'long enough pw' }))).toBe('FORBIDDEN')
  })

  it('lets an admin list accounts without their password hashes', async () => {
    const admin = await anAccount(db, 'admin')
    await anAccount(db, 'viewer')
    const users = await callerAs(db, admin).users.list()
    expect(users.map((u) => u.email)).toEqual(['admin@example.org', 'viewer@example.org'])
    expect(JSON.stringify(users)).not.toMatch(/scrypt|passwordHash/)
  })

  it('answers auth.me for every role', async () => {
    for (const role of ['admin', 'analyst', 'editor', 'viewer'] as const) {
      const user = await anAccount(db, role)
      expect((await callerAs(db, user).auth.me())?.role).toBe(role)
    }
  })
})

describe('account changes', () => {
  it('creates an account and records who did it in the audit log', async () => {
    const admin = await anAccount(db, 'admin')
    const created = await callerAs(db, admin).users.create({ email: ' New.Person@Example.org ', name: 'New Person', role: 'editor', password: 'a long password' })
    expect(created).toMatchObject({ email: 'new.person@example.org', role: 'editor', disabledAt: null })
    const { entries } = await listAudit(db, { limit: 10 })
    expect(entries[0]).toMatchObject({ actorLabel: 'admin@example.org', action: 'user.create', targetId: String(created.id) })
    expect(entries[0]!.details).toEqual({ email: 'new.person@example.org', role: 'editor' })
  })

  it('rejects invalid input with field errors for the form', async () => {
    const admin = await anAccount(db, 'admin')
    const error = await callerAs(db, admin).users.create({ email: 'not-an-email', name: '', role: 'editor', password: 'short' })
      .then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(TRPCError)
    expect((error as TRPCError).code).toBe('BAD_REQUEST')
  })

  it('refuses a second account with the same e-mail as CONFLICT', async () => {
    const admin = await anAccount(db, 'admin')
    await anAccount(db, 'viewer')
    expect(await codeOf(callerAs(db, admin).users.create({ email: 'VIEWER@example.org', name: 'V', role: 'viewer', password: 'a long password' }))).toBe('CONFLICT')
  })

  it('changes a role and disables an account, auditing both', async () => {
    const admin = await anAccount(db, 'admin')
    const viewer = await anAccount(db, 'viewer')
    const caller = callerAs(db, admin)
    await caller.users.update({ id: viewer.id, role: 'analyst' })
    const disabled = await caller.users.update({ id: viewer.id, disabled: true })
    expect(disabled).toMatchObject({ role: 'analyst', disabledAt: '2026-11-22T10:00:00.000Z' })
    const { entries } = await listAudit(db, { limit: 10, action: 'user.update' })
    expect(entries.map((e) => e.details)).toEqual([
      { email: 'viewer@example.org', disabled: { from: false, to: true } },
      { email: 'viewer@example.org', role: { from: 'viewer', to: 'analyst' } },
    ])
  })

  it('keeps at least one active admin', async () => {
    const admin = await anAccount(db, 'admin')
    const other = await anAccount(db, 'admin', 'second@example.org')
    expect(await codeOf(callerAs(db, admin).users.update({ id: admin.id, disabled: true }))).toBe('PRECONDITION_FAILED')
    await callerAs(db, admin).users.update({ id: other.id, disabled: true })
    const after = await callerAs(db, admin).users.list()
    expect(after.find((u) => u.id === other.id)?.disabledAt).not.toBeNull()
  })

  it('writes nothing when the audit entry cannot be written', async () => {
    const admin = await anAccount(db, 'admin')
    await db.schema.dropTable('audit_log').execute()
    await expect(callerAs(db, admin).users.create({ email: 'lost@example.org', name: 'Lost', role: 'viewer', password: 'a long password' })).rejects.toThrow()
    const rows = await db.selectFrom('users').select('email').execute()
    expect(rows.map((r) => r.email)).toEqual(['admin@example.org'])
  })
})

describe('own password', () => {
  it('needs the current password', async () => {
    const editor = await anAccount(db, 'editor')
    expect(await codeOf(callerAs(db, editor).auth.changePassword({ currentPassword: 'wrong one', newPassword: 'a brand new one' }))).toBe('BAD_REQUEST')
    await callerAs(db, editor).auth.changePassword({ currentPassword: 'correct horse battery', newPassword: 'a brand new one' })
    const { entries } = await listAudit(db, { limit: 5, action: 'user.password' })
    expect(entries).toHaveLength(1)
  })
})
