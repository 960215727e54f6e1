import { type Kysely, sql } from 'kysely'
import type { Database as Sqlite, Statement } from 'better-sqlite3'
import type { Database, SentimentLabel, TermDailyTable, VolumeHourlyTable } from '../server/db/schema'
import { canonicalUrl } from './text'
import { DailyRollup, engagementOf, type DailyCell } from './rollups/daily'
import { mergeSketch } from './rollups/sketch'
import { searchDocumentOf, searchKey } from './search/document'
import { matchText } from './nlp/tagger'
import type { FailedItem, NormalisedAuthor, NormalisedPost, Page } from './types'

// normalise → NLP → store one batch in one transaction → advance the cursor in that same
// transaction. The hot path runs prepared statements; their SQL is written by Kysely (compiled
// once with parameters), so no SQL is assembled by hand.

/** What the NLP pass adds to a post before it is stored (the seam of PRODUCT.md §2). */
export interface PostTags {
  /** ISO 639-1 code, or 'und' when the detector is unsure. */
  lang: string
  langConfidence: number
  /** Null when not scored: no lexicon for the language, or none of its words in the text. */
  sentiment: { score: number, label: SentimentLabel } | null
  topics: { topicId: number, terms: string[] }[]
  /** The post's distinct terms (stems, and '#' + hashtag), counted once per post per day. */
  terms: string[]
  /**
   * How each term was written, at the same index. Two lists of strings rather than a list of
   * pairs: a page crosses from a parse worker to the writer by structured clone, where every
   * object costs and a string barely does (rebuilding a demo page took 15 µs a post with
   * pairs, 10 with the two lists).
   */
  surfaces: string[]
  /** The post's text as the full-text index holds it (ingest/search/document.ts); else built at store time. */
  search?: string
}

/**
 * A page's tags, in the order of its posts. Null marks a post repeated from earlier in the same
 * bulk import, not tagged again since it is a duplicate by the time it is stored (ParsePool's
 * `storedInOrder`).
 */
export type PageTags = readonly (PostTags | null)[]

/**
 * Whether a post seen again, after its first sighting was stored, is sure to be a duplicate.
 * Posts are one per platform and external id, but news items are also matched by canonical URL:
 * one whose link changed between two snapshots of a feed can be new.
 */
export function repeatIsDuplicate(post: Pick<NormalisedPost, 'platform'>): boolean {
  return post.platform !== 'rss'
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
  /** Tags computed already (by a parse worker), in the order of the posts; else the tagger runs. */
  tags?: PageTags
  runId: number
  sourceId: number | null
  now: Date
}

/** A named slot in a compiled query: Kysely makes it a parameter, and we fill it per call. */
function slot<T = string>(name: string): T {
  return `\u0000${name}` as unknown as T
}

interface Named {
  run: (values: object) => { changes: number, lastInsertRowid: number | bigint }
  get: <T>(values: object) => T | undefined
}

function prepare(sqlite: Sqlite, query: Compilable): Named {
  const { sql, parameters } = query.compile()
  const statement: Statement = sqlite.prepare(sql)
  // Runs for every row written: plain loops over two parallel arrays, no per-call closures.
  const names = parameters.map((value) => (typeof value === 'string' && value.startsWith('\u0000') ? value.slice(1) : undefined))
  const fixed = parameters.slice()
  const args = (given: object) => {
    const values = given as Record<string, unknown>
    const out = new Array<unknown>(names.length)
    for (let i = 0; i < names.length; i++) {
      const name = names[i]
      out[i] = name === undefined ? fixed[i] : values[name] ?? null
    }
    return out
  }
  return {
    // An array binds as the positional parameters, without spreading it into arguments.
    run: (values) => statement.run(args(values)),
    get: <T>(values: object) => statement.get(args(values)) as T | undefined,
  }
}

/** The news post stored under this canonical URL, if any. */
export function newsByCanonicalUrl(db: Kysely<Database>, canonical: string) {
  // 'rss' as a literal, so that the plan may use the partial index of news posts whatever value is bound.
  return db.selectFrom('posts').select('id').where('platform', '=', sql.lit('rss')).where('canonicalUrl', '=', canonical).limit(1)
}

