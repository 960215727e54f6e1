import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { CALENDAR_PLANNERS, itemProgress, itemStatus } from '../../../shared/calendar'
import { ANY_ROLE, type Role } from '../../../shared/roles'
import {
  authorSearchInput, contentItemIdSchema, createContentItemInput, draftFromGapInput, listContentInput, rescheduleInput,
  saveVersionInput, updateContentItemInput, versionKeyInput,
} from '../../../shared/schemas/calendar'
import { instantOf, localOf, shiftLocal } from '../../../shared/zoned-time'
import { readCoverage } from '../../calendar/coverage'
import { GAP_RULE, readGapHints } from '../../calendar/gaps'
import { latestCommunities } from '../../db/repositories/influencers'
import type { Db } from '../../db'
import { recordAudit } from '../../db/repositories/audit'
import { feedOf, issueFeedToken, revokeFeed } from '../../db/repositories/calendar-feeds'
import {
  type ContentItemDetail, deleteVersion, getContentItem, inactiveUserIds, insertContentItem, listContentItems, listPeople,
  missingAuthorIds, plannedLanguages, replaceChannels, replaceInfluencers, saveVersion, searchAuthors, updateContentItem,
} from '../../db/repositories/content-items'
import type { PublicUser } from '../../db/repositories/users'
import type { Context } from '../context'
import { FieldErrors } from '../errors'
import { procedureFor, router } from '../init'

// The editorial calendar (PRODUCT.md §5). Everyone reads it; editors and admins plan and edit
// any item; analysts may plan too (a gap they spotted becomes a draft) and keep editing the
// items they created, until an editor takes them over. Every change is audited in the
// transaction that makes it.

const readers = procedureFor(ANY_ROLE)
const planners = procedureFor(CALENDAR_PLANNERS)
const EDIT_ANY: readonly Role[] = ['admin', 'editor']

/**
 * A draft made from a gap hint is planned this many days ahead at this local time: inside the
 * hint's horizon, so it closes the gap, with a little time to write it, in the morning when a
 * team's posts are read.
 */
const GAP_DRAFT = { daysAhead: 2, time: 'T10:00' } as const

function canEdit(user: PublicUser, item: { createdBy: number | null }): boolean {
  return EDIT_ANY.includes(user.role) || (user.role === 'analyst' && item.createdBy === user.id)
}

function present<T extends Pick<ContentItemDetail, 'publishAt' | 'timeZone' | 'versions' | 'createdBy'>>(item: T, user: PublicUser) {
  return {
    ...item,
    publishLocal: localOf(item.publishAt, item.timeZone),
    status: itemStatus(item.versions),
    progress: itemProgress(item.versions),
    canEdit: canEdit(user, item),
  }
}

async function requireItem(db: Db, id: number) {
  const item = await getContentItem(db, id)
  if (!item) throw new TRPCError({ code: 'NOT_FOUND', message: `no content item with id ${id}` })
  return item
}

async function requireEditable(ctx: Context & { user: PublicUser }, id: number) {
  const item = await requireItem(ctx.db, id)
  if (!canEdit(ctx.user, item)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'analysts edit only the items they created; ask an editor' })
  }
  return item
}

function badFields(fieldErrors: Record<string, string[]>): never {
  const message = Object.values(fieldErrors).flat().join('; ')
  throw new TRPCError({ code: 'BAD_REQUEST', message, cause: new FieldErrors(message, fieldErrors) })
}

/** The people, topic and authors an input names must exist (and people be able to sign in). */
async function checkReferences(db: Db, refs: { ownerId?: number, assigneeIds?: readonly (number | null)[], topicId?: number | null, influencerIds?: readonly number[] }) {
  const errors: Record<string, string[]> = {}
  if (refs.ownerId !== undefined && (await inactiveUserIds(db, [refs.ownerId])).length) errors.ownerId = ['no active account with this id']
  const assignees = (refs.assigneeIds ?? []).filter((id): id is number => id !== null)
  if ((await inactiveUserIds(db, assignees)).length) errors.assigneeId = ['no active account with this id']
  if (refs.topicId != null && !(await db.selectFrom('topics').select('id').where('id', '=', refs.topicId).executeTakeFirst())) {
    errors.topicId = ['no topic with this id']
  }
  const missing = await missingAuthorIds(db, refs.influencerIds ?? [])
  if (missing.length) errors.influencerIds = [`no author with id ${missing.join(', ')}`]
  if (Object.keys(errors).length) badFields(errors)
}

const actorOf = (user: PublicUser) => ({ id: user.id, label: user.email })

