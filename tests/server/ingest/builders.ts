import type { NormalisedAuthor, NormalisedPost } from '../../../ingest/types'

export function anAuthor(handle: string, overrides: Partial<NormalisedAuthor> = {}): NormalisedAuthor {
  return {
    platform: 'mastodon',
    externalId: `https://example.social/@${handle}`,
    handle: `@${handle}@example.social`,
    name: handle,
    profileUrl: `https://example.social/@${handle}`,
    followers: 10,
    ...overrides,
  }
}

export function aPost(id: string, overrides: Partial<NormalisedPost> = {}): NormalisedPost {
  return {
    platform: 'mastodon',
    externalId: `https://example.social/users/a/statuses/${id}`,
    url: `https://example.social/@a/${id}`,
    author: anAuthor('a'),
    kind: 'post',
    title: null,
    text: `post ${id}`,
    createdAt: '2026-11-20T10:00:00.000Z',
    declaredLang: 'en',
    metrics: { likes: 1, reposts: 0, replies: null, quotes: null },
    hashtags: [],
    links: [],
    relations: [],
    raw: { id },
    ...overrides,
  }
}