type KnownAuthor = Pick<NormalisedAuthor, 'handle' | 'name' | 'profileUrl' | 'followers'> & { id: number }

/**
 * Authors already stored, with what we stored: an author who brings nothing new costs no
 * statement. The same account comes as a post's author with its profile and as a mention or a
 * reply's target with its handle alone; the upsert keeps what a mention leaves out, so only a
 * new value is a change.
 */
export class KnownAuthors {
  private readonly authors = new Map<string, KnownAuthor>()

  constructor(private readonly limit = 200_000) {}

  /** The stored author's id, when storing `author` again would change nothing in its row. */
  unchanged(author: NormalisedAuthor): number | undefined {
    const known = this.authors.get(keyOf(author))
    if (!known) return undefined
    const changes = author.handle !== known.handle
      || (author.name !== null && author.name !== known.name)
      || (author.profileUrl !== null && author.profileUrl !== known.profileUrl)
      || (author.followers !== null && author.followers !== known.followers)
    return changes ? undefined : known.id
  }

  /** Remembers what the upsert of `author` left in row `id` (a missing value keeps the stored one); returns its key. */
  remember(author: NormalisedAuthor, id: number): string {
    const key = keyOf(author)
    const known = this.authors.get(key)
    if (this.authors.size >= this.limit) this.authors.clear()
    this.authors.set(key, {
      id, handle: author.handle, name: author.name ?? known?.name ?? null,
      profileUrl: author.profileUrl ?? known?.profileUrl ?? null, followers: author.followers ?? known?.followers ?? null,
    })
    return key
  }

  forget(keys: readonly string[]): void {
    for (const key of keys) this.authors.delete(key)
  }
}

/** An author's or a post's identity: unique per platform. */
export function keyOf(item: Pick<NormalisedAuthor, 'platform' | 'externalId'>): string {
  return `${item.platform}\u0000${item.externalId}`
}

/** A post stored in this batch: its full-text entry, and the relations waiting for it, come last. */
interface NewPost { postId: number, externalId: string, key: number, body: string }

/** What a batch gathers from its pages, written when it ends. */
class OpenBatch {
  readonly counts: BatchCounts = { fetched: 0, inserted: 0, duplicates: 0, failed: 0 }
  readonly rollup = new BatchRollup()
  readonly daily = new DailyRollup()
  readonly newPosts: NewPost[] = []
  readonly failures: FailedItem[] = []
  constructor(readonly at: string, readonly sourceId: number | null) {}
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
  private readonly insertPostTopic: Named
  private readonly addVolume: Named
  private readonly addTermDocs: Named
  private readonly insertSearch: Named
  private readonly upsertCell: Named
  private readonly findSketch: Named
  private readonly saveSketch: Named
  private readonly writeBatch: (input: StoreBatchInput) => BatchCounts
  private readonly begin: Statement
  private readonly commit: Statement
  private readonly rollback: Statement
  private readonly knownAuthors = new KnownAuthors()
  private addedThisBatch: string[] = []
  /** The batch that `openBatch` began, while its transaction is open. */
  private opened: OpenBatch | null = null

