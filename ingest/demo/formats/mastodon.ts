import type { Author, DemoPost, PostRef, Segment } from '../model'
import { hashString } from '../random'
import { declaredLang, escapeHtml, iso, isoSeconds, roll } from './common'
import { localBits, snowflake } from './ids'

// Mastodon REST entities (docs.joinmastodon.org/entities/Status) as one instance serves them
// in a list timeline (GET /api/v1/timelines/list/:id, the team's list of watched accounts, which
// unlike tag and public timelines carries boosts; the viewer fields are those of the team's
// account, which has not interacted with anything): ids are that instance's own (snowflakes, different on every instance, so `uri` is the key
// that holds across instances), remote accounts carry their domain in `acct`, and content is
// the HTML Mastodon's text formatter writes, sanitised the way remote content is.

const CLIENTS = ['Web', 'Web', 'Web', 'Ivory', 'Tusky', 'Phanpy', 'Elk', 'Mona', 'Fedilab']

/** A page as a timeline returns it: newest first. */
export function mastodonPage(posts: DemoPost[], host: string): string {
  return JSON.stringify(posts.map((post) => status(post, host, false)))
}

function statusId(post: Pick<PostRef, 'seq' | 'createdAt' | 'author' | 'cid'>, host: string): string {
  return post.author.home === host ? post.cid : snowflake(post.createdAt, localBits(post.seq, host))
}

function accountId(author: Author, host: string): string {
  return snowflake(author.createdAt, localBits(author.index + 1_000_003, host))
}

function status(post: DemoPost, host: string, nested: boolean): Record<string, unknown> {
  const local = post.author.home === host
  const boost = post.kind === 'boost'
  const mentions = uniqueMentions(post.segments)
  const tags = post.segments.flatMap((s) => (s.kind === 'tag' ? [s.tag.toLowerCase()] : []))
  return {
    id: statusId(post, host),
    created_at: local ? iso(post.createdAt) : isoSeconds(post.createdAt),
    in_reply_to_id: post.parent ? statusId(post.parent, host) : null,
    in_reply_to_account_id: post.parent ? accountId(post.parent.author, host) : null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: boost ? null : declaredLang(post),
    uri: post.uri,
    url: boost ? (local ? post.uri : null) : `https://${post.author.home}/@${post.author.username}/${post.cid}`,
    replies_count: post.counts.replies,
    reblogs_count: post.counts.reposts,
    favourites_count: post.counts.likes,
    quotes_count: post.counts.quotes,
    edited_at: null,
    favourited: false,
    reblogged: false,
    muted: false,
    bookmarked: false,
    content: boost ? '' : content(post, local),
    filtered: [],
    reblog: boost && post.target ? status(post.target, host, true) : null,
    application: local && !boost ? { name: CLIENTS[roll(post, 'client') % CLIENTS.length], website: null } : undefined,
    account: account(post.author, host),
    media_attachments: [],
    mentions: mentions.map((a) => ({ id: accountId(a, host), username: a.username, url: profileUrl(a), acct: acct(a, host) })),
    tags: [...new Set(tags)].map((name) => ({ name, url: `https://${host}/tags/${encodeURIComponent(name)}` })),
    emojis: [],
    card: !boost && post.link ? card(post, host) : null,
    poll: null,
    quote: post.kind === 'quote' && post.target ? quote(post.target, host, nested) : null,
    quote_approval: { automatic: ['public'], manual: [], current_user: 'automatic' },
  }
}

/** A quoted post in full; inside a quoted post, only the id of what it quotes (a ShallowQuote). */
function quote(target: DemoPost, host: string, nested: boolean): Record<string, unknown> {
  if (nested) return { state: 'accepted', quoted_status_id: statusId(target, host) }
  return { state: 'accepted', quoted_status: status(target, host, true) }
}

/** Account creation dates, formatted once per author: every status repeats its account. */
const created = new WeakMap<Author, string>()

