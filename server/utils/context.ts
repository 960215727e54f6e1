import type { H3Event } from 'h3'
import { activeUser } from '../auth/login'
import { createInnerContext, type Context } from '../trpc/context'

/** The tRPC context for a web request: the session's user, re-read so a disabled account stops at once. */
export async function createHttpContext(event: H3Event): Promise<Context> {
  const { db } = useDb()
  const session = await getUserSession(event)
  const id = session.user?.id
  const user = typeof id === 'number' ? await activeUser(db, id) : null
  return createInnerContext({ db, user, ingest: useIngest(), nlp: useNlp() })
}
