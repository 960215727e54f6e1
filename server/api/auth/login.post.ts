import { loginInput } from '../../../shared/schemas/users'
import { attemptLogin } from '../../auth/login'

export default defineEventHandler(async (event) => {
  const parsed = loginInput.safeParse(await readBody(event).catch(() => null))
  if (!parsed.success) {
    throw createError({ statusCode: 400, statusMessage: 'Bad Request', message: 'send JSON {"email", "password"}' })
  }
  const ip = getRequestIP(event, { xForwardedFor: process.env.CHORUS_TRUST_PROXY === '1' }) ?? 'unknown'
  const result = await attemptLogin(useDb().db, loginThrottles, { ...parsed.data, ip }, new Date())
  if (!result.ok && result.reason === 'throttled') {
    const seconds = Math.ceil(result.retryAfterMs / 1000)
    setResponseHeader(event, 'Retry-After', seconds)
    throw createError({ statusCode: 429, statusMessage: 'Too Many Requests', message: `too many failed sign-ins: try again in ${seconds} s`, data: { retryAfter: seconds } })
  }
  if (!result.ok) {
    throw createError({ statusCode: 401, statusMessage: 'Unauthorized', message: 'e-mail or password is not right' })
  }
  await replaceUserSession(event, { user: { id: result.user.id }, loggedInAt: Date.now() })
  return { user: result.user }
})
