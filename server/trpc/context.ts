import type { Db } from '../db'
import type { PublicUser } from '../db/repositories/users'

// The inner context holds everything a procedure needs; tests build it directly and call
// procedures through createCaller, with no HTTP in between.
export interface Context {
  db: Db
  user: PublicUser | null
  now: () => Date
}

export function createInnerContext(opts: { db: Db, user?: PublicUser | null, now?: () => Date }): Context {
  return { db: opts.db, user: opts.user ?? null, now: opts.now ?? (() => new Date()) }
}
