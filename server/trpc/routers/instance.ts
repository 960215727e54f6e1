import { schemaStatus } from '../../db/migrations'
import { listAudit } from '../../db/repositories/audit'
import { procedureFor, router } from '../init'

export const instanceRouter = router({
  /** What an admin checks first: is the schema current, who can sign in. */
  status: procedureFor(['admin']).query(async ({ ctx }) => {
    const schema = await schemaStatus(ctx.db)
    const { entries } = await listAudit(ctx.db, { limit: 5 })
    return { schema, recentChanges: entries }
  }),
})
