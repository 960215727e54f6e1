import { createDb, type Db } from '../../server/db'
import { migrateToLatest } from '../../server/db/migrations'
import { createAccount } from '../../server/auth/accounts'
import { CLI_ACTOR } from '../../server/db/repositories/audit'
import type { Role } from '../../shared/roles'
import { createInnerContext } from '../../server/trpc/context'
import { createCallerFactory } from '../../server/trpc/init'
import { appRouter } from '../../server/trpc/routers'
import type { PublicUser } from '../../server/db/repositories/users'

export const PASSWORD = 'correct horse battery'

export async function freshDb(): Promise<Db> {
  const { db } = createDb(':memory:')
  await migrateToLatest(db)
  return db
}

export function anAccount(db: Db, role: Role, email = `${role}@example.org`) {
  return createAccount(db, CLI_ACTOR, { email, role, password: PASSWORD })
}

const createCaller = createCallerFactory(appRouter)

export function callerAs(db: Db, user: PublicUser | null, now = () => new Date('2026-11-22T10:00:00Z')) {
  return createCaller(createInnerContext({ db, user, now }))
}
