import type { Author, DemoPost } from '../model'
import { hashString } from '../random'
import { declaredLang, iso, roll } from './common'
import { cid } from './ids'

// app.bsky.feed.searchPosts responses: { posts: PostView[], cursor }. The record keeps the
// text as written; mentions, links and hashtags are facets that point into it by UTF-8 byte
// offsets (atproto.com/specs/lexicon, app.bsky.richtext.facet), which is what an adapter must
// get right for Arabic, Devanagari and emoji.

interface Facet {
  index: { byteStart: number, byteEnd: number }
  features: Record<string, string>[]
}

/** A page of search results, newest first; `cursor` asks for the next (older) page. */
export function blueskyPage(posts: DemoPost[], cursor: string | null): string {
  const page: Record<string, unknown> = { posts: posts.map(postView) }
  if (cursor) page.cursor = cursor
  return JSON.stringify(page)
}

/** The record's text and its facets, with byte offsets counted as UTF-8 while the text is built. */
export function richText(post: DemoPost): { text: string, facets: Facet[] } {
  let text = ''
  let bytes = 0
  const facets: Facet[] = []
  const add = (piece: string, feature?: Record<string, string>) => {
    const length = Buffer.byteLength(piece, 'utf8')
    if (feature) facets.push({ index: { byteStart: bytes, byteEnd: bytes + length }, features: [feature] })
    text += piece
    bytes += length
  }
  for (const s of post.segments) {
    if (s.kind === 'text') add(s.text)
    else if (s.kind === 'break') add('\n\n')
    else if (s.kind === 'mention') add(`@${handle(s.author)}`, { $type: 'app.bsky.richtext.facet#mention', did: s.author.did })
    else if (s.kind === 'tag') add(`#${s.tag}`, { $type: 'app.bsky.richtext.facet#tag', tag: s.tag })
    else add(s.display ?? s.url, { $type: 'app.bsky.richtext.facet#link', uri: s.url })
  }
  return { text, facets }
}

function handle(author: Author): string {
  return `${author.username}.bsky.social`
}

/** Profiles carry no counters on Bluesky, so each is built once and shared by every post. */
const profiles = new WeakMap<Author, Record<string, unknown>>()

function profile(author: Author): Record<string, unknown> {
  const known = profiles.get(author)
  if (known) return known
  const avatarCid = cid(hashString(`avatar:${author.username}`))
  const view = {
    did: author.did,
    handle: handle(author),
    displayName: author.displayName,
    avatar: `https://cdn.bsky.app/img/avatar/plain/${author.did}/${avatarCid}@jpeg`,
    associated: { activitySubscription: { allowSubscriptions: 'followers' } },
    labels: [],
    createdAt: iso(author.createdAt),
  }
  profiles.set(author, view)
  return view
}

function record(post: DemoPost): Record<string, unknown> {
  const { text, facets } = richText(post)
  const value: Record<string, unknown> = { $type: 'app.bsky.feed.post', createdAt: iso(post.createdAt), text }
  const lang = declaredLang(post)
  if (lang) value.langs = [lang === 'pt' && roll(post, 'region') < 30 ? 'pt-BR' : lang]
  if (facets.length > 0) value.facets = facets
  if (post.parent && post.root) {
    value.reply = { root: { cid: post.root.cid, uri: post.root.uri }, parent: { cid: post.parent.cid, uri: post.parent.uri } }
  }
  if (post.kind === 'quote' && post.target) value.embed = { $type: 'app.bsky.embed.record', record: { cid: post.target.cid, uri: post.target.uri } }
  else if (post.link) value.embed = { $type: 'app.bsky.embed.external', external: { uri: linkOf(post), title: post.link.title, description: post.link.description } }
  return value
}

/** The card shows the URL as pasted, tracking parameters and all. */
function linkOf(post: DemoPost): string {
  for (const s of post.segments) if (s.kind === 'link') return s.url
  return post.link!.url
}

function embedView(post: DemoPost, depth: number): Record<string, unknown> | undefined {
  if (post.kind === 'quote' && post.target) {
    const target = post.target
    const view: Record<string, unknown> = {
      $type: 'app.bsky.embed.record#viewRecord',
      uri: target.uri,
      cid: target.cid,
      author: profile(target.author),
      value: record(target),
      labels: [],
      likeCount: target.counts.likes,
      replyCount: target.counts.replies,
      repostCount: target.counts.reposts,
      quoteCount: target.counts.quotes,
      indexedAt: indexedAt(target),
    }
    // The AppView shows what a quoted post embeds one level down, not further.
    const inner = depth < 1 ? embedView(target, depth + 1) : undefined
    if (depth < 1) view.embeds = inner ? [inner] : []
    return { $type: 'app.bsky.embed.record#view', record: view }
  }
  if (post.link) {
    return { $type: 'app.bsky.embed.external#view', external: { uri: linkOf(post), title: post.link.title, description: post.link.description } }
  }
  return undefined
}

function indexedAt(post: DemoPost): string {
  return iso(post.createdAt + 400 + (roll(post, 'indexed') * 37))
}

function postView(post: DemoPost): Record<string, unknown> {
  return {
    uri: post.uri,
    cid: post.cid,
    author: profile(post.author),
    record: record(post),
    embed: embedView(post, 0),
    replyCount: post.counts.replies,
    repostCount: post.counts.reposts,
    likeCount: post.counts.likes,
    quoteCount: post.counts.quotes,
    bookmarkCount: 0,
    indexedAt: indexedAt(post),
    labels: [],
  }
}
