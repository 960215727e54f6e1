import { schemaStatus } from '../../db/migrations'
import { listAudit } from '../../db/repositories/audit'
import { listeningSummary } from '../../db/repositories/posts'
import { ANY_ROLE } from '../../../shared/roles'
import { procedureFor, router } from '../init'

export const instanceRouter = router({
  /** How much Chorus has heard: every role sees it on the home page. */
  listening: procedureFor(ANY_ROLE).query(({ ctx }) => listeningSummary(ctx.db, ctx.now())),

  /** What an admin checks first: is the schema current, who can sign in. */
  status: procedureFor(['admin']).query(async ({ ctx }) => {
    const schema = await schemaStatus(ctx.db)
    const { entries } = await listAudit(ctx.db, { limit: 5 })
    return { schema, recentChanges: entries }
  }),
})
