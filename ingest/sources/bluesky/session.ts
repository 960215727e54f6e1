import { HttpError, type HttpClient, MalformedResponseError } from '../../http'
import { describeIssue, type Session, sessionSchema } from './schema'

// Signing in with an app password (com.atproto.server.createSession) and calling XRPC methods
// with the access token. Sessions live in memory only, one per HTTP client and account, and
// never in the cursor: a cursor is stored in plain text with the source. createSession is
// rate-limited hard (30 per 5 minutes and 300 a day per account,
// https://docs.bsky.app/docs/advanced-guides/rate-limits), so every page of a run reuses one.

export interface XrpcTarget {
  service: string
  identifier?: string
  appPassword?: string
}

const sessions = new WeakMap<HttpClient, Map<string, Promise<Session>>>()

function cacheFor(http: HttpClient): Map<string, Promise<Session>> {
  let cache = sessions.get(http)
  if (!cache) {
    cache = new Map()
    sessions.set(http, cache)
  }
  return cache
}

async function sessionCall(http: HttpClient, url: string, init: { body?: string, token?: string, signal?: AbortSignal }): Promise<Session> {
  const headers: Record<string, string> = {}
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  if (init.token) headers.authorization = `Bearer ${init.token}`
  const body = await http.json(url, { method: 'POST', headers, body: init.body, signal: init.signal })
  const session = sessionSchema.safeParse(body)
  if (!session.success) throw new MalformedResponseError(`${new URL(url).host} answered sign-in without a session (${describeIssue(session.error)})`, url)
  return session.data
}

function remember(cache: Map<string, Promise<Session>>, key: string, pending: Promise<Session>): Promise<Session> {
  cache.set(key, pending)
  // A failed sign-in is not kept: the next call tries again.
  pending.catch(() => {
    if (cache.get(key) === pending) cache.delete(key)
  })
  return pending
}

function keyOf(target: Required<XrpcTarget>): string {
  return `${target.service}\u0000${target.identifier}\u0000${target.appPassword}`
}

function signIn(http: HttpClient, target: Required<XrpcTarget>, signal?: AbortSignal): Promise<Session> {
  const cache = cacheFor(http)
  const key = keyOf(target)
  const known = cache.get(key)
  if (known) return known
  const body = JSON.stringify({ identifier: target.identifier, password: target.appPassword })
  return remember(cache, key, sessionCall(http, `${target.service}/xrpc/com.atproto.server.createSession`, { body, signal }))
}

function refresh(http: HttpClient, target: Required<XrpcTarget>, stale: Session, signal?: AbortSignal): Promise<Session> {
  const pending = sessionCall(http, `${target.service}/xrpc/com.atproto.server.refreshSession`, { token: stale.refreshJwt, signal })
  return remember(cacheFor(http), keyOf(target), pending)
}

/**
 * An access token past its life is answered with HTTP 400 (or 401) and the XRPC error name
 * `ExpiredToken` in the body. HttpError keeps the start of the body in its message, and XRPC
 * bodies start with the error name ({"error":"ExpiredToken","message":...}).
 */
export function isExpiredToken(error: unknown): boolean {
  return error instanceof HttpError && error.kind === 'status'
    && (error.details.status === 400 || error.details.status === 401)
    && /"error"\s*:\s*"ExpiredToken"/.test(error.message)
}

function signedIn(target: XrpcTarget): target is Required<XrpcTarget> {
  return Boolean(target.identifier && target.appPassword)
}

/** GET an XRPC query; signed in when the source has credentials, refreshing an expired token once. */
export async function xrpcQuery(http: HttpClient, target: XrpcTarget, method: string, params: URLSearchParams, signal?: AbortSignal): Promise<unknown> {
  const url = `${target.service}/xrpc/${method}?${params.toString()}`
  if (!signedIn(target)) return http.json(url, { signal })
  const session = await signIn(http, target, signal)
  try {
    return await http.json(url, { headers: { authorization: `Bearer ${session.accessJwt}` }, signal })
  }
  catch (error) {
    if (!isExpiredToken(error)) throw error
    const fresh = await refresh(http, target, session, signal)
    return http.json(url, { headers: { authorization: `Bearer ${fresh.accessJwt}` }, signal })
  }
}
