import type { Author, DemoPost, PostRef } from '../model'
import { hashString } from '../random'
import { asciiFold } from '../world/names'
import { escapeHtml, roll } from './common'
import { base36 } from './ids'

// Reddit listings as the JSON API returns them with raw_json=1: { kind: 'Listing', data:
// { after, dist, modhash, children: [{ kind: 't3' | 't1', data }], before } }. Submissions come
// from /r/<sub>/new, comments from /r/<sub>/comments, each page newest first.

export function redditPage(posts: DemoPost[]): string {
  const children = posts.map((post) => (post.kind === 'reply' ? { kind: 't1', data: comment(post) } : { kind: 't3', data: submission(post) }))
  const last = posts.at(-1)
  return JSON.stringify({
    kind: 'Listing',
    data: { after: last ? last.uri : null, dist: children.length, modhash: '', geo_filter: '', children, before: null },
  })
}

function fullname(author: Author): string {
  return `t2_${base36(hashString(author.username, 2) % 2_000_000_000 + 100_000_000)}`
}

function subredditId(name: string): string {
  return `t5_${base36(hashString(name.toLowerCase(), 5) % 60_000_000 + 2_000_000)}`
}

/** Reddit's URL slug: the title's first words, ASCII only, joined by underscores. */
function slug(title: string | null): string {
  const words = (title ?? '').split(/\s+/).map(asciiFold).filter(Boolean).slice(0, 8)
  return words.length > 0 ? words.join('_').slice(0, 50) : '_'
}

function permalink(sub: string, submissionId: string, titleSlug: string, commentId?: string): string {
  return `/r/${sub}/comments/${submissionId}/${titleSlug}/${commentId ? `${commentId}/` : ''}`
}

/** Markdown as typed, and the HTML Reddit renders from it. */
function bodies(post: DemoPost): { markdown: string, html: string } {
  let markdown = ''
  let html = ''
  for (const s of post.segments) {
    if (s.kind === 'text') { markdown += s.text; html += escapeHtml(s.text) }
    else if (s.kind === 'mention') { markdown += `u/${s.author.username}`; html += `<a href="/u/${s.author.username}">u/${s.author.username}</a>` }
    else if (s.kind === 'link') { markdown += s.url; html += `<a href="${escapeHtml(s.url)}">${escapeHtml(s.url)}</a>` }
  }
  return { markdown, html: `<div class="md"><p>${html}</p>\n</div>` }
}

function common(post: DemoPost): Record<string, unknown> {
  const seconds = Math.floor(post.createdAt / 1000)
  const score = post.counts.likes + 1
  return {
    subreddit: post.stream,
    subreddit_id: subredditId(post.stream),
    subreddit_name_prefixed: `r/${post.stream}`,
    subreddit_type: 'public',
    author: post.author.username,
    author_fullname: fullname(post.author),
    author_flair_text: null,
    author_flair_css_class: null,
    author_premium: false,
    id: post.cid,
    name: post.uri,
    score,
    ups: score,
    downs: 0,
    likes: null,
    saved: false,
    gilded: 0,
    gildings: {},
    total_awards_received: 0,
    all_awardings: [],
    edited: false,
    archived: false,
    locked: false,
    stickied: false,
    distinguished: null,
    over_18: false,
    quarantine: false,
    banned_by: null,
    approved_by: null,
    removal_reason: null,
    report_reasons: null,
    user_reports: [],
    mod_reports: [],
    num_reports: null,
    created: seconds,
    created_utc: seconds,
  }
}

function submission(post: DemoPost): Record<string, unknown> {
  const link = post.segments.find((s) => s.kind === 'link')
  const url = link?.kind === 'link' ? link.url : null
  const { markdown, html } = bodies(post)
  const path = permalink(post.stream, post.cid, slug(post.title))
  // Object.assign, not a spread: spreading an object this wide takes V8's slow path.
  return Object.assign(common(post), {
    title: post.title,
    selftext: url ? '' : markdown,
    selftext_html: url ? null : `<!-- SC_OFF -->${html}<!-- SC_ON -->`,
    is_self: !url,
    domain: url ? new URL(url).hostname.replace(/^www\./, '') : `self.${post.stream}`,
    url: url ?? `https://www.reddit.com${path}`,
    permalink: path,
    thumbnail: url ? 'default' : 'self',
    post_hint: url ? 'link' : undefined,
    num_comments: post.counts.replies,
    num_crossposts: 0,
    upvote_ratio: (75 + (roll(post, 'ratio') % 24)) / 100,
    link_flair_text: null,
    hide_score: false,
    is_video: false,
    media: null,
    media_embed: {},
    secure_media: null,
    secure_media_embed: {},
    spoiler: false,
    pinned: false,
    visited: false,
    hidden: false,
    clicked: false,
  })
}

function comment(post: DemoPost): Record<string, unknown> {
  const root = post.root as PostRef
  const { markdown, html } = bodies(post)
  const thread = `https://www.reddit.com${permalink(post.stream, root.cid, slug(root.title))}`
  return Object.assign(common(post), {
    body: markdown,
    body_html: html,
    link_id: root.uri,
    parent_id: post.parent!.uri,
    link_title: root.title,
    link_author: root.author.username,
    link_permalink: thread,
    link_url: root.linkUrl ?? thread,
    permalink: `${thread.slice('https://www.reddit.com'.length)}${post.cid}/`,
    is_submitter: root.author === post.author,
    replies: '',
    controversiality: 0,
    score_hidden: false,
    collapsed: false,
    collapsed_reason: null,
    no_follow: true,
    send_replies: true,
  })
}
