import { renderFeed } from '../../calendar/feed'

// A person's editorial calendar for calendar apps, at /api/calendar/<secret>.ics (?mine=1 for
// their own items). Calendar apps poll it without a session: the secret in the path is the only
// credential, so any other path answers the same 404 as a revoked one.

export default defineEventHandler(async (event) => {
  const trustProxy = process.env.CHORUS_TRUST_PROXY === '1'
  const origin = getRequestURL(event, { xForwardedHost: trustProxy, xForwardedProto: trustProxy }).origin
  const feed = await renderFeed(useDb().db, getRouterParam(event, 'feed') ?? '', { mine: getQuery(event).mine === '1', origin, now: new Date() })
  if (feed === null) throw createError({ statusCode: 404, statusMessage: 'Not Found', message: 'no calendar feed here' })
  setResponseHeaders(event, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': 'inline; filename="chorus-calendar.ics"',
    // The body belongs to one person: no shared cache may keep it, and no search engine index it.
    'cache-control': 'private, no-store',
    'x-robots-tag': 'noindex',
    'referrer-policy': 'no-referrer',
  })
  return feed
})
