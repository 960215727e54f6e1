import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { redditAdapter } from '../../../../../ingest/sources/reddit'
import type { NormalisedPost, Page } from '../../../../../ingest/types'

const FIXTURES = new URL('../../../../fixtures/reddit/', import.meta.url)
const now = new Date('2026-11-22T10:00:00Z')

function importFixture(name: string): Page {
  return importBody(readFileSync(new URL(name, FIXTURES)))
}

function importBody(body: string | Buffer): Page {
  return redditAdapter.importPayload!(Buffer.isBuffer(body) ? body : Buffer.from(body), { now })
}

function byId(page: Page, externalId: string): NormalisedPost {
  const post = page.posts.find((p) => p.externalId === externalId)
  expect(post, externalId).toBeDefined()
  return post!
}

/** A listing around hand-made children, for the error cases the recordings do not contain. */
function listing(...children: unknown[]): string {
  return JSON.stringify({ kind: 'Listing', data: { children, after: null, before: null } })
}

describe('Reddit import: what cannot be read', () => {
  it('records a body that is not JSON as one failed item instead of throwing', () => {
    const page = importBody('{"kind": "Listing", "data": {"chil')
    expect(page.posts).toEqual([])
    expect(page.failures).toHaveLength(1)
    expect(page.failures[0]!.reason).toMatch(/^not JSON/)
  })

  it('says so when the JSON is not a Listing', () => {
    const page = importBody('{"message": "Forbidden", "error": 403}')
    expect(page.failures[0]!.reason).toMatch(/not a Reddit Listing/)
  })

  it('keeps the rest of the page when one child cannot be mapped', () => {
    const good = JSON.parse(readFileSync(new URL('praw_r_askreddit_new.json', FIXTURES), 'utf8')).data.children[0]
    const noDate = { kind: 't3', data: { ...good.data, name: 't3_broken', created_utc: 'yesterday' } }
    const page = importBody(listing(noDate, good, { kind: 't5', data: { display_name: 'AskReddit' } }, 'junk'))
    expect(page.posts.map((p) => p.externalId)).toEqual([good.data.name])
    expect(page.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(/post not understood \(created_utc: /),
      'not a post or comment (Reddit kind "t5")',
      'not a Reddit thing ({kind, data})',
    ])
    expect(page.failures[0]!.raw).toContain('t3_broken')
  })
})

describe('Reddit import: a comment thread (GET /comments/:id)', () => {
  it('reads the post and every nested comment, each replying to its parent', () => {
    const page = importFixture('praw_comments_2gmzqe.json')
    expect(page.failures).toEqual([])
    expect(page.posts.map((p) => p.externalId)).toEqual(['t3_2gmzqe', 't1_cklfmye', 't1_cklhv0f'])
    const reply = byId(page, 't1_cklhv0f')
    expect(reply.relations).toEqual([{ kind: 'reply', targetPostExternalId: 't1_cklfmye', targetAuthor: expect.objectContaining({ externalId: 'paneer_burrito' }) }])
    expect(byId(page, 't1_cklfmye').relations[0]).toMatchObject({ kind: 'reply', targetPostExternalId: 't3_2gmzqe', targetAuthor: { externalId: 'bboe', handle: 'u/bboe' } })
  })

  it('maps the self post: title, markdown text, the link in it, score and comment count', () => {
    const post = byId(importFixture('praw_comments_2gmzqe.json'), 't3_2gmzqe')
    expect(post).toMatchObject({
      platform: 'reddit',
      url: 'https://www.reddit.com/r/redditdev/comments/2gmzqe/praw_https_enabled_praw_testing_needed/',
      title: '[PRAW] HTTPS enabled PRAW testing needed',
      createdAt: '2014-09-17T06:34:31.000Z',
      declaredLang: null,
      kind: 'post',
      metrics: { likes: 11, replies: 2, reposts: null, quotes: null },
      author: { platform: 'reddit', externalId: 'bboe', handle: 'u/bboe', profileUrl: 'https://www.reddit.com/user/bboe', followers: null },
    })
    expect(post.text).toMatch(/^PRAW client developers,\n\nI have made a PRAW branch/)
    // The self post's own URL is not an outside link; the GitHub link in its text is.
    expect(post.links).toEqual(['https://github.com/praw-dev/praw/issues'])
  })

  it('gives comments without a recorded permalink a working link to the comment', () => {
    expect(byId(importFixture('praw_comments_2gmzqe.json'), 't1_cklhv0f').url).toBe('https://www.reddit.com/r/redditdev/comments/2gmzqe/_/cklhv0f/')
  })

  it('keeps a deleted comment in the tree under u/[deleted], and its reply', () => {
    const page = importFixture('derived_thread_deleted_more.json')
    const deleted = byId(page, 't1_cklfmye')
    expect(deleted.author).toEqual({ platform: 'reddit', externalId: '[deleted]', handle: 'u/[deleted]', name: null, profileUrl: null, followers: null })
    expect(deleted.text).toBe('[deleted]')
    expect(byId(page, 't1_cklhv0f').relations[0]).toMatchObject({ targetPostExternalId: 't1_cklfmye', targetAuthor: { handle: 'u/[deleted]' } })
  })

  it('skips "more" stubs without failing and says how many comments they hold', () => {
    const page = importFixture('derived_thread_deleted_more.json')
    expect(page.failures).toEqual([])
    expect(page.posts).toHaveLength(3)
    expect(page.notes).toEqual([expect.stringMatching(/^6 further comments were not in the payload/)])
  })

  it('does not keep nested replies inside the parent\'s raw item (they are posts of their own)', () => {
    const parent = byId(importFixture('praw_comments_2gmzqe.json'), 't1_cklfmye')
    expect(parent.raw).toMatchObject({ kind: 't1', data: { name: 't1_cklfmye', body: expect.any(String) } })
    expect(parent.raw).not.toHaveProperty('data.replies')
  })
})