  constructor(private readonly sqlite: Sqlite, db: Kysely<Database>, private readonly tagger?: BatchTagger) {
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
      sentimentScore: s('sentimentScore'), sentimentLabel: s('sentimentLabel'), engagement: s('engagement'),
    }).onConflict((oc) => oc.doNothing()))
    this.findNewsByCanonical = prepare(sqlite, newsByCanonicalUrl(db, s('canonicalUrl')))
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
    this.insertPostTopic = prepare(sqlite, db.insertInto('postTopics')
      .values({ topicId: s('topicId'), postId: s('postId'), createdAt: s('createdAt'), terms: s('terms') })
      .onConflict((oc) => oc.doNothing()))
    this.addVolume = prepare(sqlite, db.insertInto('volumeHourly')
      .values({ hour: s('hour'), topicId: s('topicId'), lang: s('lang'), platform: s('platform'), posts: s('posts') })
      .onConflict((oc) => oc.columns(['topicId', 'hour', 'lang', 'platform'])
        .doUpdateSet((eb) => ({ posts: eb('volumeHourly.posts', '+', eb.ref('excluded.posts')) }))))
    this.addTermDocs = prepare(sqlite, db.insertInto('termDaily')
      .values({ day: s('day'), lang: s('lang'), term: s('term'), surface: s('surface'), docs: s('docs') })
      .onConflict((oc) => oc.columns(['lang', 'term', 'day'])
        .doUpdateSet((eb) => ({ docs: eb('termDaily.docs', '+', eb.ref('excluded.docs')) }))))
    this.insertSearch = prepare(sqlite, db.insertInto('postSearch').values({ rowid: s('key'), body: s('body'), postId: s('postId') }))
    this.upsertCell = prepare(sqlite, db.insertInto('dailyStats').values({
      day: s('day'), topicId: s('topicId'), lang: s('lang'), platform: s('platform'), sourceId: s('sourceId'), sentiment: s('sentiment'),
      posts: s('posts'), engagement: s('engagement'),
    }).onConflict((oc) => oc.columns(['topicId', 'day', 'lang', 'platform', 'sourceId', 'sentiment']).doUpdateSet((eb) => ({
      posts: eb('dailyStats.posts', '+', eb.ref('excluded.posts')),
      engagement: eb('dailyStats.engagement', '+', eb.ref('excluded.engagement')),
    }))))
    this.findSketch = prepare(sqlite, db.selectFrom('dailyAuthors').select('sketch')
      .where('topicId', '=', s<number>('topicId')).where('day', '=', s('day')).where('lang', '=', s('lang'))
      .where('platform', '=', s('platform')).where('sourceId', '=', s<number>('sourceId')).where('sentiment', '=', s('sentiment')))
    this.saveSketch = prepare(sqlite, db.insertInto('dailyAuthors').values({
      day: s('day'), topicId: s('topicId'), lang: s('lang'), platform: s('platform'), sourceId: s('sourceId'), sentiment: s('sentiment'), sketch: s('sketch'),
    }).onConflict((oc) => oc.columns(['topicId', 'day', 'lang', 'platform', 'sourceId', 'sentiment']).doUpdateSet((eb) => ({ sketch: eb.ref('excluded.sketch') }))))
    this.writeBatch = sqlite.transaction(({ page, tags, runId, sourceId, now }: StoreBatchInput) => {
      const batch = new OpenBatch(now.toISOString(), sourceId)
      this.writePage(batch, page, tags)
      return this.end(batch, runId, page.nextCursor)
    })
    this.begin = sqlite.prepare('BEGIN')
    this.commit = sqlite.prepare('COMMIT')
    this.rollback = sqlite.prepare('ROLLBACK')
  }

  /**
   * Stores one page in one transaction: posts, authors, relations, hashtags, links and raw
   * payloads, the failed items, the run's counters and the source's cursor. All or nothing.
   */
  store(input: StoreBatchInput): BatchCounts {
    if (this.opened) throw new Error('a batch is open: store pages into it, or close it first')
    this.addedThisBatch = []
    try {
      return this.writeBatch(input)
    }
    catch (error) {
      this.forgetBatchAuthors()
      throw error
    }
  }

  /**
   * Begins a batch that spans pages, for a bulk import that owns this connection: each page is
   * written when it comes (`storeInBatch`), so that no page waits in memory for the batch to
   * fill, and `closeBatch` ends it in one commit. Anything else written on this connection
   * meanwhile would join the batch.
   */
  openBatch(now: Date): void {
    if (this.opened) throw new Error('a batch is open already')
    this.begin.run()
    this.opened = new OpenBatch(now.toISOString(), null)
    this.addedThisBatch = []
  }

  /** Writes one page into the open batch; on failure the whole batch is rolled back. */
  storeInBatch(page: Pick<Page, 'posts' | 'failures'>, tags?: PageTags): void {
    const batch = this.opened
    if (!batch) throw new Error('no batch is open')
    try {
      this.writePage(batch, page, tags)
    }
    catch (error) {
      this.abandonBatch()
      throw error
    }
  }

  /** Writes what the open batch gathered (full-text entries, relations, rollups, counters) and commits it. */
  closeBatch(runId: number): BatchCounts {
    const batch = this.opened
    if (!batch) throw new Error('no batch is open')
    try {
      const counts = this.end(batch, runId, null)
      this.commit.run()
      this.opened = null
      return counts
    }
    catch (error) {
      this.abandonBatch()
      throw error
    }
  }

  get batchOpen(): boolean {
    return this.opened !== null
  }

  /** Posts written into the open batch so far, new or duplicate. */
  get batchPosts(): number {
    return this.opened ? this.opened.counts.inserted + this.opened.counts.duplicates : 0
  }

  /** Rolls the open batch back, if any: none of its pages is stored. */
  abandonBatch(): void {
    if (!this.opened) return
    this.opened = null
    if (this.sqlite.inTransaction) this.rollback.run()
    this.forgetBatchAuthors()
  }

  /** The transaction rolled back: authors first seen in it were never stored. */
  private forgetBatchAuthors(): void {
    this.knownAuthors.forget(this.addedThisBatch)
    this.addedThisBatch = []
  }

  private writePage(batch: OpenBatch, page: Pick<Page, 'posts' | 'failures'>, given: PageTags | undefined): void {
    const { counts, rollup, daily, newPosts, at, sourceId } = batch
    const tags = given ?? this.tagger?.(page.posts) ?? []
    counts.fetched += page.posts.length + page.failures.length
    for (const failure of page.failures) batch.failures.push(failure)
    page.posts.forEach((post, index) => {
      const postTags = tags[index]
      const stored = this.writePost(post, postTags, sourceId, at)
      if (stored === null) {
        counts.duplicates++
        return
      }
      counts.inserted++
      const { postId, authorId } = stored
      newPosts.push({ postId, externalId: post.externalId, key: searchKey(post.createdAt, postId), body: postTags?.search ?? searchDocumentOf(matchText(post.title, post.text)) })
      rollup.add(post, postTags ?? undefined)
      const topicIds: number[] = []
      for (const topic of postTags?.topics ?? []) {
        this.insertPostTopic.run({ topicId: topic.topicId, postId, createdAt: post.createdAt, terms: JSON.stringify(topic.terms) })
        topicIds.push(topic.topicId)
      }
      daily.add({
        createdAt: post.createdAt, lang: postTags?.lang ?? null, platform: post.platform, sourceId, authorId,
        sentiment: postTags?.sentiment?.label ?? null, engagement: engagementOf(post.metrics), topicIds,
      })
    })
  }

  private end(batch: OpenBatch, runId: number, cursor: string | null): BatchCounts {
    const { counts, rollup, daily, newPosts, at, sourceId } = batch
    // The full-text index buffers its new entries while their keys ascend and an update opens no
    // savepoint; otherwise it writes them to disk one post at a time, each a segment to merge
    // later. Posts come in any time order, so their entries wait for the end of the batch and
    // go in key order, before the first update; so do the relations each new post resolves.
    newPosts.sort((a, b) => a.key - b.key)
    for (const entry of newPosts) this.index(entry)
    for (const { postId, externalId } of newPosts) this.resolveRelations.run({ postId, externalId })
    for (const row of rollup.volumes()) this.addVolume.run(row)
    for (const row of rollup.termDocs()) this.addTermDocs.run(row)
    for (const cell of daily.values()) {
      this.upsertCell.run(cell)
      this.writeSketch(cell)
    }
    for (const cell of daily.dayTotals()) this.writeSketch(cell)
    for (const failure of batch.failures) this.recordFailure(runId, failure)
    counts.failed = batch.failures.length
    this.bumpRun.run({ ...counts, runId })
    if (sourceId !== null && cursor !== null) this.moveCursor.run({ cursor, at, sourceId })
    return { ...counts }
  }

  /** Merges a cell's authors into the stored sketch: SQLite cannot, so it is read and written back. */
  private writeSketch(cell: DailyCell): void {
    const stored = this.findSketch.get<{ sketch: Uint8Array }>(cell)
    if (stored) mergeSketch(cell.authors, stored.sketch)
    this.saveSketch.run({ ...cell, sketch: Buffer.from(cell.authors.buffer, cell.authors.byteOffset, cell.authors.byteLength) })
  }

  /** Indexes a post under the first free time-ordered key from its own. */
  private index({ postId, key: own, body }: NewPost): void {
    for (let key = own; ; key++) {
      try {
        this.insertSearch.run({ key, body, postId })
        return
      }
      catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' && (error as { code?: string }).code !== 'SQLITE_CONSTRAINT') throw error
      }
    }
  }

  private recordFailure(runId: number, failure: FailedItem): void {
    this.insertFailure.run({ runId, reason: failure.reason, raw: failure.raw })
  }

  private authorId(author: NormalisedAuthor, at: string): number {
    const known = this.knownAuthors.unchanged(author)
    if (known !== undefined) return known
    const row = this.upsertAuthor.get<{ id: number }>({
      platform: author.platform, externalId: author.externalId, handle: author.handle, name: author.name,
      profileUrl: author.profileUrl, followers: author.followers, at,
    })
    this.addedThisBatch.push(this.knownAuthors.remember(author, row!.id))
    return row!.id
  }

  /** The new post's id and author, or null when it was already stored. */
  private writePost(post: NormalisedPost, tags: PostTags | null | undefined, sourceId: number | null, at: string): { postId: number, authorId: number } | null {
    const canonical = post.url ? canonicalUrl(post.url) : null
    // The same article reaching us through two news feeds is one post.
    if (post.platform === 'rss' && canonical && this.findNewsByCanonical.get({ canonicalUrl: canonical })) return null
    const authorId = this.authorId(post.author, at)
    // Every field named (no spread of the post): one object shape for every row.
    const { metrics } = post
    // run() and the rowid rather than RETURNING: measured three times cheaper per row.
    const inserted = this.insertPost.run({
      platform: post.platform, externalId: post.externalId, sourceId, kind: post.kind, url: post.url, canonicalUrl: canonical,
      authorId, title: post.title, text: post.text, createdAt: post.createdAt, at, declaredLang: post.declaredLang,
      lang: tags?.lang ?? null, langConfidence: tags?.langConfidence ?? null,
      likes: metrics.likes, reposts: metrics.reposts, replies: metrics.replies, quotes: metrics.quotes,
      sentimentScore: tags?.sentiment?.score ?? null, sentimentLabel: tags?.sentiment?.label ?? null, engagement: engagementOf(metrics),
    })
    if (inserted.changes === 0) return null
    // A repeat was left untagged on the promise that it would be a duplicate: storing it bare would lose its tags.
    if (tags === null) throw new Error(`${post.platform} post ${post.externalId} came as a repeat, untagged, yet was new: its first sighting was not stored first`)
    const postId = Number(inserted.lastInsertRowid)
    this.insertRaw.run({ postId, payload: post.rawJson ?? JSON.stringify(post.raw) })
    for (const relation of post.relations) {
      const targetAuthorId = relation.targetAuthor ? this.authorId(relation.targetAuthor, at) : null
      this.insertRelation.run({ postId, kind: relation.kind, target: relation.targetPostExternalId ?? null, platform: post.platform, targetAuthorId })
    }
    for (const tag of new Set(post.hashtags)) this.insertHashtag.run({ postId, tag })
    for (const link of post.links) this.writeLink(postId, link)
    return { postId, authorId }
  }

  private writeLink(postId: number, link: string): void {
    const canonical = canonicalUrl(link)
    if (!canonical) return
    this.insertLink.run({ postId, canonicalUrl: canonical, url: link, domain: new URL(canonical).hostname })
  }
}

