import { addToSketch, emptySketch, type Sketch } from './sketch'

// The overview's rollup: per day, topic (0 for every post), language, platform, source and
// sentiment, the posts, their engagement and a sketch of their authors. Every headline figure,
// volume series and breakdown of the overview page reads these cells, never the posts table.
// Counts and sketches are kept in two tables: the charts sum small rows without reading
// sketches, and each day and topic also has one sketch across all its cells (ANY below), so the
// unfiltered distinct-author figure merges one sketch per day instead of hundreds.

export const NO_SENTIMENT = 'none'

/** The cell key of a day and topic's sketch across every language, platform, source and sentiment. */
export const ANY = { lang: '*', platform: '*', sourceId: -1, sentiment: '*' } as const

export interface DailyPost {
  createdAt: string
  lang: string | null
  platform: string
  sourceId: number | null
  /** The label shown: an analyst's correction, else the computed one; null when not scored. */
  sentiment: string | null
  authorId: number
  engagement: number
  topicIds: readonly number[]
}

export interface DailyCell {
  day: string
  topicId: number
  lang: string
  platform: string
  sourceId: number
  sentiment: string
  posts: number
  engagement: number
  authors: Sketch
}

/** Likes, reposts, replies and quotes together: what "engagement" means everywhere in Chorus. */
export function engagementOf(metrics: { likes: number | null, reposts: number | null, replies: number | null, quotes: number | null }): number {
  return (metrics.likes ?? 0) + (metrics.reposts ?? 0) + (metrics.replies ?? 0) + (metrics.quotes ?? 0)
}

function tally(cell: DailyCell, post: DailyPost): void {
  cell.posts++
  cell.engagement += post.engagement
  addToSketch(cell.authors, post.authorId)
}

/** Sums a batch of posts into cells in memory, so each cell is written once per batch. */
export class DailyRollup {
  private readonly cells = new Map<string, DailyCell>()

  private readonly totals = new Map<string, DailyCell>()

  add(post: DailyPost, topicIds: readonly number[] = [0, ...post.topicIds]): void {
    const day = post.createdAt.slice(0, 10)
    const lang = post.lang ?? 'und'
    const sourceId = post.sourceId ?? 0
    const sentiment = post.sentiment ?? NO_SENTIMENT
    // A cell is built only the first time its key comes: this runs for every post stored.
    for (const topicId of topicIds) {
      const key = `${day}\u0000${topicId}\u0000${lang}\u0000${post.platform}\u0000${sourceId}\u0000${sentiment}`
      let cell = this.cells.get(key)
      if (!cell) {
        cell = { day, topicId, lang, platform: post.platform, sourceId, sentiment, posts: 0, engagement: 0, authors: emptySketch() }
        this.cells.set(key, cell)
      }
      tally(cell, post)
      const totalKey = `${day}\u0000${topicId}`
      let total = this.totals.get(totalKey)
      if (!total) {
        total = { day, topicId, ...ANY, posts: 0, engagement: 0, authors: emptySketch() }
        this.totals.set(totalKey, total)
      }
      tally(total, post)
    }
  }

  get size(): number {
    return this.cells.size
  }

  /** The cells: counts, and the authors of each. */
  values(): IterableIterator<DailyCell> {
    return this.cells.values()
  }

  /** One cell per day and topic across all the others (key ANY), for its author sketch. */
  dayTotals(): IterableIterator<DailyCell> {
    return this.totals.values()
  }
}
