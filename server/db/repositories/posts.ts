import { compileTopics, validateQuery } from '../../../ingest/nlp/query'
import { matchText } from '../../../ingest/nlp/tagger'
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

/** How many of the latest posts a topic preview scans: enough to judge a query, quick to read. */
export const PREVIEW_WINDOW = 20_000

const PREVIEW_COLUMNS = ['posts.id', 'posts.platform', 'posts.url', 'posts.title', 'posts.text', 'posts.createdAt', 'posts.lang',
  'posts.sentimentLabel', 'posts.sentimentCorrected', 'authors.handle', 'authors.name'] as const

/**
 * Runs queries being edited against the latest posts, without storing anything: the matches
 * (newest first) and how many of the scanned posts matched. Queries that do not parse yet are
 * left out and reported, so the preview keeps working while the analyst types.
 */
export async function previewMatches(db: Db, queries: readonly { lang: string, query: string }[], options: { limit: number, window?: number }) {
  const invalid: { lang: string, message: string, position: number }[] = []
  const valid = queries.filter((q) => {
    if (!q.query.trim()) return false
    const error = validateQuery(q.query)
    if (error) invalid.push({ lang: q.lang, message: error.message, position: error.position })
    return !error
  })
  const rows = await db.selectFrom('posts').innerJoin('authors', 'authors.id', 'posts.authorId')
    .select(PREVIEW_COLUMNS).orderBy('posts.id', 'desc').limit(options.window ?? PREVIEW_WINDOW).execute()
  const matcher = compileTopics(valid.length ? [{ id: 0, queries: valid }] : [])
  const matches: (typeof rows[number] & { terms: string[] })[] = []
  let matched = 0
  for (const row of rows) {
    const hit = matcher.match({ lang: row.lang, text: matchText(row.title, row.text) })[0]
    if (!hit) continue
    matched++
    if (matches.length < options.limit) matches.push({ ...row, terms: hit.terms })
  }
  matches.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  return { scanned: rows.length, matched, posts: matches, invalid }
}
