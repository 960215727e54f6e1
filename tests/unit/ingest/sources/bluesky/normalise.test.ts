import { describe, expect, it } from 'vitest'
import { readFacets } from '../../../../../ingest/sources/bluesky/facets'
import { mapFeedItem, mapPostView, postTime } from '../../../../../ingest/sources/bluesky/normalise'
import { feature, mentionFacet, postView } from './builders'

function onlyPost(raw: unknown) {
  const mapped = mapPostView(raw)
  expect(mapped.failures).toEqual([])
  expect(mapped.posts).toHaveLength(1)
  return mapped.posts[0]!
}

describe('a Bluesky post view', () => {
  it('becomes a post keyed by its AT URI with a bsky.app link and the author keyed by DID', () => {
    const post = onlyPost(postView({ uri: 'at://did:plc:alice/app.bsky.feed.post/3kxyz', handle: 'alice.bsky.social', displayName: 'Alice' }))
    expect(post).toMatchObject({
      platform: 'bluesky',
      kind: 'post',
      externalId: 'at://did:plc:alice/app.bsky.feed.post/3kxyz',
      url: 'https://bsky.app/profile/alice.bsky.social/post/3kxyz',
      title: null,
      text: 'hello',
      author: { externalId: 'did:plc:alice', handle: '@alice.bsky.social', name: 'Alice', profileUrl: 'https://bsky.app/profile/alice.bsky.social', followers: null },
    })
  })

  it('links through the DID when the handle no longer verifies', () => {
    const post = onlyPost(postView({ did: 'did:plc:gone', handle: 'handle.invalid' }))
    expect(post.url).toBe('https://bsky.app/profile/did:plc:gone/post/3kabc')
  })

  it('keeps counters the view leaves out as missing, and zero as zero', () => {
    expect(onlyPost(postView({ counts: null })).metrics).toEqual({ likes: null, reposts: null, replies: null, quotes: null })
    expect(onlyPost(postView({ counts: { likeCount: 0, repostCount: 4 } })).metrics).toEqual({ likes: 0, reposts: 4, replies: 0, quotes: 0 })
  })

  it('takes the followers count when the author view has one', () => {
    const raw = postView()
    raw.author = { did: 'did:plc:alice', handle: 'alice.bsky.social', followersCount: 0 }
    expect(onlyPost(raw).author.followers).toBe(0)
  })

  it('declares the first language the author chose', () => {
    expect(onlyPost(postView({ record: { langs: ['pt-BR', 'en'] } })).declaredLang).toBe('pt-BR')
    expect(onlyPost(postView()).declaredLang).toBeNull()
  })

  it('dates a post whose client clock ran ahead by when the app view indexed it', () => {
    const post = onlyPost(postView({ createdAt: '2030-01-01T00:00:00Z', indexedAt: '2026-11-22T10:00:05.123Z' }))
    expect(post.createdAt).toBe('2026-11-22T10:00:05.123Z')
    expect(postTime('2026-11-22T09:59:59.000000Z', '2026-11-22T10:00:00Z')).toBe('2026-11-22T09:59:59.000Z')
  })

  it('records a reply to its parent post', () => {
    const parent = 'at://did:plc:bob/app.bsky.feed.post/3kparent'
    const post = onlyPost(postView({ record: { reply: { parent: { uri: parent, cid: 'c1' }, root: { uri: parent, cid: 'c1' } } } }))
    expect(post.relations).toEqual([{ kind: 'reply', targetPostExternalId: parent, targetAuthor: null }])
  })

  it('collects hashtags from tag facets and from the extra tags of the record, lower-case', () => {
    const text = 'Klima #Energiewende'
    const post = onlyPost(postView({ text, record: { facets: [feature(6, 19, { $type: 'app.bsky.richtext.facet#tag', tag: 'Energiewende' })], tags: ['#Solar', 'ÉTÉ'] } }))
    expect(post.hashtags).toEqual(['energiewende', 'solar', 'été'])
  })

  it('collects links from link facets and from an external card, not the shortened text', () => {
    const text = 'read example.com/long-arti...'
    const post = onlyPost(postView({
      text,
      record: {
        facets: [feature(5, 29, { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/long-article?id=7' })],
        embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://news.example.org/story', title: 't', description: 'd' } },
      },
    }))
    expect(post.links).toEqual(['https://example.com/long-article?id=7', 'https://news.example.org/story'])
  })

  it('drops links that are not http(s)', () => {
    const post = onlyPost(postView({ record: { facets: [feature(0, 5, { $type: 'app.bsky.richtext.facet#link', uri: 'javascript:alert(1)' })] } }))
    expect(post.links).toEqual([])
  })
})

describe('facet byte offsets', () => {
  it('finds a mention after Arabic text and an emoji, counting UTF-8 bytes', () => {
    const text = 'مرحبا 👋 @alice.test شكرا'
    const post = onlyPost(postView({ text, record: { facets: [mentionFacet(text, '@alice.test', 'did:plc:alice')] } }))
    expect(post.relations).toEqual([{
      kind: 'mention',
      targetPostExternalId: null,
      targetAuthor: expect.objectContaining({ externalId: 'did:plc:alice', handle: '@alice.test', profileUrl: 'https://bsky.app/profile/alice.test' }),
    }])
  })

  it('reads a mention after emoji with skin tones and combined characters', () => {
    const text = '👩🏽‍💻🇧🇷 oi @Bob.Example.com!'
    expect(readFacets(text, [mentionFacet(text, '@Bob.Example.com', 'did:plc:bob')]).mentions).toEqual([{ did: 'did:plc:bob', handle: '@bob.example.com' }])
  })

  it('does not take a wrong handle from a range counted in UTF-16 units', () => {
    const text = 'مرحبا 👋 @alice.test'
    const start = text.indexOf('@') // a JavaScript index, not a byte offset
    const facets = [feature(start, start + '@alice.test'.length, { $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:alice' })]
    expect(readFacets(text, facets).mentions).toEqual([{ did: 'did:plc:alice', handle: null }])
    expect(onlyPost(postView({ text, record: { facets } })).relations).toEqual([])
  })

  it('skips a facet whose range lies outside the text, keeping the others', () => {
    const text = 'hi @bob.test'
    const facets = [
      feature(40, 50, { $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:ghost' }),
      { index: 'broken' },
      mentionFacet(text, '@bob.test', 'did:plc:bob'),
    ]
    expect(readFacets(text, facets).mentions).toEqual([{ did: 'did:plc:ghost', handle: null }, { did: 'did:plc:bob', handle: '@bob.test' }])
  })
})

describe('quotes', () => {
  const quoted = {
    $type: 'app.bsky.embed.record#viewRecord',
    uri: 'at://did:plc:carol/app.bsky.feed.post/3kq',
    cid: 'c2',
    author: { did: 'did:plc:carol', handle: 'carol.test' },
    value: { $type: 'app.bsky.feed.post', text: 'original thought', createdAt: '2026-11-21T08:00:00Z' },
    likeCount: 5,
    indexedAt: '2026-11-21T08:00:01Z',
  }

  it('stores the quoted post as its own post and points the quote at it', () => {
    const mapped = mapPostView(postView({
      text: 'so true',
      record: { embed: { $type: 'app.bsky.embed.record', record: { uri: quoted.uri, cid: 'c2' } } },
      embed: { $type: 'app.bsky.embed.record#view', record: quoted },
    }))
    expect(mapped.posts[0]!.relations).toEqual([{ kind: 'quote', targetPostExternalId: quoted.uri, targetAuthor: expect.objectContaining({ handle: '@carol.test' }) }])
    expect(mapped.context).toEqual([expect.objectContaining({ externalId: quoted.uri, text: 'original thought', metrics: { likes: 5, reposts: null, replies: null, quotes: null } })])
  })

  it('reads a quote with media and a quoted post that is gone', () => {
    const mapped = mapPostView(postView({
      record: { embed: { $type: 'app.bsky.embed.recordWithMedia', record: { record: { uri: quoted.uri, cid: 'c2' } }, media: { $type: 'app.bsky.embed.images', images: [] } } },
      embed: { $type: 'app.bsky.embed.recordWithMedia#view', record: { record: { $type: 'app.bsky.embed.record#viewNotFound', uri: quoted.uri, notFound: true } }, media: {} },
    }))
    expect(mapped.posts[0]!.relations).toEqual([{ kind: 'quote', targetPostExternalId: quoted.uri, targetAuthor: null }])
    expect(mapped.context).toEqual([])
  })

  it('does not call an embedded feed generator a quote', () => {
    const post = onlyPost(postView({ record: { embed: { $type: 'app.bsky.embed.record', record: { uri: 'at://did:plc:x/app.bsky.feed.generator/cats', cid: 'c' } } } }))
    expect(post.relations).toEqual([])
  })
})

describe('an author feed item', () => {
  it('stores the reposted original and a repost by the reposter pointing at it', () => {
    const original = postView({ uri: 'at://did:plc:dan/app.bsky.feed.post/3ko', did: 'did:plc:dan', handle: 'dan.test' })
    const reason = { $type: 'app.bsky.feed.defs#reasonRepost', by: { did: 'did:plc:carol', handle: 'carol.test' }, indexedAt: '2026-11-22T11:00:00Z' }
    const mapped = mapFeedItem({ post: original, reason })
    const [repost, post] = mapped.posts
    expect(repost).toMatchObject({
      kind: 'repost',
      author: { externalId: 'did:plc:carol', handle: '@carol.test' },
      createdAt: '2026-11-22T11:00:00.000Z',
      text: '',
      relations: [{ kind: 'repost', targetPostExternalId: original.uri, targetAuthor: expect.objectContaining({ externalId: 'did:plc:dan' }) }],
    })
    expect(post).toMatchObject({ kind: 'post', externalId: original.uri })
    expect(mapFeedItem({ post: original, reason }).posts[0]!.externalId).toBe(repost!.externalId)
    expect(mapFeedItem({ post: original, reason: { ...reason, by: { did: 'did:plc:erin', handle: 'erin.test' } } }).posts[0]!.externalId).not.toBe(repost!.externalId)
  })

  it('names the author replied to from the reply context', () => {
    const parent = postView({ uri: 'at://did:plc:bob/app.bsky.feed.post/3kp', did: 'did:plc:bob', handle: 'bob.test' })
    const reply = postView({ record: { reply: { parent: { uri: parent.uri, cid: 'c' }, root: { uri: parent.uri, cid: 'c' } } } })
    const [post] = mapFeedItem({ post: reply, reply: { root: parent, parent } }).posts
    expect(post!.relations).toEqual([{ kind: 'reply', targetPostExternalId: parent.uri, targetAuthor: expect.objectContaining({ handle: '@bob.test' }) }])
  })
})

describe('unmappable items', () => {
  it('fails a view without an author DID, saying why', () => {
    const raw = postView()
    raw.author = { handle: 'nobody.test' }
    const mapped = mapPostView(raw)
    expect(mapped.posts).toEqual([])
    expect(mapped.failures).toEqual([{ reason: expect.stringMatching(/^Bluesky post view: author\.did/), raw: expect.stringContaining('nobody.test') }])
  })

  it('fails a record that is not a post', () => {
    const mapped = mapPostView(postView({ record: { text: undefined } }))
    expect(mapped.failures[0]!.reason).toMatch(/record is not an app\.bsky\.feed\.post \(text/)
  })

  it('fails a post with no date at all', () => {
    const mapped = mapPostView(postView({ createdAt: 'yesterday', indexedAt: 'soon' }))
    expect(mapped.failures[0]!.reason).toMatch(/neither createdAt nor indexedAt is a date/)
  })

  it('keeps the original when a repost reason is broken', () => {
    const mapped = mapFeedItem({ post: postView(), reason: { $type: 'app.bsky.feed.defs#reasonRepost', indexedAt: '2026-11-22T11:00:00Z' } })
    expect(mapped.posts.map((p) => p.kind)).toEqual(['post'])
    expect(mapped.failures[0]!.reason).toMatch(/^Bluesky repost: by/)
  })
})
