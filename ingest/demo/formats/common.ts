import type { DemoPost, Lang } from '../model'
import { hashString } from '../random'

// Small helpers shared by the wire formats.

export function iso(ms: number): string {
  return new Date(ms).toISOString()
}

/** Remote posts arrive over ActivityPub with whole seconds only. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString()
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** A stable per-post roll in [0, 100): render-time choices must not disturb the generator's sequence. */
export function roll(post: DemoPost, salt: string): number {
  return hashString(salt, post.seq) % 100
}

/**
 * The language a platform says the post is in. Accounts that never set a posting language
 * send their client's default ('en'), some clients send none, and people writing in their
 * second language often leave the setting on their first.
 */
export function declaredLang(post: DemoPost): Lang | null {
  const author = post.author
  if (author.declares === 'default-en') return 'en'
  if (author.declares === 'none') return null
  if (post.lang !== author.primary && roll(post, 'lang') < 25) return author.primary
  return post.lang
}

export function plainText(post: DemoPost, mention: (handle: DemoPost['author']) => string, paragraph = '\n\n'): string {
  return post.segments.map((s) => {
    switch (s.kind) {
      case 'text': return s.text
      case 'mention': return mention(s.author)
      case 'tag': return `#${s.tag}`
      case 'link': return s.display ?? s.url
      default: return paragraph
    }
  }).join('')
}
