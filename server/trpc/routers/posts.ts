import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { DailyRollup, NO_SENTIMENT } from '../../../ingest/rollups/daily'
import { recordAudit } from '../../db/repositories/audit'
import { addDailyCells, subtractFromDailyCells } from '../../db/repositories/daily-stats'
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
        const post = await trx.selectFrom('posts')
          .select(['id', 'sentimentLabel', 'sentimentCorrected', 'createdAt', 'lang', 'platform', 'sourceId', 'authorId', 'engagement'])
          .where('id', '=', input.id).executeTakeFirst()
        if (!post) throw new TRPCError({ code: 'NOT_FOUND', message: `no post with id ${input.id}` })
        const shownBefore = post.sentimentCorrected ?? post.sentimentLabel
        const shownAfter = input.label ?? post.sentimentLabel
        if (shownBefore !== shownAfter) {
          // The overview counts posts by the label shown: move this one to its new cells.
          const topics = await trx.selectFrom('postTopics').select('topicId').where('postId', '=', post.id).execute()
          const topicIds = [0, ...topics.map((t) => t.topicId)]
          const key = { day: post.createdAt.slice(0, 10), lang: post.lang ?? 'und', platform: post.platform, sourceId: post.sourceId ?? 0 }
          await subtractFromDailyCells(trx, topicIds.map((topicId) => ({ ...key, topicId, sentiment: shownBefore ?? NO_SENTIMENT })), post.engagement)
          const moved = new DailyRollup()
          moved.add({ ...post, sentiment: shownAfter, topicIds: [] }, topicIds)
          await addDailyCells(trx, moved)
        }
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
