import { blueskyPage } from './formats/bluesky'
import { feedPage } from './formats/feed'
import { mastodonPage } from './formats/mastodon'
import { redditPage } from './formats/reddit'
import type { Channel, DemoPost, Outlet } from './model'
import { HOUR } from './schedule'
import { packOf } from './text/compose'
import type { World } from './world/build'
import { INSTANCES } from './world/communities'

// Gathers posts into the pages a source would fetch: one buffer per source (a Mastodon
// instance's timeline, a Bluesky search, a subreddit listing, an outlet's feed). A buffer is
// sent when it holds a full page, or when its oldest post has waited as long as the source's
// polling interval. Only these buffers are held, whatever the size of the corpus.

export interface DemoPayload {
  format: Channel
  /** The source the page comes from: an instance host, a search, a subreddit listing or an outlet. */
  name: string
  /** The request that would have returned this page (for `importPayload`'s `origin`). */
  origin: string
  body: string
  /** Items in the page (statuses, posts, listing children or feed items). */
  posts: number
}

const PAGE_SIZE: Record<Channel, number> = { mastodon: 40, bluesky: 100, reddit: 100, feed: 200 }
/** How long a source waits between polls: quiet subreddits are read every three days, feeds daily. */
const POLL: Record<Channel, number> = { mastodon: 12 * HOUR, bluesky: 24 * HOUR, reddit: 72 * HOUR, feed: 24 * HOUR }

interface Buffer {
  format: Channel
  name: string
  items: DemoPost[]
  pages: number
}

export class Pager {
  private readonly buffers = new Map<string, Buffer>()
  private lastCheck = 0

  private readonly outlets: Map<string, Outlet>

  constructor(private readonly world: World) {
    this.outlets = new Map(world.outlets.map((o) => [o.id, o]))
  }

  /** Adds a post; returns the pages that are ready, oldest first. */
  add(post: DemoPost): DemoPayload[] {
    const ready = post.createdAt - this.lastCheck >= HOUR ? this.due(post.createdAt) : []
    const buffer = this.buffer(post)
    buffer.items.push(post)
    if (buffer.items.length >= PAGE_SIZE[buffer.format]) ready.push(this.send(buffer))
    return ready
  }

  /** Everything still buffered, in the order the pages would have been fetched. */
  flush(): DemoPayload[] {
    const pending = [...this.buffers.values()].filter((b) => b.items.length > 0)
    // Plain comparison, not localeCompare: the order must not depend on the machine's locale.
    pending.sort((a, b) => a.items.at(-1)!.createdAt - b.items.at(-1)!.createdAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    return pending.map((b) => this.send(b))
  }

  private due(now: number): DemoPayload[] {
    this.lastCheck = now
    const late = [...this.buffers.values()].filter((b) => b.items.length > 0 && now - b.items[0]!.createdAt >= POLL[b.format])
    late.sort((a, b) => a.items[0]!.createdAt - b.items[0]!.createdAt)
    return late.map((b) => this.send(b))
  }

  private buffer(post: DemoPost): Buffer {
    const name = post.channel === 'reddit' ? `r-${post.stream}-${post.kind === 'reply' ? 'comments' : 'new'}` : post.stream
    const key = `${post.channel}:${name}`
    let buffer = this.buffers.get(key)
    if (!buffer) {
      buffer = { format: post.channel, name, items: [], pages: 0 }
      this.buffers.set(key, buffer)
    }
    return buffer
  }

  private send(buffer: Buffer): DemoPayload {
    // Timelines, searches, listings and feeds all list the newest item first.
    const items = buffer.items.reverse()
    buffer.items = []
    buffer.pages++
    return { format: buffer.format, name: buffer.name, origin: this.origin(buffer, items[0]!), body: this.render(buffer, items), posts: items.length }
  }

  private origin(buffer: Buffer, sample: DemoPost): string {
    switch (buffer.format) {
      case 'mastodon': return `https://${buffer.name}/api/v1/timelines/list/${101 + INSTANCES.indexOf(buffer.name as (typeof INSTANCES)[number])}?limit=40`
      case 'bluesky': {
        const community = this.world.communities[sample.community]!
        return `https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=${encodeURIComponent(community.tags[0]!)}&sort=latest&limit=100`
      }
      case 'reddit': return `https://oauth.reddit.com/r/${sample.stream}/${sample.kind === 'reply' ? 'comments' : 'new'}?limit=100&raw_json=1`
      default: return `https://www.${this.outlets.get(buffer.name)!.domain}/rss.xml`
    }
  }

  private render(buffer: Buffer, items: DemoPost[]): string {
    switch (buffer.format) {
      case 'mastodon': return mastodonPage(items, buffer.name)
      case 'bluesky': return blueskyPage(items, String(buffer.pages * PAGE_SIZE.bluesky))
      case 'reddit': return redditPage(items)
      default: return feedPage(items, this.outlets.get(buffer.name)!, (post) => packOf(post.lang).topics[post.topic].category)
    }
  }
}
