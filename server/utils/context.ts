import type { H3Event } from 'h3'
import { activeUser } from '../auth/login'
import type { PublicUser } from '../db/repositories/users'
import type { Role } from '../../shared/roles'
import { createInnerContext, type Context } from '../trpc/context'

/** The session's user, re-read so a disabled account stops at once; null without a session. */
export async function sessionUser(event: H3Event): Promise<PublicUser | null> {
  const session = await getUserSession(event)
  const id = session.user?.id
  return typeof id === 'number' ? await activeUser(useDb().db, id) : null
}

/** The tRPC context for a web request. */
export async function createHttpContext(event: H3Event): Promise<Context> {
  return createInnerContext({ db: useDb().db, user: await sessionUser(event), ingest: useIngest(), nlp: useNlp(), graph: useSnapshots() })
}

/**
 * The signed-in user of a plain (non-tRPC) endpoint, with the answers procedureFor gives:
 * 401 without a session, 403 for a role not listed.
 */
export async function requireRole(event: H3Event, roles: readonly Role[]): Promise<PublicUser> {
  const user = await sessionUser(event)
  if (!user) throw createError({ statusCode: 401, statusMessage: 'Unauthorized', message: 'sign in first' })
  if (!roles.includes(user.role)) {
    throw createError({ statusCode: 403, statusMessage: 'Forbidden', message: `this needs one of the roles: ${roles.join(', ')}` })
  }
  return user
}
