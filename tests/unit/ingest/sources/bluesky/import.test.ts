import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MalformedResponseError } from '../../../../../ingest/http'
import { blueskyAdapter } from '../../../../../ingest/sources/bluesky/index'
import type { NormalisedPost } from '../../../../../ingest/types'

// The app view's own test snapshots (tests/fixtures/bluesky/ORIGIN.md): ids are placeholders
// such as user(0) and record(0), everything else is what the app view produced.

const now = new Date('2026-11-22T12:00:00Z')
function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../../../fixtures/bluesky/atproto_snap_${name}.json`, import.meta.url))
}
function importFixture(name: string) {
  return blueskyAdapter.importPayload!(fixture(name), { now })
}
function byId(posts: NormalisedPost[], id: string): NormalisedPost {
  const post = posts.find((p) => p.externalId === id)
  expect(post, `post ${id}`).toBeDefined()
  return post!
}

describe('importing a getAuthorFeed response', () => {
  it('stores a repost as a post by the reposter, and the reposted original as its own post', () => {
    const page = importFixture('getAuthorFeed.3')
    expect(page.failures).toEqual([])
    const reposts = page.posts.filter((p) => p.kind === 'repost')
    expect(reposts).toEqual([expect.objectContaining({
      author: expect.objectContaining({ externalId: 'user(2)', handle: '@carol.test' }),
      relations: [{ kind: 'repost', targetPostExternalId: 'record(0)', targetAuthor: expect.objectContaining({ handle: '@dan.test' }) }],
    })])
    expect(byId(page.posts, 'record(0)')).toMatchObject({ kind: 'post', text: '@alice.bluesky.xyz is the best', author: { handle: '@dan.test' } })
  })

  it('stores the quoted post, and the post it quotes in turn, as posts of their own', () => {
    const page = importFixture('getAuthorFeed.1')
    expect(byId(page.posts, 'record(6)').relations).toEqual([{ kind: 'quote', targetPostExternalId: 'record(7)', targetAuthor: expect.objectContaining({ handle: '@dan.test' }) }])
    const quoted = byId(page.posts, 'record(7)')
    expect(quoted).toMatchObject({ text: '@alice.bluesky.xyz is the best', metrics: { likes: 0, reposts: 1, replies: 0, quotes: 1 } })
    expect(quoted.relations).toContainEqual({ kind: 'mention', targetPostExternalId: null, targetAuthor: expect.objectContaining({ externalId: 'user(0)', handle: '@alice.bluesky.xyz' }) })
    expect(byId(page.posts, 'record(9)')).toMatchObject({ text: 'hi im carol', relations: [{ kind: 'quote', targetPostExternalId: 'record(12)' }] })
    // record(12) is only referenced: the snapshot holds no view of it.
    expect(page.posts.map((p) => p.externalId)).not.toContain('record(12)')
  })

  it('stores each post once when it is both quoted and in the feed, keeping the feed version', () => {
    const page = importFixture('getAuthorFeed.3')
    const ids = page.posts.map((p) => p.externalId)
    expect(ids.filter((id) => id === 'record(1)')).toHaveLength(1)
    expect(ids).toHaveLength(new Set(ids).size)
    expect(byId(page.posts, 'record(1)').raw).toHaveProperty('record')
  })

  it('links a reply to the account it answers', () => {
    const page = importFixture('getAuthorFeed.1')
    expect(byId(page.posts, 'record(0)').relations).toEqual([{ kind: 'reply', targetPostExternalId: 'record(3)', targetAuthor: expect.objectContaining({ externalId: 'user(2)', handle: '@bob.test' }) }])
  })

  it('keeps counters, declared languages and the real texts of the snapshot', () => {
    const page = importFixture('getAuthorFeed.2')
    expect(page.posts.map((p) => p.text)).toEqual(['hear that label_me label_me_2', 'bobby boy here', 'bob back at it again!'])
    expect(byId(page.posts, 'record(7)')).toMatchObject({ declaredLang: 'en-US', metrics: { likes: 0, reposts: 0, replies: 0, quotes: 1 } })
    // createdAt written with microseconds and with +00:00 still reads as a date.
    expect(page.posts.every((p) => p.createdAt === '1970-01-01T00:00:00.000Z')).toBe(true)
  })

  it('maps placeholder ids: the URI stays the key, the web link is left out, the profile link uses the handle', () => {
    const post = byId(importFixture('getAuthorFeed.2').posts, 'record(6)')
    expect(post.url).toBeNull()
    expect(post.author).toEqual({ platform: 'bluesky', externalId: 'user(0)', handle: '@bob.test', name: 'bobby', profileUrl: 'https://bsky.app/profile/bob.test', followers: null })
  })
})

describe('importing a getPostThread response', () => {
  it('flattens a deep thread, every reply pointing at its parent and its parent\'s author', () => {
    const page = importFixture('getPostThread.2')
    expect(page.posts.map((p) => [p.externalId, p.text])).toEqual([
      ['record(0)', 'again'], ['record(5)', 'of course'], ['record(8)', 'hear that label_me label_me_2'], ['record(9)', 'thanks bob'],
    ])
    const replies = page.posts.map((p) => p.relations.filter((r) => r.kind === 'reply').map((r) => [r.targetPostExternalId, r.targetAuthor?.handle]))
    expect(replies).toEqual([[], [['record(0)', '@alice.test']], [['record(0)', '@alice.test']], [['record(8)', '@bob.test']]])
  })

  it('reads the ancestors of a post, root first', () => {
    const page = importFixture('getPostThread.1')
    expect(page.posts.map((p) => p.text)).toEqual(['again', 'hear that label_me label_me_2', 'thanks bob'])
  })

  it('reads the flat v2 thread', () => {
    const page = importFixture('getPostThreadV2.2')
    expect(page.posts.map((p) => [p.author.handle, p.text])).toEqual([['@simple-op.test', 'root'], ['@simple-bob.test', '2'], ['@simple-alice.test', '2.0']])
    expect(page.posts[2]!.relations).toEqual([{ kind: 'reply', targetPostExternalId: 'record(1)', targetAuthor: expect.objectContaining({ handle: '@simple-bob.test' }) }])
  })

  it('reads a thread wrapped as the API sends it, leaving out posts that are gone', () => {
    const thread = JSON.parse(fixture('getPostThread.3').toString('utf8'))
    thread.replies.push({ $type: 'app.bsky.feed.defs#notFoundPost', uri: 'at://did:plc:x/app.bsky.feed.post/gone', notFound: true })
    const page = blueskyAdapter.importPayload!(Buffer.from(JSON.stringify({ thread })), { now })
    expect(page.failures).toEqual([])
    expect(page.posts.map((p) => p.externalId)).not.toContain('at://did:plc:x/app.bsky.feed.post/gone')
    expect(page.posts.length).toBeGreaterThan(1)
  })
})

describe('importing other bodies', () => {
  it('reads a searchPosts response and fails only the post it cannot map', () => {
    const feed = JSON.parse(fixture('getAuthorFeed.2').toString('utf8')) as { post: Record<string, unknown> }[]
    const posts = [feed[0]!.post, { uri: 'record(99)', author: { handle: 'no-did.test' } }, feed[1]!.post]
    const page = blueskyAdapter.importPayload!(Buffer.from(JSON.stringify({ posts, cursor: 'x' })), { now })
    expect(page.posts.map((p) => p.externalId)).toEqual(['record(0)', 'record(6)'])
    expect(page.failures).toEqual([expect.objectContaining({ reason: expect.stringMatching(/author\.did/) })])
    expect(page).toMatchObject({ nextCursor: null, done: true })
  })

  it('refuses malformed JSON and JSON of another shape', () => {
    expect(() => blueskyAdapter.importPayload!(Buffer.from('{"feed": ['), { now })).toThrow(MalformedResponseError)
    expect(() => blueskyAdapter.importPayload!(Buffer.from('{"actors": []}'), { now })).toThrow(/not a Bluesky searchPosts, getAuthorFeed or getPostThread response/)
  })
})
