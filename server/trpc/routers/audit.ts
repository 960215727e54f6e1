import { auditListInput } from '../../../shared/schemas/users'
import { listAudit, listAuditActions } from '../../db/repositories/audit'
import { procedureFor, router } from '../init'

export const auditRouter = router({
  list: procedureFor(['admin'])
    .input(auditListInput)
    .query(({ ctx, input }) =>
      listAudit(ctx.db, { limit: input.limit, before: input.cursor ?? undefined, action: input.action })),

  actions: procedureFor(['admin']).query(({ ctx }) => listAuditActions(ctx.db)),
})
