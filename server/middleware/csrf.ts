// Cross-site request forgery guard for every state-changing request under /api.
// Browsers mark requests with Sec-Fetch-Site and Origin; a request another site makes on a
// signed-in user's behalf carries one of them naming that other site, and is refused.
// Clients without either header (the CLI, curl, scripts) cannot ride a victim's cookies,
// so they pass. The session cookie is also SameSite=Lax.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export default defineEventHandler((event) => {
  if (SAFE_METHODS.has(event.method) || !event.path.startsWith('/api/')) return
  const fetchSite = getRequestHeader(event, 'sec-fetch-site')
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw createError({ statusCode: 403, statusMessage: 'Forbidden', message: 'cross-site request refused' })
  }
  const origin = getRequestHeader(event, 'origin')
  if (origin && origin !== 'null') {
    const host = getRequestHost(event, { xForwardedHost: process.env.CHORUS_TRUST_PROXY === '1' })
    let originHost: string | undefined
    try {
      originHost = new URL(origin).host
    }
    catch {
      originHost = undefined
    }
    if (originHost !== host) {
      throw createError({ statusCode: 403, statusMessage: 'Forbidden', message: 'cross-origin request refused' })
    }
  }
  else if (origin === 'null') {
    throw createError({ statusCode: 403, statusMessage: 'Forbidden', message: 'request from an opaque origin refused' })
  }
})
