import type { Db } from '../db'
import { findCredentials, findUserById, updateUser } from '../db/repositories/users'
import { decoyHash, verifyPassword } from './password'
import type { LoginThrottle } from './throttle'

export type LoginResult =
  | { ok: true, user: NonNullable<Awaited<ReturnType<typeof findUserById>>> }
  | { ok: false, reason: 'invalid' }
  | { ok: false, reason: 'throttled', retryAfterMs: number }

export interface LoginAttempt {
  email: string
  password: string
  /** The client's address, so one address cannot try many accounts freely. */
  ip: string
}

/** Failures are counted per account and, more leniently, per address (offices share one). */
export interface LoginThrottles {
  account: LoginThrottle
  address: LoginThrottle
}

export async function attemptLogin(db: Db, throttles: LoginThrottles, attempt: LoginAttempt, now: Date): Promise<LoginResult> {
  const account = [attempt.email.trim().toLowerCase()]
  const address = [attempt.ip]
  const at = now.getTime()
  const wait = Math.max(throttles.account.waitFor(account, at), throttles.address.waitFor(address, at))
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterMs: wait }

  const credentials = await findCredentials(db, attempt.email)
  // Unknown e-mails cost the same scrypt work as known ones.
  const valid = await verifyPassword(credentials?.passwordHash ?? await decoyHash(), attempt.password)
  if (!credentials || !valid || credentials.disabledAt !== null) {
    throttles.account.recordFailure(account, at)
    throttles.address.recordFailure(address, at)
    return { ok: false, reason: 'invalid' }
  }
  throttles.account.recordSuccess(account)
  const user = await updateUser(db, credentials.id, { lastLoginAt: now.toISOString() }, now)
  return { ok: true, user: user! }
}

/** The signed-in user for a session, or null when the account is gone or disabled. */
export async function activeUser(db: Db, id: number) {
  const user = await findUserById(db, id)
  return user && user.disabledAt === null ? user : null
}