export const calendarRouter = router({
  list: readers.input(listContentInput).query(async ({ ctx, input }) => {
    const range = { from: new Date(input.from).toISOString(), to: new Date(input.to).toISOString() }
    const items = await listContentItems(ctx.db, range, input.filters)
    return items.map((item) => present(item, ctx.user))
  }),

  get: readers.input(z.object({ id: contentItemIdSchema })).query(async ({ ctx, input }) => present(await requireItem(ctx.db, input.id), ctx.user)),

  /** What the pickers and the colour legend need: people, and languages in the order they take colours. */
  options: readers.query(async ({ ctx }) => {
    const [people, languages] = await Promise.all([listPeople(ctx.db), plannedLanguages(ctx.db)])
    return { people, languages, canCreate: CALENDAR_PLANNERS.includes(ctx.user.role) }
  }),

  authors: planners.input(authorSearchInput).query(({ ctx, input }) => searchAuthors(ctx.db, input.q, input.limit)),

  create: planners.input(createContentItemInput).mutation(async ({ ctx, input }) => {
    await checkReferences(ctx.db, { ownerId: input.ownerId, assigneeIds: input.versions.map((v) => v.assigneeId), topicId: input.topicId, influencerIds: input.influencerIds })
    const publishAt = instantOf(input.publishLocal, input.timeZone)
    const id = await ctx.db.transaction().execute(async (trx) => {
      const itemId = await insertContentItem(trx, {
        title: input.title, brief: input.brief, ownerId: input.ownerId, publishAt, timeZone: input.timeZone, topicId: input.topicId, community: input.community,
      }, ctx.user.id, ctx.now())
      await replaceChannels(trx, itemId, input.channels)
      await replaceInfluencers(trx, itemId, input.influencerIds)
      for (const version of input.versions) await saveVersion(trx, itemId, version, ctx.now())
      await recordAudit(trx, actorOf(ctx.user), {
        action: 'content.create', targetType: 'contentItem', targetId: itemId,
        details: { title: input.title, publishAt, timeZone: input.timeZone, langs: input.versions.map((v) => v.lang) },
      }, ctx.now())
      return itemId
    })
    return { id }
  }),

  update: planners.input(updateContentItemInput).mutation(async ({ ctx, input }) => {
    const before = await requireEditable(ctx, input.id)
    await checkReferences(ctx.db, { ownerId: input.ownerId, topicId: input.topicId, influencerIds: input.influencerIds })
    const publishAt = instantOf(input.publishLocal, input.timeZone)
    const after = { title: input.title, brief: input.brief, ownerId: input.ownerId, publishAt, timeZone: input.timeZone, topicId: input.topicId, community: input.community }
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => after[key] !== before[key])
    await ctx.db.transaction().execute(async (trx) => {
      await updateContentItem(trx, input.id, after, ctx.now())
      await replaceChannels(trx, input.id, input.channels)
      await replaceInfluencers(trx, input.id, input.influencerIds)
      await recordAudit(trx, actorOf(ctx.user), {
        action: 'content.update', targetType: 'contentItem', targetId: input.id,
        details: { title: input.title, changed: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: after[key] }])) },
      }, ctx.now())
    })
    return { id: input.id }
  }),

  /** A drag on the calendar: the new wall-clock time, read in the zone the item keeps. */
  reschedule: planners.input(rescheduleInput).mutation(async ({ ctx, input }) => {
    const item = await requireEditable(ctx, input.id)
    const publishAt = instantOf(input.publishLocal, item.timeZone)
    await ctx.db.transaction().execute(async (trx) => {
      await updateContentItem(trx, item.id, { publishAt }, ctx.now())
      await recordAudit(trx, actorOf(ctx.user), {
        action: 'content.reschedule', targetType: 'contentItem', targetId: item.id,
        details: { title: item.title, timeZone: item.timeZone, from: item.publishAt, to: publishAt, local: input.publishLocal },
      }, ctx.now())
    })
    return { id: item.id, publishAt, publishLocal: localOf(publishAt, item.timeZone), timeZone: item.timeZone }
  }),

  /** Adds a language version or changes one: its title, body, status or assignee. */
  saveVersion: planners.input(saveVersionInput).mutation(async ({ ctx, input }) => {
    const item = await requireEditable(ctx, input.itemId)
    await checkReferences(ctx.db, { assigneeIds: [input.assigneeId] })
    const before = item.versions.find((version) => version.lang === input.lang)
    const { itemId, ...version } = input
    await ctx.db.transaction().execute(async (trx) => {
      await saveVersion(trx, itemId, version, ctx.now())
      await recordAudit(trx, actorOf(ctx.user), {
        action: before ? 'content.version.update' : 'content.version.add', targetType: 'contentItem', targetId: itemId,
        details: {
          lang: input.lang,
          ...(before && before.status !== input.status ? { status: { from: before.status, to: input.status } } : { status: input.status }),
          ...(before && before.assigneeId !== input.assigneeId ? { assigneeId: { from: before.assigneeId, to: input.assigneeId } } : {}),
          ...(before && before.title !== input.title ? { title: input.title } : {}),
        },
      }, ctx.now())
    })
    return present(await requireItem(ctx.db, itemId), ctx.user)
  }),

  removeVersion: planners.input(versionKeyInput).mutation(async ({ ctx, input }) => {
    const item = await requireEditable(ctx, input.itemId)
    const version = item.versions.find((v) => v.lang === input.lang)
    if (!version) throw new TRPCError({ code: 'NOT_FOUND', message: `no ${input.lang} version of this item` })
    if (item.versions.length === 1) {
      throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'an item keeps at least one language version; delete the item instead' })
    }
    await ctx.db.transaction().execute(async (trx) => {
      await deleteVersion(trx, item.id, input.lang, ctx.now())
      await recordAudit(trx, actorOf(ctx.user), {
        action: 'content.version.remove', targetType: 'contentItem', targetId: item.id, details: { lang: input.lang, status: version.status },
      }, ctx.now())
    })
    return present(await requireItem(ctx.db, item.id), ctx.user)
  }),

  remove: planners.input(z.object({ id: contentItemIdSchema })).mutation(async ({ ctx, input }) => {
    const item = await requireEditable(ctx, input.id)
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('contentItems').where('id', '=', item.id).execute()
      await recordAudit(trx, actorOf(ctx.user), {
        action: 'content.delete', targetType: 'contentItem', targetId: item.id,
        details: { title: item.title, publishAt: item.publishAt, langs: item.versions.map((v) => v.lang) },
      }, ctx.now())
    })
    return { id: item.id }
  }),

  gaps: readers.query(async ({ ctx }) => ({ rule: GAP_RULE, hints: await readGapHints(ctx.db, ctx.now()) })),

  coverage: readers.query(({ ctx }) => readCoverage(ctx.db, ctx.now())),

  /** The latest network's communities, to pick an item's community from (the label stays free text). */
  communities: readers.query(({ ctx }) => latestCommunities(ctx.db, GAP_RULE.minCommunitySize)),

  /** One click on a gap hint: a draft on that topic with a version in that language, owned by whoever clicked. */
  draftFromGap: planners.input(draftFromGapInput).mutation(async ({ ctx, input }) => {
    await checkReferences(ctx.db, { topicId: input.topicId })
    const today = localOf(ctx.now().toISOString(), input.timeZone).slice(0, 10)
    const publishLocal = shiftLocal(`${today}${GAP_DRAFT.time}`, { days: GAP_DRAFT.daysAhead })
    const publishAt = instantOf(publishLocal, input.timeZone)
    const id = await ctx.db.transaction().execute(async (trx) => {
      const itemId = await insertContentItem(trx, {
        title: input.title, brief: input.brief, ownerId: ctx.user.id, publishAt, timeZone: input.timeZone, topicId: input.topicId, community: input.community,
      }, ctx.user.id, ctx.now())
      await saveVersion(trx, itemId, { lang: input.lang, title: '', body: '', status: 'idea', assigneeId: null }, ctx.now())
      await recordAudit(trx, actorOf(ctx.user), {
        action: 'content.create', targetType: 'contentItem', targetId: itemId,
        details: { title: input.title, publishAt, timeZone: input.timeZone, langs: [input.lang], fromGap: { topicId: input.topicId, lang: input.lang, community: input.community } },
      }, ctx.now())
      return itemId
    })
    return { id }
  }),

  feed: router({
    status: readers.query(async ({ ctx }) => (await feedOf(ctx.db, ctx.user.id)) ?? null),

    /** A new secret URL; the previous one stops working. The token is returned this once only. */
    regenerate: readers.mutation(async ({ ctx }) => ctx.db.transaction().execute(async (trx) => {
      const replaced = !!(await feedOf(trx, ctx.user.id))
      const token = await issueFeedToken(trx, ctx.user.id, ctx.now())
      await recordAudit(trx, actorOf(ctx.user), {
        action: replaced ? 'calendar.feed.regenerate' : 'calendar.feed.create', targetType: 'user', targetId: ctx.user.id,
      }, ctx.now())
      return { token }
    })),

    revoke: readers.mutation(async ({ ctx }) => ctx.db.transaction().execute(async (trx) => {
      const revoked = await revokeFeed(trx, ctx.user.id)
      if (revoked) await recordAudit(trx, actorOf(ctx.user), { action: 'calendar.feed.revoke', targetType: 'user', targetId: ctx.user.id }, ctx.now())
      return { revoked }
    })),
  }),
})
