import type { Kysely } from 'kysely'
import type { Database as Sqlite, Statement } from 'better-sqlite3'
import type { Database } from '../server/db/schema'
import { canonicalUrl } from './text'
import type { FailedItem, NormalisedAuthor, NormalisedPost, Page } from './types'

// normalise → NLP → store one batch in one transaction → advance the cursor in that same
// transaction. The hot path runs prepared statements; their SQL is written by Kysely (compiled
// once with parameters), so no SQL is assembled by hand.

/** What the NLP pass adds to a post before it is stored (the seam of PRODUCT.md §2). */
export interface PostTags {
  lang: string | null
  langConfidence: number | null
}

/** Tags a whole batch at once, in order; absent means no NLP pass. */
export type BatchTagger = (posts: readonly NormalisedPost[]) => PostTags[]

export interface BatchCounts {
  fetched: number
  inserted: number
  duplicates: number
  failed: number
}

export interface StoreBatchInput {
  page: Pick<Page, 'posts' | 'failures' | 'nextCursor'>
  runId: number
  sourceId: number | null
  now: Date
}

/** A named slot in a compiled query: Kysely makes it a parameter, and we fill it per call. */
function slot<T = string>(name: string): T {
  return `\u0000${name}` as unknown as T
}

interface Named {
  run: (values: Record<string, unknown>) => { changes: number }
  get: <T>(values: Record<string, unknown>) => T | undefined
}

function prepare(sqlite: Sqlite, query: Compilable): Named {
  const { sql, parameters } = query.compile()
  const statement: Statement = sqlite.prepare(sql)
  const order = parameters.map((value) =>
    typeof value === 'string' && value.startsWith('\u0000') ? { name: value.slice(1), value } : { name: undefined, value })
  const args = (values: Record<string, unknown>) => order.map((o) => (o.name === undefined ? o.value : values[o.name] ?? null))
  return {
    run: (values) => statement.run(...args(values)),
    get: <T>(values: Record<string, unknown>) => statement.get(...args(values)) as T | undefined,
  }
}

interface Compilable {
  compile: () => { sql: string, parameters: readonly unknown[] }
}

/** Prepared statements for one database; build once per process and reuse for every batch. */
export class BatchWriter {
  private readonly upsertAuthor: Named
  private readonly insertPost: Named
  private readonly findNewsByCanonical: Named
  private readonly insertRaw: Named
  private readonly insertRelation: Named
  private readonly resolveRelations: Named
  private readonly insertHashtag: Named
  private readonly insertLink: Named
  private readonly insertFailure: Named
  private readonly bumpRun: Named
  private readonly moveCursor: Named
  private readonly writeBatch: (input: StoreBatchInput) => BatchCounts
  /** Authors already stored, with what we stored: an unchanged author costs no statement. */
  private readonly knownAuthors = new Map<string, { id: number, seen: string }>()
  private addedThisBatch: string[] = []

  constructor(sqlite: Sqlite, db: Kysely<Database>, private readonly tagger?: BatchTagger) {
    const s = slot
    this.upsertAuthor = prepare(sqlite, db.insertInto('authors').values({
      platform: s('platform'), externalId: s('externalId'), handle: s('handle'), name: s('name'),
      profileUrl: s('profileUrl'), followers: s('followers'), firstSeenAt: s('at'), updatedAt: s('at'),
    }).onConflict((oc) => oc.columns(['platform', 'externalId']).doUpdateSet((eb) => ({
      handle: eb.ref('excluded.handle'),
      name: eb.fn.coalesce('excluded.name', 'authors.name'),
      profileUrl: eb.fn.coalesce('excluded.profileUrl', 'authors.profileUrl'),
      followers: eb.fn.coalesce('excluded.followers', 'authors.followers'),
      updatedAt: eb.ref('excluded.updatedAt'),
    }))).returning('id'))
    this.insertPost = prepare(sqlite, db.insertInto('posts').values({
      platform: s('platform'), externalId: s('externalId'), sourceId: s('sourceId'), kind: s('kind'), url: s('url'),
      canonicalUrl: s('canonicalUrl'), authorId: s('authorId'), title: s('title'), text: s('text'), createdAt: s('createdAt'),
      ingestedAt: s('at'), declaredLang: s('declaredLang'), lang: s('lang'), langConfidence: s('langConfidence'),
      likes: s('likes'), reposts: s('reposts'), replies: s('replies'), quotes: s('quotes'),
    }).onConflict((oc) => oc.doNothing()).returning('id'))
    this.findNewsByCanonical = prepare(sqlite, db.selectFrom('posts').select('id')
      .where('platform', '=', 'rss').where('canonicalUrl', '=', s('canonicalUrl')).limit(1))
    this.insertRaw = prepare(sqlite, db.insertInto('postRaw').values({ postId: s('postId'), payload: s('payload') }))
    this.insertRelation = prepare(sqlite, db.insertInto('postRelations').values((eb) => ({
      postId: s('postId'),
      kind: s('kind'),
      targetExternalId: s('target'),
      targetPostId: eb.selectFrom('posts').select('id')
        .where('platform', '=', s('platform')).where('externalId', '=', s('target')).limit(1),
      targetAuthorId: s('targetAuthorId'),
    })))
    this.resolveRelations = prepare(sqlite, db.updateTable('postRelations').set({ targetPostId: s('postId') })
      .where('targetPostId', 'is', null).where('targetExternalId', '=', s('externalId')))
    this.insertHashtag = prepare(sqlite, db.insertInto('postHashtags').values({ postId: s('postId'), tag: s('tag') })
      .onConflict((oc) => oc.doNothing()))
    this.insertLink = prepare(sqlite, db.insertInto('postLinks')
      .values({ postId: s('postId'), canonicalUrl: s('canonicalUrl'), url: s('url'), domain: s('domain') })
      .onConflict((oc) => oc.doNothing()))
    this.insertFailure = prepare(sqlite, db.insertInto('ingestFailures').values({ runId: s('runId'), reason: s('reason'), raw: s('raw') }))
    this.bumpRun = prepare(sqlite, db.updateTable('ingestRuns').set((eb) => ({
      pages: eb('pages', '+', 1),
      fetched: eb('fetched', '+', s<number>('fetched')),
      inserted: eb('inserted', '+', s<number>('inserted')),
      duplicates: eb('duplicates', '+', s<number>('duplicates')),
      failed: eb('failed', '+', s<number>('failed')),
    })).where('id', '=', s<number>('runId')))
    this.moveCursor = prepare(sqlite, db.updateTable('sources').set({ cursor: s('cursor'), updatedAt: s('at') })
      .where('id', '=', s<number>('sourceId')))
    this.writeBatch = sqlite.transaction((input: StoreBatchInput) => this.write(input))
  }

