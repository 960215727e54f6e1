import { initTRPC, TRPCError } from '@trpc/server'
import { z, ZodError } from 'zod'
import { AccountError } from '../auth/accounts'
import type { Role } from '../../shared/roles'
import type { Context } from './context'
import { FieldErrors } from './errors'

const t = initTRPC.context<Context>().create({
  // Stack traces stay in the server log, never in responses, unless running `nuxt dev`.
  isDev: process.env.NODE_ENV === 'development',
  errorFormatter({ shape, error }) {
    const cause = error.cause
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field errors reach forms: { fieldErrors: { email: ['...'] } }.
        fieldErrors: fieldErrorsOf(cause),
        reason: cause instanceof AccountError ? cause.reason : null,
      },
    }
  },
})

function fieldErrorsOf(cause: unknown): Record<string, string[]> | null {
  if (cause instanceof ZodError) return z.flattenError(cause).fieldErrors as Record<string, string[]>
  if (cause instanceof FieldErrors) return cause.fieldErrors
  if (cause instanceof AccountError && cause.field) return { [cause.field]: [cause.message] }
  return null
}

export const router = t.router
export const createCallerFactory = t.createCallerFactory
export const middleware = t.middleware

const ACCOUNT_ERROR_CODES = {
  email_taken: 'CONFLICT',
  not_found: 'NOT_FOUND',
  last_admin: 'PRECONDITION_FAILED',
  self_lockout: 'PRECONDITION_FAILED',
} as const

/** Turns domain errors into the right tRPC code, keeping the original as the cause. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next()
  if (!result.ok && result.error.cause instanceof AccountError) {
    const cause = result.error.cause
    throw new TRPCError({ code: ACCOUNT_ERROR_CODES[cause.reason], message: cause.message, cause })
  }
  return result
})

/**
 * A procedure open to the given roles. No session answers UNAUTHORIZED (HTTP 401); a role not
 * listed answers FORBIDDEN (HTTP 403). Every procedure in Chorus starts here.
 */
export function procedureFor(roles: readonly Role[]) {
  return t.procedure.use(domainErrors).use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' })
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `this needs one of the roles: ${roles.join(', ')}` })
    }
    return next({ ctx: { ...ctx, user: ctx.user } })
  })
}