describe('Reddit import: listings', () => {
  it('reads all 100 posts of a subreddit\'s /new listing', () => {
    const page = importFixture('praw_r_askreddit_new.json')
    expect(page.failures).toEqual([])
    expect(page.posts).toHaveLength(100)
    expect(new Set(page.posts.map((p) => p.externalId)).size).toBe(100)
    expect(page.posts.every((p) => p.title && p.url?.startsWith('https://www.reddit.com/r/AskReddit/comments/'))).toBe(true)
  })

  it('reads a search listing, including a post in Japanese', () => {
    const page = importFixture('praw_search_r_all.json')
    expect(page.posts).toHaveLength(6)
    const japanese = byId(page, 't3_4at068')
    expect(japanese.title).toContain('サイドバー')
    expect(japanese.links).toContain('https://github.com/reddit/reddit/compare/b71d8b...20759d')
  })

  it('answers comments of a subreddit to the post\'s author, and leaves a withheld score missing, not zero', () => {
    const page = importFixture('praw_r_askreddit_comments.json')
    expect(page.posts).toHaveLength(100)
    const comment = byId(page, 't1_d4y8bdp')
    expect(comment.title).toBeNull()
    expect(comment.text).toBe('great, life is so much better when you can do what you enjoy for a living')
    expect(comment.relations).toEqual([{ kind: 'reply', targetPostExternalId: 't3_4r4inc', targetAuthor: expect.objectContaining({ externalId: 'Steelers565' }) }])
    // score_hidden: Reddit withholds fresh comment scores.
    expect(comment.metrics).toEqual({ likes: null, reposts: null, replies: null, quotes: null })
  })

  it('stores the outside URL of a link post among its links', () => {
    const post = byId(importFixture('derived_link_crosspost_deleted.json'), 't3_48fbm9')
    expect(post.text).toBe('')
    expect(post.links).toEqual(['https://www.unhcr.org/news/stories/2016/3/56d5bf3b6.html?utm_source=reddit'])
  })

  it('links a crosspost to the original as a quote of its author, with the title\'s hashtag', () => {
    const post = byId(importFixture('derived_link_crosspost_deleted.json'), 't3_48fbig')
    expect(post.relations).toEqual([{ kind: 'quote', targetPostExternalId: 't3_48fbm9', targetAuthor: expect.objectContaining({ externalId: 'RedHeadQc' }) }])
    expect(post.kind).toBe('post')
    expect(post.hashtags).toEqual(['refugeeswelcome'])
  })

  it('stores a post whose author deleted their account', () => {
    const post = byId(importFixture('derived_link_crosspost_deleted.json'), 't3_48fbgl')
    expect(post.author.handle).toBe('u/[deleted]')
    expect(post.author.profileUrl).toBeNull()
    expect(post.text).toBe('[deleted]')
  })
})
