import type { Article, Lang, Outlet, TopicId } from './model'
import { hashString, type Random } from './random'
import { asciiFold } from './world/names'

// News articles are published in the outlets' feeds and then shared on social media. Only the
// most recent ones are kept, per language and topic, which is all a post needs to link to.

const KEEP = 40

export class ArticlePool {
  private readonly byKey = new Map<string, Article[]>()
  private readonly nextId = new Map<string, number>()

  /** `global`: from an outlet of the English-speaking hub, whose coverage everyone shares. */
  add(article: Article, spike: boolean, global: boolean): void {
    for (const key of [`${article.lang}:${article.topic}`, `${article.lang}:*`, spike ? 'spike' : '', global ? `global:${article.topic}` : '']) {
      if (!key) continue
      const list = this.byKey.get(key) ?? []
      list.push(article)
      if (list.length > KEEP) list.shift()
      this.byKey.set(key, list)
    }
  }

  /**
   * A recent article on the topic in the post's language; English coverage of the topic now
   * and then (the lingua franca of the sector); any article in the language as a last resort.
   */
  pick(random: Random, lang: Lang, topic: TopicId, spike: boolean): Article | null {
    const english = `global:${topic}`
    const keys = spike ? ['spike', `${lang}:${topic}`] : random.chance(0.8) ? [`${lang}:${topic}`, english, `${lang}:*`] : [english, `${lang}:${topic}`]
    for (const key of keys) {
      const list = this.byKey.get(key)
      // Newer articles get shared more: pick among the latest ones.
      if (list && list.length > 0) return list[Math.max(0, list.length - 1 - Math.floor(random.next() * Math.min(list.length, 12)))]!
    }
    return null
  }

  /** Article numbers grow per outlet, by irregular steps, as a CMS's do. */
  articleNumber(outlet: Outlet, random: Random): number {
    const current = this.nextId.get(outlet.id) ?? 100_000 + (hashString(outlet.id) % 800_000)
    const next = current + random.int(1, 40)
    this.nextId.set(outlet.id, next)
    return next
  }
}

export function slugify(title: string): string {
  return title.split(/\s+/).map(asciiFold).filter(Boolean).slice(0, 9).join('-')
}

/** The article's address in the outlet's own URL scheme. */
export function articleUrl(outlet: Outlet, section: string, title: string, number: number, publishedAt: number): string {
  const slug = slugify(title)
  const date = new Date(publishedAt + outlet.utcOffset * 3_600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  switch (outlet.urlStyle) {
    case 'dated':
      return `https://www.${outlet.domain}/${section}/${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${slug || `article-${number}`}`
    case 'html':
      return `https://www.${outlet.domain}/${section}/${slug ? `${slug}-` : ''}${number}.html`
    default:
      return `https://${outlet.domain}/${section}/${number}${slug ? `-${slug}` : ''}`
  }
}

/**
 * The same article as people paste it: mostly as published, sometimes with the tracking
 * parameters of the share button, a fragment or a trailing slash.
 */
export function sharedUrl(url: string, platform: string, random: Random): string {
  const roll = random.next()
  if (roll < 0.62) return url
  if (roll < 0.9) {
    const campaign = random.pick(['share', 'newsletter', 'social', 'app'])
    return `${url}?utm_source=${platform}&utm_medium=social&utm_campaign=${campaign}`
  }
  if (roll < 0.95 && !url.endsWith('.html')) return `${url}/`
  return `${url}#${random.pick(['comments', 'top', 'more'])}`
}
