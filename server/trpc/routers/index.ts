import { router } from '../init'
import { alertsRouter } from './alerts'
import { auditRouter } from './audit'
import { authRouter } from './auth'
import { calendarRouter } from './calendar'
import { conversationsRouter } from './conversations'
import { digestRouter } from './digest'
import { influencersRouter } from './influencers'
import { instanceRouter } from './instance'
import { monitorRouter } from './monitor'
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
  monitor: monitorRouter,
  conversations: conversationsRouter,
  calendar: calendarRouter,
  influencers: influencersRouter,
  digest: digestRouter,
})

export type AppRouter = typeof appRouter
