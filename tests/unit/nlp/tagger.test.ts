import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { Tagger } from '../../../ingest/nlp/tagger'
import { blueskyAdapter } from '../../../ingest/sources/bluesky'
import { mastodonAdapter } from '../../../ingest/sources/mastodon'
import { hootStatus } from '../ingest/sources/mastodon/fixtures'

// A boost from a recorded Mastodon status: the original in French, the boost with no words.
const now = new Date('2026-08-02T00:00:00Z')
const original = {
  ...hootStatus(),
  id: '900',
  uri: 'https://climat.example/users/rosa/statuses/900',
  language: 'en',
  content: '<p>Les familles déplacées par les inondations attendent toujours un abri et de l\'eau potable dans les camps du nord.</p>',
}
const boost = { ...hootStatus(), id: '901', uri: 'https://example.social/users/b/statuses/901/activity', content: '', tags: [], language: null, reblog: original }
const page = () => mastodonAdapter.importPayload!(Buffer.from(JSON.stringify([boost])), { now }).posts

let tagger: Tagger
beforeAll(async () => {
  tagger = await Tagger.create({ topics: [{ id: 1, queries: [{ lang: '*', query: 'déplacées' }] }], languages: ['en', 'fr', 'es'] })
}, 60_000)

describe('a page\'s tags', () => {
  it('give a boost the language of the post it repeats, and no sentiment or topic of its own', () => {
    const posts = page()
    expect(posts.map((post) => post.kind)).toEqual(['post', 'repost'])
    const [originalTags, boostTags] = tagger.tagPage(posts)
    expect(originalTags).toMatchObject({ lang: 'fr', topics: [{ topicId: 1 }] })
    expect(boostTags).toMatchObject({ lang: 'fr', langConfidence: originalTags!.langConfidence, sentiment: null, topics: [], terms: [] })
    // Tagged alone, as before, the boost read as undetermined.
    expect(tagger.tag(posts[1]!).lang).toBe('und')
  })

  it('give a Bluesky repost, recorded from the app view, its original\'s language', () => {
    const feed = readFileSync(new URL('../../fixtures/bluesky/atproto_snap_getAuthorFeed.3.json', import.meta.url))
    const posts = blueskyAdapter.importPayload!(feed, { now }).posts
    const repost = posts.findIndex((post) => post.kind === 'repost')
    const original = posts.findIndex((post) => post.externalId === posts[repost]!.relations[0]!.targetPostExternalId)
    const tags = tagger.tagPage(posts)
    expect(posts[original]!.text).toBe('@alice.bluesky.xyz is the best')
    expect(tags[original]!.lang).toBe('en')
    expect(tags[repost]).toMatchObject({ lang: 'en', langConfidence: tags[original]!.langConfidence, sentiment: null })
  }, 60_000) // a text this short needs the language model's n-grams beyond trigrams, loaded on first use

  it('read the original\'s language anew when it was skipped as a repeat from an earlier page', () => {
    const [skipped, boostTags] = tagger.tagPage(page(), [true, false])
    expect(skipped).toBeNull()
    expect(boostTags).toMatchObject({ lang: 'fr', topics: [] })
    expect(boostTags!.langConfidence).toBeGreaterThan(0.5)
  })

  it('leave a repost whose original did not come with it undetermined, and a repost with words of its own to its words', () => {
    const alone = page()[1]!
    expect(tagger.tagPage([alone])[0]).toMatchObject({ lang: 'und' })
    const [, quoted] = page()
    quoted!.text = 'Dramatic floods this week, please share and donate to the shelters'
    expect(tagger.tagPage([page()[0]!, quoted!])[1]).toMatchObject({ lang: 'en' })
  })
})
