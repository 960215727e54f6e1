import { router } from '../init'
import { alertsRouter } from './alerts'
import { auditRouter } from './audit'
import { authRouter } from './auth'
import { instanceRouter } from './instance'
import { postsRouter } from './posts'
import { sourcesRouter } from './sources'
import { topicsRouter } from './topics'
import { usersRouter } from './users'

// One router per domain, named in the users' words.
export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  audit: auditRouter,
  instance: instanceRouter,
  sources: sourcesRouter,
  topics: topicsRouter,
  posts: postsRouter,
  alerts: alertsRouter,
})

export type AppRouter = typeof appRouter
