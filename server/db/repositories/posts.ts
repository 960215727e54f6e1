import type { Db } from '../index'

/** What has been heard so far, per platform: for the home page's listening summary. */
export async function listeningSummary(db: Db, now: Date) {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString()
  const platforms = await db.selectFrom('posts')
    .select(['platform', (eb) => eb.fn.countAll<number>().as('posts'), (eb) => eb.fn.max('createdAt').as('latest')])
    .groupBy('platform')
    .orderBy('posts', 'desc')
    .execute()
  const lastWeek = await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('createdAt', '>=', weekAgo).executeTakeFirstOrThrow()
  const authors = await db.selectFrom('authors').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const sources = await db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return {
    platforms: platforms.map((p) => ({ platform: p.platform, posts: Number(p.posts), latest: p.latest })),
    posts: platforms.reduce((sum, p) => sum + Number(p.posts), 0),
    lastWeek: Number(lastWeek.n),
    authors: Number(authors.n),
    sources: Number(sources.n),
  }
}
