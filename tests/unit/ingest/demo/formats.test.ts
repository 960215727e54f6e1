import { parseRssFeed } from 'feedsmith'
import { beforeAll, describe, expect, it } from 'vitest'
import { demoPayloads, type DemoPayload } from '../../../../ingest/demo'
import { htmlToText } from '../../../../ingest/text'

// Each payload must look like the platform's own response, field for field, so that any
// correct adapter reads it: these checks follow the fixtures in /work/shared/fixtures/api.

type Json = Record<string, unknown>
const byFormat: Record<string, DemoPayload[]> = {}

beforeAll(() => {
  for (const payload of demoPayloads({ seed: 7, posts: 8_000, end: new Date('2026-01-05T00:00:00Z') })) {
    (byFormat[payload.format] ??= []).push(payload)
  }
}, 120_000)

function all<T>(format: string, read: (body: string) => T[]): T[] {
  return (byFormat[format] ?? []).flatMap((p) => read(p.body))
}

describe('Mastodon payloads', () => {
  const statuses = () => all('mastodon', (body) => JSON.parse(body) as Json[])

  it('are arrays of at most 40 statuses with the Status fields', () => {
    for (const payload of byFormat.mastodon!) expect((JSON.parse(payload.body) as unknown[]).length).toBeLessThanOrEqual(40)
    for (const status of statuses()) {
      expect(status).toMatchObject({ id: expect.stringMatching(/^\d{15,19}$/), uri: expect.stringMatching(/^https:\/\//), visibility: 'public' })
      expect(status).toHaveProperty('in_reply_to_id')
      expect(status).toHaveProperty('in_reply_to_account_id')
      expect(status).toHaveProperty('card')
      expect(status).toEqual(expect.objectContaining({ mentions: expect.any(Array), tags: expect.any(Array), favourites_count: expect.any(Number), reblogs_count: expect.any(Number), replies_count: expect.any(Number) }))
      expect(status.account).toEqual(expect.objectContaining({ id: expect.any(String), username: expect.any(String), acct: expect.any(String), display_name: expect.any(String), url: expect.any(String), followers_count: expect.any(Number), following_count: expect.any(Number), statuses_count: expect.any(Number) }))
      expect(new Date(status.created_at as string).toISOString()).toBe(status.created_at)
    }
  })

  it('number statuses per instance: newest first in a page, each page newer than the last', () => {
    const last = new Map<string, bigint>()
    for (const payload of byFormat.mastodon!) {
      const ids = (JSON.parse(payload.body) as Json[]).map((s) => BigInt(s.id as string))
      expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids)
      expect(ids.at(-1)! > (last.get(payload.name) ?? 0n)).toBe(true)
      last.set(payload.name, ids[0]!)
    }
  })

  it('nest the boosted status in full and leave the boost itself empty', () => {
    const boosts = statuses().filter((s) => s.reblog)
    expect(boosts.length).toBeGreaterThan(50)
    for (const boost of boosts) {
      expect(boost.content).toBe('')
      expect(boost.uri).toMatch(/\/activity$/)
      expect(boost.reblog).toEqual(expect.objectContaining({ uri: expect.any(String), content: expect.stringMatching(/^<p>/), account: expect.any(Object) }))
    }
  })

  it('render mentions, hashtags and links as Mastodon does, and reduce to readable text', () => {
    const rich = statuses().filter((s) => !s.reblog && (s.mentions as unknown[]).length > 0 && (s.tags as unknown[]).length > 0)
    expect(rich.length).toBeGreaterThan(20)
    const status = rich[0]!
    expect(status.content).toContain('class="u-url mention"')
    expect(status.content).toContain('class="mention hashtag"')
    const text = htmlToText(status.content as string)
    expect(text).toContain(`@${(status.mentions as Json[])[0]!.username as string}`)
    expect(text.toLowerCase()).toContain(`#${(status.tags as Json[])[0]!.name as string}`)
    const shared = statuses().find((s) => s.card)!
    expect(shared.card).toEqual(expect.objectContaining({ url: expect.stringMatching(/^https:\/\//), title: expect.any(String), type: 'link' }))
  })

  it('show remote accounts with their domain and some remote boosts without a url', () => {
    expect(statuses().some((s) => String((s.account as Json).acct).includes('@'))).toBe(true)
    expect(statuses().some((s) => s.quote && (s.quote as Json).state === 'accepted')).toBe(true)
  })
})

describe('Bluesky payloads', () => {
  const posts = () => all('bluesky', (body) => (JSON.parse(body) as { posts: Json[] }).posts)

  it('are searchPosts responses of at most 100 PostViews with a cursor', () => {
    for (const payload of byFormat.bluesky!) {
      const page = JSON.parse(payload.body) as { posts: unknown[], cursor?: string }
      expect(page.posts.length).toBeLessThanOrEqual(100)
      expect(typeof page.cursor).toBe('string')
    }
    for (const post of posts()) {
      expect(post.uri).toMatch(/^at:\/\/did:plc:[a-z2-7]{24}\/app\.bsky\.feed\.post\/[2-7a-z]{13}$/)
      expect(post.cid).toMatch(/^bafyrei[a-z2-7]{52}$/)
      expect(post.author).toEqual(expect.objectContaining({ did: expect.stringMatching(/^did:plc:/), handle: expect.stringMatching(/\.bsky\.social$/), displayName: expect.any(String) }))
      expect(post.record).toEqual(expect.objectContaining({ $type: 'app.bsky.feed.post', text: expect.any(String), createdAt: expect.any(String) }))
      expect(post).toEqual(expect.objectContaining({ likeCount: expect.any(Number), repostCount: expect.any(Number), replyCount: expect.any(Number), quoteCount: expect.any(Number), indexedAt: expect.any(String) }))
    }
  })

  it('give replies a root and a parent, and quotes an embedded record with its view', () => {
    const replies = posts().filter((p) => (p.record as Json).reply)
    expect(replies.length).toBeGreaterThan(100)
    for (const reply of replies) expect((reply.record as Json).reply).toEqual({ root: { cid: expect.any(String), uri: expect.stringMatching(/^at:/) }, parent: { cid: expect.any(String), uri: expect.stringMatching(/^at:/) } })
    const quote = posts().find((p) => ((p.record as Json).embed as Json | undefined)?.$type === 'app.bsky.embed.record')!
    expect(quote.embed).toEqual(expect.objectContaining({ $type: 'app.bsky.embed.record#view', record: expect.objectContaining({ $type: 'app.bsky.embed.record#viewRecord', value: expect.any(Object) }) }))
  })

  it('counts facet offsets in UTF-8 bytes, not in characters', () => {
    const facetted = posts().filter((p) => /[^\u0020-\u007E]/.test((p.record as Json).text as string) && (p.record as Json).facets)
    expect(facetted.length).toBeGreaterThan(50)
    for (const post of facetted) {
      const record = post.record as { text: string, facets: { index: { byteStart: number, byteEnd: number }, features: Json[] }[] }
      for (const facet of record.facets) {
        const covered = Buffer.from(record.text).subarray(facet.index.byteStart, facet.index.byteEnd).toString()
        if (facet.features[0]!.$type === 'app.bsky.richtext.facet#tag') expect(covered).toBe(`#${facet.features[0]!.tag as string}`)
        else expect(covered).toMatch(/^(@\S+\.bsky\.social|\S+)$/)
      }
    }
  })
})

describe('Reddit payloads', () => {
  it('are Listings of t3 and t1 children with the fields of the API', () => {
    for (const payload of byFormat.reddit!) {
      const listing = JSON.parse(payload.body) as { kind: string, data: { after: string | null, children: { kind: string, data: Json }[] } }
      expect(listing.kind).toBe('Listing')
      expect(listing.data.children.length).toBeLessThanOrEqual(100)
      expect(listing.data.after).toBe(listing.data.children.at(-1)!.data.name)
      for (const child of listing.data.children) {
        expect(child.data).toEqual(expect.objectContaining({ id: expect.any(String), name: `${child.kind}_${child.data.id as string}`, author: expect.any(String), subreddit: expect.any(String), created_utc: expect.any(Number), permalink: expect.stringMatching(/^\/r\//), score: expect.any(Number) }))
        if (child.kind === 't3') expect(child.data).toEqual(expect.objectContaining({ title: expect.any(String), url: expect.stringMatching(/^https:\/\//), num_comments: expect.any(Number), is_self: expect.any(Boolean) }))
        else expect(child.data).toEqual(expect.objectContaining({ body: expect.any(String), body_html: expect.stringMatching(/^<div class="md">/), parent_id: expect.stringMatching(/^t[13]_/), link_id: expect.stringMatching(/^t3_/) }))
      }
    }
  })
})

describe('RSS payloads', () => {
  it('parse as RSS 2.0 with guid, link, title, description, pubDate, category and dc:creator', () => {
    for (const payload of byFormat.feed!) {
      expect(payload.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
      const feed = parseRssFeed(payload.body)
      expect(feed.items?.length).toBe(payload.posts)
      expect(payload.posts).toBeLessThanOrEqual(200)
      for (const item of feed.items ?? []) {
        expect(item).toEqual(expect.objectContaining({ title: expect.any(String), link: expect.stringMatching(/^https:\/\//), description: expect.any(String), pubDate: expect.any(String) }))
        expect(item.guid?.value).toBeTruthy()
        expect(item.categories?.[0]?.name).toBeTruthy()
        expect(item.dc?.creators?.[0]).toBeTruthy()
        expect(Number.isNaN(Date.parse(item.pubDate!))).toBe(false)
      }
    }
  })
})
