import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ParsePool, parseInOrder } from '../../../ingest/parse-pool'
import type { Page } from '../../../ingest/types'

const pageOf = (n: number): Page => ({ posts: [], failures: [], nextCursor: String(n), done: true })

describe('parseInOrder', () => {
  it('stores pages in the order given even when parsing finishes out of order', async () => {
    const stored: number[] = []
    await parseInOrder([1, 2, 3, 4, 5],
      (n) => new Promise<Page>((resolve) => setTimeout(() => resolve(pageOf(n)), (6 - n) * 5)),
      (n, page) => stored.push(Number(page.nextCursor) * 10 + n), 3)
    expect(stored).toEqual([11, 22, 33, 44, 55])
  })

  it('stops at the first page that cannot be parsed, after storing the ones before it', async () => {
    const stored: number[] = []
    const run = parseInOrder([1, 2, 3],
      (n) => (n === 2 ? Promise.reject(new Error('page 2 is broken')) : Promise.resolve(pageOf(n))),
      (n) => stored.push(n), 2)
    await expect(run).rejects.toThrow('page 2 is broken')
    expect(stored).toEqual([1])
  })
})

describe('ParsePool', () => {
  /** Runs `use` on the pool, and closes the pool whatever happens. */
  const withPool = async (pool: ParsePool, use: (pool: ParsePool) => Promise<void>) => {
    try {
      await use(pool)
    }
    finally {
      await pool.close()
    }
  }

  const mastodon = () => readFileSync(join(import.meta.dirname, '../../fixtures/mastodon/mastodonpy_test_list_timeline.2.json'))
  const feed = () => readFileSync(join(import.meta.dirname, '../../fixtures/feeds/rss-parser/guardian.rss'))
  const at = new Date('2026-11-22T00:00:00Z')
  // These tests are about which posts get tagged, not which language they get. Two languages
  // that their scripts tell apart need no statistical model, whose loading took each worker
  // seconds (its posts, in English, are then undetermined).
  const nlp = { topics: [], languages: ['ja', 'ko'] } as const

  it('parses saved payloads in worker threads with the same adapters, raw payloads serialised', async () => {
    await withPool(new ParsePool(1), async (pool) => {
      const body = mastodon()
      const page = await pool.parse('mastodon', body, 'list.json', at)
      expect(page.posts.length).toBeGreaterThan(0)
      expect(page.posts[0]!.platform).toBe('mastodon')
      expect(JSON.parse(page.posts[0]!.rawJson!)).toHaveProperty('uri')
      await expect(pool.parse('nonexistent-kind', body, 'x', new Date())).rejects.toThrow(/unknown source kind/)
    })
  })

  it('keeps a parsed page until it is taken, in any order, and gives it once', async () => {
    await withPool(new ParsePool(1), async (pool) => {
      const [list, news] = await Promise.all([pool.parseLater('mastodon', mastodon(), 'list.json', at), pool.parseLater('feed', feed(), 'guardian.rss', at)])
      const newsPage = news.take()
      const listPage = list.take()
      expect(newsPage.posts[0]!.platform).toBe('rss')
      expect(listPage.posts[0]!.platform).toBe('mastodon')
      expect(listPage).toEqual(await pool.parse('mastodon', mastodon(), 'list.json', at))
      expect(() => list.take()).toThrow(/taken twice/)
    })
  })

  it('leaves a post it parsed before untagged, when pages are stored in order, except a news item', async () => {
    await withPool(new ParsePool(1, { nlp, storedInOrder: true }), async (pool) => {
      const first = await pool.parse('mastodon', mastodon(), 'list.json', at)
      const again = await pool.parse('mastodon', mastodon(), 'list.json', at)
      expect(first.tags!.length).toBe(first.posts.length)
      expect(first.tags!.every((tags) => tags !== null && tags.lang.length >= 2)).toBe(true)
      expect(first.posts.every((post) => post.rawJson !== undefined)).toBe(true)
      expect(again.tags).toEqual(again.posts.map(() => null))
      expect(again.posts.every((post) => post.rawJson === undefined)).toBe(true)
      // A news item seen again can be new (its link may have changed): it is always tagged.
      await pool.parse('feed', feed(), 'guardian.rss', at)
      const news = await pool.parse('feed', feed(), 'guardian.rss', at)
      expect(news.posts.length).toBeGreaterThan(0)
      expect(news.tags!.every((tags) => tags !== null)).toBe(true)
    })
  }, 60_000)

  it('leaves a post untagged when the other worker parsed it in an earlier page', async () => {
    await withPool(new ParsePool(2, { nlp, storedInOrder: true }), async (pool) => {
      // Jobs alternate between the workers: the first and the second go to different ones.
      const first = await pool.parse('mastodon', mastodon(), 'list.json', at)
      const again = await pool.parse('mastodon', mastodon(), 'list.json', at)
      expect(first.tags!.every((tags) => tags !== null)).toBe(true)
      expect(again.posts.length).toBe(first.posts.length)
      expect(again.tags).toEqual(again.posts.map(() => null))
    })
  }, 60_000)

  it('tags a post in an earlier page even when the other worker reached a later page with it first', async () => {
    await withPool(new ParsePool(2, { nlp, storedInOrder: true }), async (pool) => {
      // Job 0 keeps the first worker busy while the second takes job 1 and then job 3, the
      // repeat of job 2 that waits behind job 0 on the first worker.
      const jobs = [
        pool.parseLater('feed', feed(), 'guardian.rss', at),
        pool.parseLater('feed', feed(), 'guardian.rss', at),
        pool.parseLater('mastodon', mastodon(), 'list.json', at),
        pool.parseLater('mastodon', mastodon(), 'list.json', at),
      ]
      const pages = (await Promise.all(jobs)).map((later) => later.take())
      expect(pages[2]!.tags!.every((tags) => tags !== null)).toBe(true)
      expect(pages[2]!.posts.every((post) => post.rawJson !== undefined)).toBe(true)
    })
  }, 60_000)

  it('tags every post every time when nothing promises that pages are stored in order', async () => {
    await withPool(new ParsePool(1, { nlp }), async (pool) => {
      await pool.parse('mastodon', mastodon(), 'list.json', at)
      const again = await pool.parse('mastodon', mastodon(), 'list.json', at)
      expect(again.tags!.every((tags) => tags !== null)).toBe(true)
      expect(again.posts.every((post) => post.rawJson !== undefined)).toBe(true)
    })
  }, 60_000)

  // /proc/<pid>/task/<tid>/stat: the nice value is the 19th field, the 17th after the command name.
  const niceOf = (tid: string) => {
    const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
  }
  const niceOfThreads = () => readdirSync(`/proc/${process.pid}/task`).map(niceOf)

  it.runIf(existsSync(`/proc/${process.pid}/task`))('runs its workers below the priority of the thread that stores', async () => {
    const before = niceOfThreads().filter((nice) => nice > 0).length
    await withPool(new ParsePool(2), async (pool) => {
      // A worker lowers its own priority when it starts: wait until both have answered once.
      await Promise.all([0, 1].map(() => pool.parse('mastodon', mastodon(), 'list.json', at)))
      expect(niceOfThreads().filter((nice) => nice > 0).length - before).toBe(2)
      expect(niceOf(String(process.pid))).toBe(0)
    })
  })
})

