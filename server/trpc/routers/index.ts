import { router } from '../init'
import { auditRouter } from './audit'
import { authRouter } from './auth'
import { instanceRouter } from './instance'
import { sourcesRouter } from './sources'
import { usersRouter } from './users'

// One router per domain, named in the users' words.
export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  audit: auditRouter,
  instance: instanceRouter,
  sources: sourcesRouter,
})

export type AppRouter = typeof appRouter
