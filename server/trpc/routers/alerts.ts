import { z } from 'zod'
import { ANY_ROLE } from '../../../shared/roles'
import { listAppAlerts } from '../../db/repositories/spikes'
import { procedureFor, router } from '../init'

// In-app alerts are the team's shared inbox of spikes: everyone sees them; reading one marks it
// read for the team.
export const alertsRouter = router({
  list: procedureFor(ANY_ROLE)
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20), unreadOnly: z.boolean().default(false) }))
    .query(async ({ ctx, input }) => {
      const alerts = await listAppAlerts(ctx.db, input)
      const unread = await ctx.db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('channel', '=', 'app').where('readAt', 'is', null).executeTakeFirstOrThrow()
      return { alerts, unread: Number(unread.n) }
    }),

  markRead: procedureFor(ANY_ROLE)
    .input(z.object({ ids: z.array(z.number().int().positive()).max(200).optional() }))
    .mutation(async ({ ctx, input }) => {
      let query = ctx.db.updateTable('alerts').set({ readAt: ctx.now().toISOString() }).where('channel', '=', 'app').where('readAt', 'is', null)
      if (input.ids) query = query.where('id', 'in', input.ids.length ? input.ids : [0])
      const result = await query.executeTakeFirst()
      return { marked: Number(result.numUpdatedRows) }
    }),
})
