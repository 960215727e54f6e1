import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { QuerySyntaxError } from '../../../ingest/nlp/query'
import { ANY_ROLE } from '../../../shared/roles'
import { CONVERSATION_SORTS, conversationFiltersSchema } from '../../../shared/schemas/monitor'
import { BadCursorError, countMatches, postCards, postDetail, searchPage } from '../../db/repositories/conversations'
import { procedureFor, router } from '../init'
import { FieldErrors } from '../errors'

// The conversation stream. Reading is open to every role; saving searches is for the people
// who work the stream (a viewer reads, and keeps nothing).
const readers = procedureFor(ANY_ROLE)
const workers = procedureFor(['admin', 'analyst', 'editor'])

/** A query that does not parse, or a stale page link, is the user's to fix: 400 with the reason. */
export function searchErrors(error: unknown): never {
  if (error instanceof QuerySyntaxError) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: new FieldErrors(error.message, { q: [error.message] }) })
  }
  if (error instanceof BadCursorError) throw new TRPCError({ code: 'BAD_REQUEST', message: error.message })
  throw error
}

const savedParams = conversationFiltersSchema.extend({ sort: z.enum(CONVERSATION_SORTS).default('newest') })

export const conversationsRouter = router({
  search: readers
    .input(conversationFiltersSchema.extend({
      sort: z.enum(CONVERSATION_SORTS).default('newest'),
      cursor: z.string().max(500).nullish(),
      limit: z.number().int().min(1).max(100).default(50),
    }))
    .query(async ({ ctx, input }) => {
      const page = await searchPage(ctx.db, input, input.sort, input.cursor ?? null, input.limit).catch(searchErrors)
      const posts = await postCards(ctx.db, page.ids)
      return { posts: posts.map((post) => ({ ...post, matched: page.terms.get(post.id) ?? [] })), nextCursor: page.nextCursor }
    }),

  count: readers.input(conversationFiltersSchema)
    .query(async ({ ctx, input }) => ({ total: await countMatches(ctx.db, input).catch(searchErrors) })),

  post: readers.input(z.object({ id: z.number().int().positive() }))
    .query(async ({ ctx, input }) => {
      const detail = await postDetail(ctx.db, input.id)
      if (!detail) throw new TRPCError({ code: 'NOT_FOUND', message: `no post with id ${input.id}` })
      return detail
    }),

  savedSearches: workers.query(async ({ ctx }) => {
    const rows = await ctx.db.selectFrom('savedSearches').select(['id', 'name', 'params', 'createdAt'])
      .where('userId', '=', ctx.user.id).orderBy('name').execute()
    return rows.flatMap((row) => {
      // A search saved under older filters that no longer validate is dropped from the list, not an error.
      const params = savedParams.safeParse(JSON.parse(row.params))
      return params.success ? [{ id: row.id, name: row.name, createdAt: row.createdAt, params: params.data }] : []
    })
  }),

  saveSearch: workers
    .input(z.object({ name: z.string().trim().min(1).max(200), params: savedParams }))
    .mutation(async ({ ctx, input }) => {
      const row = await ctx.db.insertInto('savedSearches')
        .values({ userId: ctx.user.id, name: input.name, params: JSON.stringify(input.params), createdAt: ctx.now().toISOString() })
        .onConflict((oc) => oc.columns(['userId', 'name']).doUpdateSet({ params: JSON.stringify(input.params) }))
        .returning('id').executeTakeFirstOrThrow()
      return { id: row.id }
    }),

  deleteSearch: workers.input(z.object({ id: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) => {
      // Only one's own: another user's id deletes nothing.
      const result = await ctx.db.deleteFrom('savedSearches').where('id', '=', input.id).where('userId', '=', ctx.user.id).executeTakeFirst()
      if (Number(result.numDeletedRows) === 0) throw new TRPCError({ code: 'NOT_FOUND', message: `no saved search with id ${input.id}` })
      return { id: input.id }
    }),
})