/**
 * The rollups one batch adds to, summed in memory first: a page of a thousand posts touches a
 * few dozen volume rows and a few thousand term rows, each written once.
 */
export class BatchRollup {
  // Nested by (hour or day, language) first: the per-term maps are then keyed by the term alone,
  // so the hot loop builds no composite key strings.
  private readonly volume = new Map<string, Map<string, number>>()
  private readonly terms = new Map<string, Map<string, { docs: number, surface: string }>>()

  add(post: { createdAt: string, platform: string }, tags: Pick<PostTags, 'lang' | 'topics' | 'terms' | 'surfaces'> | undefined): void {
    const lang = tags?.lang ?? 'und'
    const hourly = nested(this.volume, `${post.createdAt.slice(0, 13)}\u0000${lang}\u0000${post.platform}`)
    hourly.set('0', (hourly.get('0') ?? 0) + 1)
    for (const topic of tags?.topics ?? []) {
      const id = String(topic.topicId)
      hourly.set(id, (hourly.get(id) ?? 0) + 1)
    }
    if (!tags?.terms.length) return
    const daily = nested(this.terms, `${post.createdAt.slice(0, 10)}\u0000${lang}`)
    const { terms, surfaces } = tags
    for (let i = 0; i < terms.length; i++) {
      const seen = daily.get(terms[i]!)
      if (seen) seen.docs++
      else daily.set(terms[i]!, { docs: 1, surface: surfaces[i]! })
    }
  }