  /**
   * Stores one page in one transaction: posts, authors, relations, hashtags, links and raw
   * payloads, the failed items, the run's counters and the source's cursor. All or nothing.
   */
  store(input: StoreBatchInput): BatchCounts {
    this.addedThisBatch = []
    try {
      return this.writeBatch(input)
    }
    catch (error) {
      // The transaction rolled back: authors first seen in it were never stored.
      for (const key of this.addedThisBatch) this.knownAuthors.delete(key)
      throw error
    }
  }

  private write({ page, runId, sourceId, now }: StoreBatchInput): BatchCounts {
    const at = now.toISOString()
    const tags = this.tagger?.(page.posts) ?? []
    const counts: BatchCounts = { fetched: page.posts.length + page.failures.length, inserted: 0, duplicates: 0, failed: 0 }
    page.posts.forEach((post, index) => {
      if (this.writePost(post, tags[index], sourceId, at)) counts.inserted++
      else counts.duplicates++
    })
    for (const failure of page.failures) this.recordFailure(runId, failure)
    counts.failed = page.failures.length
    this.bumpRun.run({ ...counts, runId })
    if (sourceId !== null && page.nextCursor !== null) this.moveCursor.run({ cursor: page.nextCursor, at, sourceId })
    return counts
  }

  private recordFailure(runId: number, failure: FailedItem): void {
    this.insertFailure.run({ runId, reason: failure.reason, raw: failure.raw })
  }

  private authorId(author: NormalisedAuthor, at: string): number {
    const key = `${author.platform}\u0000${author.externalId}`
    const seen = `${author.handle}\u0000${author.name}\u0000${author.profileUrl}\u0000${author.followers}`
    const known = this.knownAuthors.get(key)
    if (known && known.seen === seen) return known.id
    const row = this.upsertAuthor.get<{ id: number }>({ ...author, at })
    if (this.knownAuthors.size >= 200_000) this.knownAuthors.clear()
    this.knownAuthors.set(key, { id: row!.id, seen })
    this.addedThisBatch.push(key)
    return row!.id
  }

  /** True when the post was new. */
  private writePost(post: NormalisedPost, tags: PostTags | undefined, sourceId: number | null, at: string): boolean {
    const canonical = post.url ? canonicalUrl(post.url) : null
    // The same article reaching us through two news feeds is one post.
    if (post.platform === 'rss' && canonical && this.findNewsByCanonical.get({ canonicalUrl: canonical })) return false
    const authorId = this.authorId(post.author, at)
    const row = this.insertPost.get<{ id: number }>({
      ...post, ...post.metrics, sourceId, canonicalUrl: canonical, authorId, at,
      lang: tags?.lang ?? null, langConfidence: tags?.langConfidence ?? null,
    })
    if (!row) return false
    const postId = row.id
    this.insertRaw.run({ postId, payload: post.rawJson ?? JSON.stringify(post.raw) })
    for (const relation of post.relations) {
      const targetAuthorId = relation.targetAuthor ? this.authorId(relation.targetAuthor, at) : null
      this.insertRelation.run({ postId, kind: relation.kind, target: relation.targetPostExternalId ?? null, platform: post.platform, targetAuthorId })
    }
    this.resolveRelations.run({ postId, externalId: post.externalId })
    for (const tag of new Set(post.hashtags)) this.insertHashtag.run({ postId, tag })
    for (const link of post.links) this.writeLink(postId, link)
    return true
  }

  private writeLink(postId: number, link: string): void {
    const canonical = canonicalUrl(link)
    if (!canonical) return
    this.insertLink.run({ postId, canonicalUrl: canonical, url: link, domain: new URL(canonical).hostname })
  }
}
