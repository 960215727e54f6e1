import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Route } from './replay-server'

// A hashtag timeline that behaves like Mastodon's: statuses made from a real recorded status
// (tests/fixtures/mastodon, origin in ORIGIN.md) with increasing ids, served newest first,
// `min_id` returning the `limit` statuses right after it.

const template = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/mastodon/mastodonpy_test_hashtag_tl.2.json'), 'utf8'))[0] as Record<string, unknown>

export function makeStatuses(count: number, options: { text?: (i: number) => string, start?: Date } = {}) {
  const start = options.start?.getTime() ?? Date.parse('2026-11-20T08:00:00Z')
  return Array.from({ length: count }, (_, i) => {
    const id = String(117020593741189701n + BigInt(i + 1))
    return {
      ...template,
      id,
      uri: `https://social.example/users/amina/statuses/${id}`,
      url: `https://social.example/@amina/${id}`,
      created_at: new Date(start + i * 60_000).toISOString(),
      language: 'fr',
      content: `<p>${options.text?.(i) ?? `Réunion ${i} sur le financement climatique`} <a href="https://social.example/tags/climat" class="mention hashtag" rel="tag">#<span>climat</span></a></p>`,
    }
  })
}

/** The tag timeline route; `delay(page)` can slow a given request down (1 = first request). */
export function tagTimeline(statuses: ReturnType<typeof makeStatuses>, options: { delayMs?: (request: number) => number } = {}): Route {
  let requests = 0
  return {
    path: /^\/api\/v1\/timelines\/tag\/[^/]+$/,
    respond: (request) => {
      requests++
      const limit = Number(request.url.searchParams.get('limit') ?? 20)
      const minId = request.url.searchParams.get('min_id')
      const newer = minId ? statuses.filter((s) => BigInt(s.id) > BigInt(minId)) : statuses
      const pageItems = (minId ? newer.slice(0, limit) : newer.slice(-limit)).reverse()
      return { body: JSON.stringify(pageItems), headers: { 'content-type': 'application/json' }, delayMs: options.delayMs?.(requests) ?? 0 }
    },
  }
}
