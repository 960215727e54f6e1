import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hackerNewsAdapter } from '../../../../../ingest/sources/hackernews'
import type { NormalisedPost, Page } from '../../../../../ingest/types'

const FIXTURE = new URL('../../../../fixtures/hackernews/search_by_date.json', import.meta.url)
const now = new Date('2026-11-22T10:00:00Z')

function importBody(body: string | Buffer): Page {
  return hackerNewsAdapter.importPayload!(Buffer.isBuffer(body) ? body : Buffer.from(body), { now })
}

const page = importBody(readFileSync(FIXTURE))

function byId(externalId: string): NormalisedPost {
  const post = page.posts.find((p) => p.externalId === externalId)
  expect(post, externalId).toBeDefined()
  return post!
}

/** A search response around hand-made hits. */
function response(hits: unknown[], extra: object = {}): string {
  return JSON.stringify({ hits, nbHits: hits.length, page: 0, nbPages: 1, hitsPerPage: 100, ...extra })
}

describe('Hacker News import: what cannot be read', () => {
  it('records a body that is not JSON as one failed item instead of throwing', () => {
    const result = importBody('{"hits": [')
    expect(result.posts).toEqual([])
    expect(result.failures[0]!.reason).toMatch(/^not JSON/)
  })

  it('says so when the JSON is not a search response', () => {
    expect(importBody('{"message": "Index does not exist", "status": 404}').failures[0]!.reason).toMatch(/not an Algolia HN Search response/)
  })

  it('keeps the rest of the page when a hit cannot be mapped', () => {
    const result = importBody(response([{ objectID: 'abc', author: 'x', created_at_i: 1 }, { objectID: '7', author: 'pg' }, { objectID: '8', author: 'pg', created_at: '2007-02-19T21:50:00Z', _tags: ['story'], title: 'Y' }]))
    expect(result.posts.map((p) => p.externalId)).toEqual(['8'])
    expect(result.posts[0]!.createdAt).toBe('2007-02-19T21:50:00.000Z')
    expect(result.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(/objectID: a numeric item id/),
      'Hacker News item 7 has no creation time (created_at_i)',
    ])
  })

  it('says when a saved response is only one page of many', () => {
    expect(importBody(response([], { nbHits: 250, page: 1, nbPages: 3 })).notes).toEqual(['this response holds 0 of 250 matching items (page 2 of 3)'])
  })
})

describe('Hacker News import: a search_by_date response', () => {
  it('reads every attributable story and comment, and records the authorless one as failed', () => {
    expect(page.posts.map((p) => p.externalId)).toEqual(['38613001', '38612890', '38612555', '38612410', '38612304'])
    expect(page.failures).toEqual([{ reason: 'Hacker News item 38612950 has no author (deleted or dead items lose theirs)', raw: expect.stringContaining('"objectID":"38612950"') }])
    expect(page.notes).toEqual([])
  })

  it('maps a link story: title, the story link, points and comment count', () => {
    expect(byId('38612304')).toMatchObject({
      platform: 'hackernews',
      url: 'https://news.ycombinator.com/item?id=38612304',
      kind: 'post',
      title: 'UNHCR publishes open data on forced displacement',
      text: '',
      createdAt: '2023-12-12T09:15:02.000Z',
      declaredLang: null,
      metrics: { likes: 142, replies: 3, reposts: null, quotes: null },
      links: ['https://www.unhcr.org/refugee-statistics/?utm_source=hn'],
      relations: [],
      author: { platform: 'hackernews', externalId: 'datafan', handle: 'datafan', name: null, profileUrl: 'https://news.ycombinator.com/user?id=datafan', followers: null },
    })
  })

  it('maps an Ask HN self post: its HTML as plain text and the links inside it', () => {
    const ask = byId('38612890')
    expect(ask.title).toBe('Ask HN: Tools for monitoring NGO mentions across languages?')
    expect(ask.text).toBe('We are a small comms team at a refugee-support NGO. Currently we use https://example.com/listening but it\'s English-only.\n\nWhat do you use to follow conversations in Arabic, French & Spanish?')
    // Hacker News writes '/' as &#x2F; even inside href: the link must still come out whole.
    expect(ask.links).toEqual(['https://example.com/listening'])
  })

  it('links each comment to the item it answers, a story or another comment', () => {
    expect(byId('38612410').relations).toEqual([{ kind: 'reply', targetPostExternalId: '38612304' }])
    expect(byId('38612555').relations).toEqual([{ kind: 'reply', targetPostExternalId: '38612410' }])
    expect(byId('38612555').title).toBeNull()
  })

  it('keeps a comment\'s missing points missing, not zero', () => {
    expect(byId('38612555').metrics).toEqual({ likes: null, reposts: null, replies: null, quotes: null })
  })

  it('reads hashtags and links from comment text, code blocks kept as text', () => {
    const comment = byId('38613001')
    expect(comment.hashtags).toEqual(['refugiadosbienvenidos', 'refugeeswelcome'])
    expect(comment.links).toEqual(['https://example.org/notes/multilingual?lang=es&v=2'])
    expect(byId('38612410').text).toBe('The mid-year figures are in the Global Trends report: https://www.unhcr.org/global-trends\n\n  curl -s https://api.unhcr.org/population/v1/')
    expect(byId('38612410').links).toEqual(['https://www.unhcr.org/global-trends'])
  })

  it('never lets markup through as text', () => {
    const result = importBody(response([{ objectID: '9', author: 'mallory', created_at_i: 1_700_000_000, _tags: ['comment'], parent_id: 1, comment_text: '<script>alert(1)</script><p>hi <img src=x onerror=alert(2)>there' }]))
    expect(result.posts[0]!.text).toBe('hi there')
  })
})
