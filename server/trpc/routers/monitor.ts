import { z } from 'zod'
import { ANY_ROLE } from '../../../shared/roles'
import { monitorFiltersSchema } from '../../../shared/schemas/monitor'
import { emergingFor } from '../../db/repositories/emerging'
import { overviewBreakdown, overviewSpikes, overviewSummary, overviewTopPosts, overviewVolume } from '../../db/repositories/monitor'
import { procedureFor, router } from '../init'

// The overview page: every procedure takes the page's filters and reads the daily rollup (top
// posts read an index on engagement). Everyone signed in reads dashboards.
const readers = procedureFor(ANY_ROLE)
const filtered = z.object({ filters: monitorFiltersSchema })

export const monitorRouter = router({
  summary: readers.input(filtered).query(({ ctx, input }) => overviewSummary(ctx.db, input.filters)),

  volume: readers.input(filtered.extend({ by: z.enum(['topic', 'lang', 'platform']) }))
    .query(({ ctx, input }) => overviewVolume(ctx.db, input.filters, input.by)),

  breakdown: readers.input(filtered).query(({ ctx, input }) => overviewBreakdown(ctx.db, input.filters)),

  topPosts: readers.input(filtered.extend({ limit: z.number().int().min(1).max(50).default(10) }))
    .query(({ ctx, input }) => overviewTopPosts(ctx.db, input.filters, input.limit)),

  emerging: readers.input(filtered.extend({ top: z.number().int().min(1).max(50).default(15) }))
    .query(({ ctx, input }) => emergingFor(ctx.db, input.filters, input.filters.langs, input.top)),

  spikes: readers.input(filtered).query(({ ctx, input }) => overviewSpikes(ctx.db, input.filters)),
})
