import { describe, expect, it } from 'vitest'
import { mastodonAdapter } from '../../../../../ingest/sources/mastodon'
import type { NormalisedPost, Page } from '../../../../../ingest/types'
import { fixtureBody, hootStatus, listTimeline } from './fixtures'

// Builders: real statuses from the recordings, with only the fields a test is about changed.
const now = new Date('2026-08-02T00:00:00Z')
function importBody(body: Buffer, origin?: string): Page {
  return mastodonAdapter.importPayload!(body, { origin, now })
}
function importJson(value: unknown, origin?: string): Page {
  return importBody(Buffer.from(JSON.stringify(value)), origin)
}
function status(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...hootStatus(), ...overrides }
}
/** A remote account, as the instance describes it (acct with a domain). */
function remoteAccount(acct: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const [user, domain] = acct.split('@')
  return { ...(hootStatus().account as object), id: '777', username: user, acct, url: `https://${domain}/@${user}`, uri: `https://${domain}/users/${user}`, ...extra }
}
function only(page: Page): NormalisedPost {
  expect(page.failures).toEqual([])
  expect(page.posts).toHaveLength(1)
  return page.posts[0]!
}
const rosa = remoteAccount('rosa@climate.example', { display_name: 'Rosa Díaz', followers_count: 5400 })
const mastodonpyTest = { handle: '@mastodonpy_test@localhost', externalId: 'http://localhost:3000/@mastodonpy_test' }

