import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { lastFullWeek, WeekError } from '../../../shared/digest'
import { ANY_ROLE, type Role } from '../../../shared/roles'
import { weekInput } from '../../../shared/schemas/digest'
import { readAlertConfig } from '../../alerts/config'
import { getDigest, isSubscribed, listDigests, setSubscription } from '../../db/repositories/digests'
import { readDigestConfig } from '../../digest/config'
import { digestProgress, DigestWeekError, makeDigest, sendDigest } from '../../digest/service'
import { procedureFor, router } from '../init'

// The weekly digest (PRODUCT.md §6). Everyone reads it and chooses whether to receive it;
// the people who prepare what managers read generate a week on demand; admins send it.
const GENERATORS: readonly Role[] = ['admin', 'analyst', 'editor']
const SENDERS: readonly Role[] = ['admin']
const readers = procedureFor(ANY_ROLE)
const generators = procedureFor(GENERATORS)
const senders = procedureFor(SENDERS)

const badWeek = (error: unknown) => {
  if (error instanceof WeekError || error instanceof DigestWeekError) throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error })
  throw error
}

export const digestRouter = router({
  info: readers.query(async ({ ctx }) => {
    const config = readDigestConfig()
    return {
      timeZone: config.timeZone,
      lastFullWeek: lastFullWeek(ctx.now(), config.timeZone),
      emailEnabled: readAlertConfig().email.enabled,
      canGenerate: GENERATORS.includes(ctx.user.role),
      canSend: SENDERS.includes(ctx.user.role),
      subscribed: await isSubscribed(ctx.db, ctx.user.id),
      email: ctx.user.email,
    }
  }),

  list: readers.input(z.object({ limit: z.number().int().min(1).max(520).default(104) }).default({ limit: 104 }))
    .query(({ ctx, input }) => listDigests(ctx.db, input.limit)),

  get: readers.input(weekInput).query(async ({ ctx, input }) => {
    const digest = await getDigest(ctx.db, input.week)
    if (!digest) throw new TRPCError({ code: 'NOT_FOUND', message: `no digest for ${input.week} yet` })
    return digest
  }),

  /** The step a week's digest being made has reached, for a progress bar while `generate` runs; null when idle. */
  progress: generators.input(weekInput).query(({ input }) => digestProgress(input.week)),

  generate: generators.input(weekInput).mutation(({ ctx, input }) =>
    makeDigest(ctx.db, input.week, readDigestConfig(), {
      trigger: 'manual', actor: { id: ctx.user.id, label: ctx.user.email }, now: ctx.now(),
    }).catch(badWeek)),

  send: senders.input(weekInput).mutation(async ({ ctx, input }) => {
    const alerts = readAlertConfig()
    if (!alerts.email.enabled) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: alerts.email.reason })
    const digest = await getDigest(ctx.db, input.week)
    if (!digest) throw new TRPCError({ code: 'NOT_FOUND', message: `no digest for ${input.week} yet` })
    const outcome = await sendDigest(ctx.db, digest, alerts, { id: ctx.user.id, label: ctx.user.email }, ctx.now())
    if (outcome.sentTo === 0) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: outcome.error ?? 'no one received the digest' })
    return outcome
  }),

  subscribe: readers.input(z.object({ subscribed: z.boolean() })).mutation(async ({ ctx, input }) => {
    await setSubscription(ctx.db, ctx.user.id, input.subscribed, { id: ctx.user.id, label: ctx.user.email }, ctx.now())
    return { subscribed: input.subscribed }
  }),
})