  *volumes(): Iterable<VolumeHourlyTable> {
    for (const [key, byTopic] of this.volume) {
      const [hour, lang, platform] = key.split('\u0000') as [string, string, string]
      for (const [topicId, posts] of byTopic) yield { hour, topicId: Number(topicId), lang, platform, posts }
    }
  }

  *termDocs(): Iterable<TermDailyTable> {
    for (const [key, byTerm] of this.terms) {
      const [day, lang] = key.split('\u0000') as [string, string]
      for (const [term, { docs, surface }] of byTerm) yield { day, lang, term: term.slice(0, 200), surface: surface.slice(0, 200), docs }
    }
  }
}

function nested<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = outer.get(key)
  if (!inner) {
    inner = new Map()
    outer.set(key, inner)
  }
  return inner
}

/**
 * Groups the pages of a bulk import into transactions of about `size` posts. A transaction's
 * cost is mostly the index pages it dirties, so a hundred small files committed one by one
 * write the same pages a hundred times. Imports have no cursor to keep in step, and re-running
 * one inserts nothing twice, so a larger batch loses nothing on a crash.
 */
export class ImportBatcher {
  readonly totals: BatchCounts = { fetched: 0, inserted: 0, duplicates: 0, failed: 0 }

  constructor(private readonly writer: BatchWriter, private readonly target: { runId: number, now: () => Date }, private readonly size = 5000) {}

  /**
   * Writes the page into the open batch at once, so that it can be dropped: kept until the
   * batch filled, pages lived through several young-generation collections, each copying them.
   */
  add(page: Pick<Page, 'posts' | 'failures'> & { tags?: PageTags }): void {
    if (page.posts.length === 0 && page.failures.length === 0) return
    if (!this.writer.batchOpen) this.writer.openBatch(this.target.now())
    this.writer.storeInBatch(page, page.tags)
    if (this.writer.batchPosts >= this.size) this.flush()
  }

  flush(): BatchCounts {
    if (!this.writer.batchOpen) return { fetched: 0, inserted: 0, duplicates: 0, failed: 0 }
    const counts = this.writer.closeBatch(this.target.runId)
    for (const key of ['fetched', 'inserted', 'duplicates', 'failed'] as const) this.totals[key] += counts[key]
    return counts
  }

  /** For an import that stops: the pages since the last flush are not stored. */
  abandon(): void {
    this.writer.abandonBatch()
  }
}