describe('reading recorded Mastodon responses', () => {
  it('reads a real tag timeline status with its author, hashtags and counts', () => {
    const page = importBody(fixtureBody('mastodonpy_test_hashtag_tl.2.json'))
    expect(only(page)).toEqual({
      platform: 'mastodon',
      externalId: 'http://localhost:3000/ap/users/117020566092212359/statuses/117020593741189701',
      url: 'http://localhost:3000/@mastodonpy_test_2/117020593741189701',
      author: {
        platform: 'mastodon',
        externalId: 'http://localhost:3000/@mastodonpy_test_2',
        handle: '@mastodonpy_test_2@localhost',
        name: null,
        profileUrl: 'http://localhost:3000/@mastodonpy_test_2',
        followers: 0,
      },
      kind: 'post',
      title: null,
      text: '#hoot (hashtag toot)',
      createdAt: '2026-08-01T13:55:55.867Z',
      declaredLang: 'ja',
      metrics: { likes: 0, reposts: 0, replies: 0, quotes: 0 },
      hashtags: ['hoot'],
      links: [],
      relations: [],
      raw: hootStatus(),
    })
    expect(page).toMatchObject({ nextCursor: null, done: true })
  })

  it('reads a real list timeline oldest first, with a mention as a relation and not as a link', () => {
    const page = importBody(fixtureBody('mastodonpy_test_list_timeline.2.json'))
    expect(page.failures).toEqual([])
    expect(page.posts.map((post) => post.createdAt)).toEqual(listTimeline().map((s) => s.created_at).reverse())
    const jeep = page.posts.find((post) => post.text.includes('jeep'))!
    expect(jeep.text).toBe("@mastodonpy_test beep beep I'm a jeep")
    expect(jeep.links).toEqual([])
    expect(jeep.relations).toEqual([{ kind: 'mention', targetAuthor: { platform: 'mastodon', ...mastodonpyTest, name: null, profileUrl: mastodonpyTest.externalId, followers: null } }])
    expect(page.posts.map((post) => post.text)).toContain("you can't say that on television")
  })

  it('reads real v2 search results and an empty thread without inventing posts or failures', () => {
    for (const name of ['mastodonpy_test_search.1.json', 'mastodonpy_test_search.3.json', 'mastodonpy_test_status_context.1.json']) {
      expect(importBody(fixtureBody(name))).toEqual({ posts: [], failures: [], nextCursor: null, done: true })
    }
  })

  it('reads the documentation\'s single status with its counts and followers, and no quotes count as missing', () => {
    const post = only(importBody(fixtureBody('docs_statuses_get.json')))
    expect(post.author).toMatchObject({ handle: '@Gargron@mastodon.social', name: 'Eugen', followers: 320472 })
    expect(post.metrics).toEqual({ likes: 112, reposts: 98, replies: 7, quotes: null })
    expect(post).toMatchObject({ externalId: 'https://mastodon.social/users/Gargron/statuses/1', text: 'Hello world', declaredLang: 'en' })
  })

  it('records the documentation\'s elided statuses as failed items saying what is missing', () => {
    const timeline = importBody(fixtureBody('docs_timelines_tag.jsonc'))
    expect(timeline.posts).toEqual([])
    expect(timeline.failures).toHaveLength(2)
    expect(timeline.failures[0]!.reason).toMatch(/^not a Mastodon status \(uri: .*account: /)
    expect(timeline.failures[0]!.raw).toContain('103206185588894565')
    expect(importBody(fixtureBody('docs_statuses_context.jsonc')).failures).toHaveLength(4)
    expect(importBody(fixtureBody('docs_search_v2.jsonc')).failures).toHaveLength(2)
  })
})

describe('mapping a status', () => {
  it('stores a boost as a repost by the booster, and the boosted original as its own post', () => {
    const original = status({ id: '900', uri: 'https://climate.example/users/rosa/statuses/900', url: 'https://climate.example/@rosa/900', account: rosa, favourites_count: 12 })
    const boost = status({ id: '901', uri: 'http://localhost:3000/users/mastodonpy_test_2/statuses/901/activity', url: null, content: '', tags: [], created_at: '2026-08-01T14:00:00.000Z', reblog: original })
    const page = importJson([boost])
    expect(page.failures).toEqual([])
    const [first, repost] = page.posts
    expect(first).toMatchObject({ kind: 'post', externalId: original.uri, author: { handle: '@rosa@climate.example', name: 'Rosa Díaz', followers: 5400 }, hashtags: ['hoot'], metrics: { likes: 12 } })
    expect(repost).toMatchObject({ kind: 'repost', externalId: boost.uri, url: boost.uri, text: '', author: { handle: '@mastodonpy_test_2@localhost' } })
    expect(repost!.relations).toEqual([{ kind: 'repost', targetPostExternalId: original.uri, targetAuthor: first!.author }])
  })

  it('stores the quoted post as its own post, linked by a quote relation, without the "RE:" fallback line', () => {
    const quotedStatus = status({ id: '800', uri: 'https://climate.example/users/rosa/statuses/800', account: rosa, content: '<p>The claim</p>', created_at: '2026-08-01T12:00:00.000Z' })
    const fallback = '<p class="quote-inline">RE: <a href="https://climate.example/@rosa/800">climate.example/@rosa/800</a></p>'
    const quoting = status({ content: `<p>Look at this</p>${fallback}`, tags: [], quote: { state: 'accepted', quoted_status: quotedStatus } })
    const page = importJson(quoting)
    expect(page.posts.map((post) => post.text)).toEqual(['The claim', 'Look at this'])
    const post = page.posts[1]!
    expect(post.links).toEqual([])
    expect(post.relations).toEqual([{ kind: 'quote', targetPostExternalId: quotedStatus.uri, targetAuthor: page.posts[0]!.author }])
  })

  it('adds no quote relation while a quote is pending, and keeps the post when the quoted status is unreadable', () => {
    expect(only(importJson(status({ quote: { state: 'pending', quoted_status: null } }))).relations).toEqual([])
    const broken = importJson(status({ quote: { state: 'accepted', quoted_status: { id: '1' } } }))
    expect(broken.posts).toHaveLength(1)
    expect(broken.posts[0]!.relations).toEqual([])
    expect(broken.failures.map((f) => f.reason)).toEqual([expect.stringMatching(/^a quoted status that cannot be read \(uri: /)])
  })

  it('turns hostile HTML into plain text without markup or script links', () => {
    const content = '<p>Hello<script>alert("x")</script> <img src="x" onerror="alert(1)"> world <a href="javascript:alert(2)">click</a>'
      + '<iframe src="https://evil.example/"></iframe><style>p{}</style> &lt;b&gt;</p>'
    const post = only(importJson(status({ content, tags: [] })))
    expect(post.text.replace(/\s+/g, ' ')).toBe('Hello world click <b>')
    expect(post.text).not.toMatch(/alert|onerror|<script|<img|evil/)
    expect(post.links).toEqual([])
  })

  it('collects shared links and the preview card, but not mention or hashtag links', () => {
    // As in the documentation's tag timeline: a remote status links its tags on its own server,
    // while `tags` points at the answering instance; Pleroma marks hashtags by URL only.
    const content = '<p>Read <a href="https://news.example/report?id=1&amp;lang=fr" rel="nofollow noopener" target="_blank">news.example/report</a> with '
      + '<span class="h-card"><a href="https://climate.example/@rosa" class="u-url mention">@<span>rosa</span></a></span> '
      + '<a href="https://chaos.social/tags/Qualit%C3%A4tskatzen" class="mention hashtag" rel="nofollow noopener" target="_blank">#<span>Qualitätskatzen</span></a> '
      + '<a href="https://pleroma.example/tag/heat">#heat</a></p>'
    const post = only(importJson(status({
      content,
      mentions: [{ id: '777', username: 'rosa', acct: 'rosa@climate.example', url: 'https://climate.example/users/rosa' }],
      tags: [{ name: 'Qualitätskatzen', url: 'https://mastodon.social/tags/qualit%C3%A4tskatzen' }, { name: 'heat', url: 'https://pleroma.example/tag/heat' }, { name: 'qualitätskatzen' }],
      card: { url: 'https://video.example/watch/1', title: 'A video' },
    })))
    expect(post.links).toEqual(['https://news.example/report?id=1&lang=fr', 'https://video.example/watch/1'])
    expect(post.hashtags).toEqual(['qualitätskatzen', 'heat'])
    expect(post.relations).toEqual([{ kind: 'mention', targetAuthor: expect.objectContaining({ handle: '@rosa@climate.example', externalId: 'https://climate.example/users/rosa' }) }])
  })

  it('puts the content warning before the text', () => {
    expect(only(importJson(status({ spoiler_text: 'Heat wave, long', content: '<p>It was 45 °C</p>' }))).text).toBe('Heat wave, long\n\nIt was 45 °C')
  })

  it('keeps counts and followers the server does not send as missing (null), not zero', () => {
    const { favourites_count: _f, reblogs_count: _r, replies_count: _p, quotes_count: _q, ...bare } = hootStatus()
    const { followers_count: _c, ...account } = hootStatus().account as Record<string, unknown>
    const post = only(importJson({ ...bare, account, language: null }))
    expect(post.metrics).toEqual({ likes: null, reposts: null, replies: null, quotes: null })
    expect(post.author.followers).toBeNull()
    expect(post.declaredLang).toBeNull()
  })

  it('gives accounts of the answering instance its domain and leaves remote handles as they are', () => {
    expect(only(importJson(status(), 'https://example.social/api/v1/timelines/tag/hoot')).author.handle).toBe('@mastodonpy_test_2@example.social')
    expect(only(importJson(status())).author.handle).toBe('@mastodonpy_test_2@localhost')
    expect(only(importJson(status({ account: rosa }), 'https://example.social')).author.handle).toBe('@rosa@climate.example')
  })
})

describe('replies', () => {
  const [, , , , jeep, nice] = listTimeline()
  const admin = jeep!.account as { id: string }

  it('names the post replied to when it is in the same thread, and its author in a self-thread', () => {
    const reply: Record<string, unknown> = { ...jeep!, in_reply_to_id: nice!.id, in_reply_to_account_id: admin.id }
    const page = importJson({ ancestors: [nice], descendants: [reply] })
    const post = page.posts.find((p) => p.externalId === reply.uri)!
    expect(post.relations[0]).toEqual({ kind: 'reply', targetPostExternalId: nice!.uri, targetAuthor: post.author })
  })

  it('keeps the replied-to author from the mentions when the post replied to is unknown', () => {
    const reply = { ...jeep!, in_reply_to_id: '1', in_reply_to_account_id: '117020565966271181' }
    expect(only(importJson(reply)).relations[0]).toEqual({ kind: 'reply', targetPostExternalId: null, targetAuthor: expect.objectContaining(mastodonpyTest) })
    const stranger = { ...jeep!, in_reply_to_id: '1', in_reply_to_account_id: '5' }
    expect(only(importJson(stranger)).relations[0]).toEqual({ kind: 'reply', targetPostExternalId: null, targetAuthor: null })
  })
})

describe('what a page keeps and leaves out', () => {
  it('leaves out followers-only and direct statuses, and says so', () => {
    const page = importJson([status({ id: '1', uri: 'u:1', visibility: 'private' }), status({ id: '2', uri: 'u:2', visibility: 'direct' }), status()])
    expect(page.posts.map((post) => post.externalId)).toEqual([hootStatus().uri])
    expect(page.notes).toEqual(['2 statuses that are not public (followers-only or direct) were left out'])
  })

  it('reads mention notifications and ignores the other kinds', () => {
    const [, , , , jeep] = listTimeline()
    const page = importJson([
      { id: '30', type: 'mention', created_at: jeep!.created_at, account: jeep!.account, status: jeep },
      { id: '29', type: 'follow', created_at: jeep!.created_at, account: jeep!.account },
      { id: '28', type: 'mention', created_at: jeep!.created_at, account: jeep!.account, status: null },
    ])
    expect(page.posts.map((post) => post.externalId)).toEqual([jeep!.uri])
    expect(page.failures.map((f) => f.reason)).toEqual(['a mention notification without its status'])
    expect(page.notes).toEqual(['1 notifications other than mentions were ignored'])
  })

  it('keeps the rest of the page when one status cannot be read', () => {
    const [first, second] = listTimeline()
    const page = importJson([first, { ...second, created_at: 'yesterday' }, 42])
    expect(page.posts.map((post) => post.externalId)).toEqual([first!.uri])
    expect(page.failures.map((f) => f.reason)).toEqual([
      'not a Mastodon status (created_at: not a date)',
      expect.stringMatching(/^not a Mastodon status \(item: /),
    ])
  })

  it('keeps each post once when the same original is boosted twice on a page', () => {
    const boost = (id: string) => status({ id, uri: `http://localhost:3000/statuses/${id}/activity`, reblog: status({ account: rosa }) })
    expect(importJson([boost('2'), boost('3')]).posts.map((post) => post.kind)).toEqual(['post', 'repost', 'repost'])
  })

  it('reports a body that is not JSON, or not a Mastodon payload, as a failed item', () => {
    expect(importBody(Buffer.from('<html>Too many requests</html>')).failures[0]!.reason).toMatch(/^not JSON/)
    const page = importJson({ error: 'Record not found' })
    expect(page.posts).toEqual([])
    expect(page.failures[0]).toEqual({ reason: expect.stringMatching(/^not a Mastodon payload/), raw: '{"error":"Record not found"}', wholeInput: true })
  })
})
