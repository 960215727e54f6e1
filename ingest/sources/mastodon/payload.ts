import { parseJsonPayload, unreadableInput } from '../../failures'
import type { Page } from '../../types'
import { hostnameOf, type MappedPage, normaliseNotifications, normaliseStatuses } from './normalise'

// `chorus import` of a saved Mastodon API response: pure, no network.

const EXPECTED = 'a list of statuses or notifications, a search result ({statuses}), a thread ({ancestors, descendants}) or one status'

export function importMastodonPayload(body: Buffer, context: { origin?: string }): Page {
  const parsed = parseJsonPayload(body)
  if (!parsed.ok) return done({ posts: [], failures: [parsed.failure], notes: [] })
  const page = readPayload(parsed.json, context)
  if (parsed.cutShort) page.failures.push(parsed.cutShort)
  return page
}

function readPayload(data: unknown, context: { origin?: string }): Page {
  // Accounts of the instance come without a domain: the origin, when it is the instance's URL, names it.
  const options = { localDomain: hostnameOf(context.origin) }
  const items = payloadItems(data)
  if (!items) return done({ posts: [], failures: [unreadableInput(`not a Mastodon payload: expected ${EXPECTED}`, data)], notes: [] })
  const statuses = normaliseStatuses(items.statuses, options)
  if (!items.notifications.length) return done(statuses)
  const mentions = normaliseNotifications(items.notifications, options)
  return done({
    posts: [...statuses.posts, ...mentions.posts],
    failures: [...statuses.failures, ...mentions.failures],
    notes: [...statuses.notes, ...mentions.notes],
  })
}

/** The statuses and notifications in each wire shape Mastodon answers with. */
function payloadItems(data: unknown): { statuses: unknown[], notifications: unknown[] } | null {
  if (Array.isArray(data)) {
    return { statuses: data.filter((item) => !isNotification(item)), notifications: data.filter(isNotification) }
  }
  if (typeof data !== 'object' || data === null) return null
  const object = data as Record<string, unknown>
  if (Array.isArray(object.statuses)) return { statuses: object.statuses, notifications: [] }
  if (Array.isArray(object.ancestors) || Array.isArray(object.descendants)) {
    return { statuses: [...listOf(object.ancestors), ...listOf(object.descendants)], notifications: [] }
  }
  if (isNotification(data)) return { statuses: [], notifications: [data] }
  if ('uri' in object || 'content' in object || 'reblog' in object) return { statuses: [data], notifications: [] }
  return null
}

/** A notification has a type and no uri of its own; a status is the other way round. */
function isNotification(item: unknown): boolean {
  return typeof item === 'object' && item !== null && typeof (item as { type?: unknown }).type === 'string' && !('uri' in item)
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function done(mapped: MappedPage): Page {
  return { posts: mapped.posts, failures: mapped.failures, nextCursor: null, done: true, ...(mapped.notes.length ? { notes: mapped.notes } : {}) }
}
