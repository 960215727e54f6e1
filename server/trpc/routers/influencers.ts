import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { ANY_ROLE } from '../../../shared/roles'
import { influencerListSchema, snapshotScopeSchema, watchEntrySchema } from '../../../shared/schemas/influencers'
import {
  authorLabels, getSnapshot, listInfluencers, listSnapshots, listWatchlist, removeWatchEntry, requestSnapshot, saveWatchEntry, snapshotCommunities, snapshotMap,
} from '../../db/repositories/influencers'
import { authorProfile } from '../../db/repositories/profiles'
import type { Context } from '../context'
import { procedureFor, router } from '../init'

// Influencers (PRODUCT.md §4): everyone reads the network, its scores and the watchlist;
// analysts and admins compute snapshots and keep the watchlist.
const readers = procedureFor(ANY_ROLE)
const analysts = procedureFor(['admin', 'analyst'])
const id = z.number().int().positive()

const actorOf = (ctx: Context & { user: NonNullable<Context['user']> }) => ({ id: ctx.user.id, label: ctx.user.email })

async function doneSnapshot(ctx: Context, snapshotId: number) {
  const snapshot = await getSnapshot(ctx.db, snapshotId)
  if (!snapshot) throw new TRPCError({ code: 'NOT_FOUND', message: `no network snapshot ${snapshotId}` })
  if (snapshot.status !== 'done') throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `snapshot ${snapshotId} is ${snapshot.status}, not ready to read` })
  return snapshot
}

export const influencersRouter = router({
  snapshots: readers.input(z.object({ limit: z.number().int().min(1).max(100).default(20) })).query(({ ctx, input }) => listSnapshots(ctx.db, input.limit)),

  snapshot: readers.input(z.object({ id })).query(async ({ ctx, input }) => {
    const snapshot = await getSnapshot(ctx.db, input.id)
    if (!snapshot) throw new TRPCError({ code: 'NOT_FOUND', message: `no network snapshot ${input.id}` })
    return snapshot
  }),

  /** Queues the computation of a network for a topic, language and period; progress is on the snapshot. */
  request: analysts.input(snapshotScopeSchema).mutation(async ({ ctx, input }) => {
    const result = await requestSnapshot(ctx.db, input, actorOf(ctx), ctx.now())
    ctx.graph?.wake()
    return result
  }),

  map: readers.input(z.object({ snapshotId: id })).query(async ({ ctx, input }) => {
    await doneSnapshot(ctx, input.snapshotId)
    return snapshotMap(ctx.db, input.snapshotId)
  }),

  list: readers.input(influencerListSchema).query(async ({ ctx, input }) => {
    await doneSnapshot(ctx, input.snapshotId)
    return listInfluencers(ctx.db, input)
  }),

  communities: readers.input(z.object({ snapshotId: id })).query(async ({ ctx, input }) => {
    await doneSnapshot(ctx, input.snapshotId)
    const communities = await snapshotCommunities(ctx.db, input.snapshotId)
    // Key members are named on the page, so their handles come along with their ids.
    const labels = await authorLabels(ctx.db, communities.flatMap((community) => community.members))
    return communities.map((community) => ({
      ...community,
      members: community.members.map((authorId) => ({ authorId, ...(labels.get(authorId) ?? { handle: `#${authorId}`, name: null }) })),
    }))
  }),

  profile: readers.input(z.object({ authorId: id, snapshotId: id.nullable().default(null) })).query(async ({ ctx, input }) => {
    if (input.snapshotId !== null) await doneSnapshot(ctx, input.snapshotId)
    const profile = await authorProfile(ctx.db, input.authorId, input.snapshotId)
    if (!profile) throw new TRPCError({ code: 'NOT_FOUND', message: `no author ${input.authorId}` })
    return profile
  }),

  watchlist: readers.query(({ ctx }) => listWatchlist(ctx.db)),

  watch: analysts.input(watchEntrySchema).mutation(async ({ ctx, input }) => {
    const author = await ctx.db.selectFrom('authors').select('id').where('id', '=', input.authorId).executeTakeFirst()
    if (!author) throw new TRPCError({ code: 'NOT_FOUND', message: `no author ${input.authorId}` })
    await saveWatchEntry(ctx.db, input, actorOf(ctx), ctx.now())
    return { authorId: input.authorId }
  }),

  unwatch: analysts.input(z.object({ authorId: id })).mutation(async ({ ctx, input }) => {
    const removed = await removeWatchEntry(ctx.db, input.authorId, actorOf(ctx), ctx.now())
    if (!removed) throw new TRPCError({ code: 'NOT_FOUND', message: `author ${input.authorId} is not on the watchlist` })
    return { authorId: input.authorId }
  }),
})