function account(author: Author, host: string): Record<string, unknown> {
  const id = accountId(author, host)
  let createdAt = created.get(author)
  if (!createdAt) created.set(author, (createdAt = `${iso(author.createdAt).slice(0, 10)}T00:00:00.000Z`))
  const media = `https://${host}/system/${author.home === host ? '' : 'cache/'}accounts`
  const partition = id.match(/.{1,3}/g)!.join('/')
  const picture = hashString(author.username).toString(16).padStart(8, '0')
  const noAvatar = author.role === 'person' && hashString(author.username, 7) % 100 < 15
  return {
    id,
    username: author.username,
    acct: acct(author, host),
    display_name: author.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    indexable: true,
    group: false,
    created_at: createdAt,
    note: `<p>${escapeHtml(author.bio)}</p>`,
    url: profileUrl(author),
    uri: `https://${author.home}/users/${author.username}`,
    avatar: noAvatar ? `https://${host}/avatars/original/missing.png` : `${media}/avatars/${partition}/original/${picture}${picture}.png`,
    avatar_static: noAvatar ? `https://${host}/avatars/original/missing.png` : `${media}/avatars/${partition}/original/${picture}${picture}.png`,
    header: `https://${host}/headers/original/missing.png`,
    header_static: `https://${host}/headers/original/missing.png`,
    followers_count: author.followers,
    following_count: author.following,
    statuses_count: author.baseStatuses + author.posted,
    last_status_at: author.lastPostAt ? iso(author.lastPostAt).slice(0, 10) : null,
    hide_collections: false,
    noindex: false,
    emojis: [],
    roles: [],
    fields: [],
  }
}

function acct(author: Author, host: string): string {
  return author.home === host ? author.username : `${author.username}@${author.home}`
}

function profileUrl(author: Author): string {
  return `https://${author.home}/@${author.username}`
}

function uniqueMentions(segments: Segment[]): Author[] {
  return [...new Set(segments.flatMap((s) => (s.kind === 'mention' ? [s.author] : [])))]
}

/** The link preview Mastodon fetched for the first link of the post. */
function card(post: DemoPost, host: string): Record<string, unknown> {
  const article = post.link!
  const image = roll(post, 'card') < 70
  return {
    url: article.url,
    title: article.title,
    description: article.description,
    language: article.lang,
    type: 'link',
    author_name: '',
    author_url: '',
    provider_name: article.outlet.name,
    provider_url: `https://www.${article.outlet.domain}`,
    html: '',
    width: image ? 1200 : 0,
    height: image ? 630 : 0,
    image: image ? `https://${host}/system/cache/preview_cards/images/${hashString(article.url).toString(16)}.jpg` : null,
    image_description: '',
    embed_url: '',
    blurhash: null,
    published_at: iso(article.publishedAt),
    authors: [],
  }
}

/**
 * The status HTML as Mastodon's formatter writes it: paragraphs, h-card mentions, hashtag
 * links and shortened URLs. Remote content has been sanitised: links open in a new tab.
 */
function content(post: DemoPost, local: boolean): string {
  const rel = local ? '' : ' rel="nofollow noopener" target="_blank"'
  const paragraphs: string[] = ['']
  for (const segment of post.segments) {
    if (segment.kind === 'break') paragraphs.push('')
    else paragraphs[paragraphs.length - 1] += inline(segment, post.author.home, rel)
  }
  let html = paragraphs.map((p) => `<p>${p.trim()}</p>`).join('')
  if (post.kind === 'quote' && post.target) {
    const url = `https://${post.target.author.home}/@${post.target.author.username}/${post.target.cid}`
    html += `<p class="quote-inline">RE: ${shortenedLink(url)}</p>`
  }
  return html
}

function inline(segment: Segment, origin: string, rel: string): string {
  switch (segment.kind) {
    case 'text': return escapeHtml(segment.text)
    case 'mention': return `<span class="h-card" translate="no"><a href="${escapeHtml(profileUrl(segment.author))}" class="u-url mention"${rel}>@<span>${escapeHtml(segment.author.username)}</span></a></span>`
    case 'tag': return `<a href="https://${origin}/tags/${encodeURIComponent(segment.tag)}" class="mention hashtag"${rel || ' rel="tag"'}>#<span>${escapeHtml(segment.tag)}</span></a>`
    case 'link': return shortenedLink(segment.url)
    default: return ''
  }
}

/** Mastodon hides the scheme and cuts long URLs at 30 characters, keeping the rest in an invisible span. */
export function shortenedLink(url: string): string {
  const prefix = /^https?:\/\/(www\.)?/.exec(url)?.[0] ?? ''
  const rest = url.slice(prefix.length)
  let display = rest.slice(0, 30)
  let suffix = rest.slice(30)
  if (suffix.length === 1) {
    display += suffix
    suffix = ''
  }
  const cut = suffix.length > 0
  return `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">${escapeHtml(prefix)}</span><span class="${cut ? 'ellipsis' : ''}">${escapeHtml(display)}</span><span class="invisible">${escapeHtml(suffix)}</span></a>`
}
