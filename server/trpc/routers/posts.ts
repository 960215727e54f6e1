import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { recordAudit } from '../../db/repositories/audit'
import { procedureFor, router } from '../init'

const SENTIMENT_LABELS = ['positive', 'negative', 'neutral'] as const

export const postsRouter = router({
  /**
   * An analyst's sentiment label for a post; null removes the correction. The computed score
   * stays as it was, so the lexicon's view and the analyst's can both be read.
   */
  setSentiment: procedureFor(['admin', 'analyst'])
    .input(z.object({ id: z.number().int().positive(), label: z.enum(SENTIMENT_LABELS).nullable() }))
    .mutation(async ({ ctx, input }) => {
      const at = ctx.now().toISOString()
      return ctx.db.transaction().execute(async (trx) => {
        const post = await trx.selectFrom('posts').select(['id', 'sentimentLabel', 'sentimentCorrected']).where('id', '=', input.id).executeTakeFirst()
        if (!post) throw new TRPCError({ code: 'NOT_FOUND', message: `no post with id ${input.id}` })
        await trx.updateTable('posts').set({
          sentimentCorrected: input.label,
          sentimentCorrectedBy: input.label ? ctx.user.id : null,
          sentimentCorrectedAt: input.label ? at : null,
        }).where('id', '=', input.id).execute()
        await recordAudit(trx, { id: ctx.user.id, label: ctx.user.email }, {
          action: 'post.sentiment', targetType: 'post', targetId: input.id,
          details: { computed: post.sentimentLabel, from: post.sentimentCorrected, to: input.label },
        }, ctx.now())
        return { id: input.id, sentimentLabel: post.sentimentLabel, sentimentCorrected: input.label }
      })
    }),
})
