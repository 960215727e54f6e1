// npm run bench:ingest [-- --posts N] [-- --no-nlp]
// Writes the generated demo corpus to files and defines the demo topics (untimed), then
// ingests the files three times, each into a fresh database with the same schema and indexes:
//   pipeline  the whole import path, timed from start to end: read each file, parse its wire
//             format and run the NLP pass (language, topics, terms, sentiment) in worker
//             threads, then store with the batch writer — posts, authors, relations, hashtags,
//             links, raw payloads, topic tags, the full-text index and the rollups — in
//             transactions of ~5,000 posts, with checkpoints in a background thread as the
//             demo import does;
//   raw       the same rows inserted with plain prepared statements in the same transactions
//             and the same order (a batch's full-text entries last, in key order, as the
//             pipeline writes them), with the same background checkpoints.
//             Everything they are computed from (parsing, tagging, canonical URLs, rollup sums)
//             is prepared beforehand and not timed: only the inserts are. It runs once before
//             the pipeline and once after, and the ratio is against the mean of their times.
// `npm run bench:ingest` runs it with the V8 flags the `chorus` command runs with
// (--single-threaded-gc, see server/cli/chorus.mjs), both sides alike.
// Prints both rates, their ratio, where the pipeline spent its time (CPU time by thread: the
// main thread, the parse workers, the checkpointer, the others) and the peak memory, and,
// measured first on a sample, how much faster two parse workers are than one on this machine,
// what a worker's CPU time a post is alone and beside another, and their rate against the raw
// insert's, which the pipeline's ratio stays below.
import { availableParallelism, tmpdir } from 'node:os'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { DEMO_TOPICS, writeDemoCorpus } from '../ingest/demo'
import { parseInOrder, ParsePool, type ParsedPage } from '../ingest/parse-pool'
import { BatchRollup, BatchWriter, ImportBatcher, type PostTags } from '../ingest/pipeline'
import { canonicalUrl } from '../ingest/text'
import { DailyRollup, engagementOf } from '../ingest/rollups/daily'
import { searchDocumentOf, searchKey } from '../ingest/search/document'
import { matchText, type TaggerOptions } from '../ingest/nlp/tagger'
import type { NormalisedPost } from '../ingest/types'
import { createDb } from '../server/db'
import { checkpointInBackground } from '../server/db/checkpointer'
import { migrateToLatest } from '../server/db/migrations'
import { startRun } from '../server/db/repositories/ingest'
import { createTopics } from '../server/db/repositories/topics'

const { values } = parseArgs({ options: { 'posts': { type: 'string', default: '1000000' }, 'no-nlp': { type: 'boolean', default: false } } })
const target = Number(values.posts)
const withNlp = !values['no-nlp']
const BATCH = 5000
let peakRss = 0
let sampledAt = 0
// At most ten times a second: each reading costs the main thread 13 µs or more, and the pipeline
// asks once a page where the raw insert asks once a batch (about 70 times as rarely).
const sample = () => {
  const now = performance.now()
  if (now - sampledAt < 100) return
  sampledAt = now
  peakRss = Math.max(peakRss, process.memoryUsage.rss())
}

/**
 * CPU seconds of each of this process's threads, by thread id, where Linux tells it (the
 * process's own figure sums them all). Worker threads and V8's compiler threads all appear here.
 */
function threadCpuSeconds(): Map<number, number> | null {
  if (!existsSync('/proc/self/task')) return null
  const out = new Map<number, number>()
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
    }
    catch {
      continue // the thread ended meanwhile
    }
    // utime and stime, in clock ticks of 1/100 s, are the 14th and 15th fields; the command name before them may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    out.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / 100)
  }
  return out
}

/** CPU seconds spent meanwhile by the threads `pick` selects, ended threads not included. */
function cpuSince(before: Map<number, number>, after: Map<number, number>, pick: (tid: number) => boolean): number {
  let sum = 0
  for (const [tid, seconds] of after) if (pick(tid)) sum += seconds - (before.get(tid) ?? 0)
  return sum
}

async function freshDb(path: string) {
  const opened = createDb(path)
  await migrateToLatest(opened.db)
  return { ...opened, topics: withNlp ? await createTopics(opened.db, DEMO_TOPICS, new Date()) : [] }
}

/** Plain prepared statements for every row the pipeline writes. */
function rawInserter(sqlite: ReturnType<typeof createDb>['sqlite']) {
  const author = sqlite.prepare('insert into authors (platform, external_id, handle, name, profile_url, followers, first_seen_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing')
  const authorId = sqlite.prepare('select id from authors where platform = ? and external_id = ?').pluck()
  const post = sqlite.prepare(`insert into posts (platform, external_id, kind, url, canonical_url, author_id, title, text, created_at, ingested_at,
    declared_lang, lang, lang_confidence, likes, reposts, replies, quotes, sentiment_score, sentiment_label, engagement)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`)
  const search = sqlite.prepare('insert into post_search (rowid, body, post_id) values (?, ?, ?)')
  const daily = sqlite.prepare(`insert into daily_stats (day, topic_id, lang, platform, source_id, sentiment, posts, engagement) values (?, ?, ?, ?, ?, ?, ?, ?)
    on conflict do update set posts = posts + excluded.posts, engagement = engagement + excluded.engagement`)
  const sketch = sqlite.prepare(`insert into daily_authors (day, topic_id, lang, platform, source_id, sentiment, sketch) values (?, ?, ?, ?, ?, ?, ?)
    on conflict do update set sketch = excluded.sketch`)
  const raw = sqlite.prepare('insert into post_raw (post_id, payload) values (?, ?)')
  const relation = sqlite.prepare('insert into post_relations (post_id, kind, target_external_id, target_author_id) values (?, ?, ?, ?)')
  const hashtag = sqlite.prepare('insert into post_hashtags (post_id, tag) values (?, ?) on conflict do nothing')
  const link = sqlite.prepare('insert into post_links (post_id, canonical_url, url, domain) values (?, ?, ?, ?) on conflict do nothing')
  const topic = sqlite.prepare('insert into post_topics (topic_id, post_id, created_at, terms) values (?, ?, ?, ?)')
  const volume = sqlite.prepare('insert into volume_hourly (hour, topic_id, lang, platform, posts) values (?, ?, ?, ?, ?) on conflict do update set posts = posts + excluded.posts')
  const term = sqlite.prepare('insert into term_daily (day, lang, term, surface, docs) values (?, ?, ?, ?, ?) on conflict do update set docs = docs + excluded.docs')
  const ensureAuthor = (a: NormalisedPost['author'], at: string) => {
    author.run(a.platform, a.externalId, a.handle, a.name, a.profileUrl, a.followers, at, at)
    return authorId.get(a.platform, a.externalId) as number
  }
  return sqlite.transaction((rows: PreparedRows, at: string) => {
    const searchRows: [key: number, body: string, postId: number | bigint][] = []
    for (const p of rows.posts) {
      const { post: x, tags } = p
      const id = ensureAuthor(x.author, at)
      const result = post.run(x.platform, x.externalId, x.kind, x.url, p.canonical, id, x.title, x.text, x.createdAt, at, x.declaredLang,
        tags?.lang ?? null, tags?.langConfidence ?? null, x.metrics.likes, x.metrics.reposts, x.metrics.replies, x.metrics.quotes,
        tags?.sentiment?.score ?? null, tags?.sentiment?.label ?? null, p.engagement)
      if (result.changes === 0) continue
      const postId = result.lastInsertRowid
      raw.run(postId, x.rawJson)
      searchRows.push([searchKey(x.createdAt, Number(postId)), p.search, postId])
      for (const r of x.relations) relation.run(postId, r.kind, r.targetPostExternalId ?? null, r.targetAuthor ? ensureAuthor(r.targetAuthor, at) : null)
      for (const tag of new Set(x.hashtags)) hashtag.run(postId, tag)
      for (const l of p.links) link.run(postId, l.canonical, l.url, l.domain)
      for (const t of tags?.topics ?? []) topic.run(t.topicId, postId, x.createdAt, JSON.stringify(t.terms))
    }
    // In key order after the posts, as the pipeline does: the full-text index then buffers them.
    for (const row of searchRows.sort((a, b) => a[0] - b[0])) search.run(...row)
    for (const v of rows.volumes) volume.run(v.hour, v.topicId, v.lang, v.platform, v.posts)
    for (const t of rows.terms) term.run(t.day, t.lang, t.term, t.surface, t.docs)
    for (const c of rows.daily.values()) {
      daily.run(c.day, c.topicId, c.lang, c.platform, c.sourceId, c.sentiment, c.posts, c.engagement)
      sketch.run(c.day, c.topicId, c.lang, c.platform, c.sourceId, c.sentiment, c.authors)
    }
    for (const c of rows.daily.dayTotals()) sketch.run(c.day, c.topicId, c.lang, c.platform, c.sourceId, c.sentiment, c.authors)
  })
}

interface PreparedRows {
  posts: { post: NormalisedPost, tags: PostTags | undefined, canonical: string | null, links: { url: string, canonical: string, domain: string }[], search: string, engagement: number }[]
  volumes: ReturnType<BatchRollup['volumes']> extends Iterable<infer V> ? V[] : never
  terms: ReturnType<BatchRollup['termDocs']> extends Iterable<infer T> ? T[] : never
  daily: DailyRollup
}

/** Everything the raw inserts need, computed outside the timed section. */
function prepareRows(pages: ParsedPage[]): PreparedRows {
  const rollup = new BatchRollup()
  const daily = new DailyRollup()
  const authorIds = new Map<string, number>()
  const posts: PreparedRows['posts'] = []
  for (const page of pages) {
    page.posts.forEach((post, i) => {
      const tags = page.tags?.[i] ?? undefined
      rollup.add(post, tags)
      const links = post.links.flatMap((url) => {
        const canonical = canonicalUrl(url)
        return canonical ? [{ url, canonical, domain: new URL(canonical).hostname }] : []
      })
      const engagement = engagementOf(post.metrics)
      posts.push({ post, tags, canonical: post.url ? canonicalUrl(post.url) : null, links, engagement, search: tags?.search ?? searchDocumentOf(matchText(post.title, post.text)) })
      // The same cells as the pipeline's; author ids only feed the sketches, so any stable number does.
      const authorKey = `${post.author.platform}\u0000${post.author.externalId}`
      if (!authorIds.has(authorKey)) authorIds.set(authorKey, authorIds.size + 1)
      daily.add({ createdAt: post.createdAt, lang: tags?.lang ?? null, platform: post.platform, sourceId: null, authorId: authorIds.get(authorKey)!,
        sentiment: tags?.sentiment?.label ?? null, engagement, topicIds: tags?.topics.map((t) => t.topicId) ?? [] })
    })
  }
  return { posts, volumes: [...rollup.volumes()], terms: [...rollup.termDocs()], daily }
}

interface WorkerRate {
  /** Posts a second. */
  rate: number
  /** The workers' CPU time a post, in µs, where Linux tells it. */
  cpuPerPost: number | null
}

/**
 * Posts a second parsed and tagged by a pool of `size` workers over `files`, once their models
 * are loaded and their code compiled (40 files each beforehand, not counted: without them two
 * workers measured 1.1 times one, with them 1.3-1.5), and the workers' CPU time a post: the
 * same figure for both sizes means the cores do not slow each other down. Every post is tagged
 * (no repeat skipped), so that sizes compare.
 */
async function parseRate(size: number, files: { format: string, path: string, file: string }[], topics: TaggerOptions['topics'], now: Date): Promise<WorkerRate> {
  const existing = threadCpuSeconds()
  const pool = new ParsePool(size, { nlp: withNlp ? { topics } : undefined })
  const isWorker = (tid: number) => !existing?.has(tid)
  try {
    await Promise.all(files.slice(0, 40 * size).map((f) => pool.parse(f.format, readFileSync(f.path), f.file, now)))
    let posts = 0
    const cpuBefore = threadCpuSeconds()
    const start = performance.now()
    await parseInOrder(files, (f) => pool.parseLater(f.format, readFileSync(f.path), f.file, now), (_file, page) => { posts += page.take().posts.length })
    const rate = posts / ((performance.now() - start) / 1000)
    const cpuAfter = threadCpuSeconds()
    return { rate, cpuPerPost: cpuBefore && cpuAfter ? cpuSince(cpuBefore, cpuAfter, isWorker) * 1e6 / posts : null }
  }
  finally {
    await pool.close()
  }
}

/** How many posts a side's database holds at the end: each side must store the same. */
function storedPosts(sqlite: ReturnType<typeof createDb>['sqlite']): number {
  return sqlite.prepare('select count(*) from posts').pluck().get() as number
}

/**
 * The raw side: the corpus's rows, parsed and tagged on a pool of workers and prepared untimed,
 * inserted with plain prepared statements into a fresh database; only the inserts, and the last
 * checkpoint, are timed.
 */
async function rawInsert(path: string, files: { format: string, path: string, file: string }[], workers: number, now: Date): Promise<{ ms: number, stored: number }> {
  const rawDb = await freshDb(path)
  const raw = rawInserter(rawDb.sqlite)
  const rawCheckpoint = checkpointInBackground(rawDb.sqlite)
  let rawMs = 0
  const rawPool = new ParsePool(workers, { nlp: withNlp ? { topics: rawDb.topics } : undefined })
  let pending: ParsedPage[] = []
  let pendingPosts = 0
  const insertPending = () => {
    const rows = prepareRows(pending)
    const start = performance.now()
    raw(rows, now.toISOString())
    rawMs += performance.now() - start
    pending = []
    pendingPosts = 0
    sample()
  }
  await parseInOrder(files, (f) => rawPool.parseLater(f.format, readFileSync(f.path), f.file, now), (_file, later) => {
    const page = later.take()
    pending.push(page)
    pendingPosts += page.posts.length
    if (pendingPosts >= BATCH) insertPending()
  })
  if (pending.length) insertPending()
  const start = performance.now()
  await rawCheckpoint.stop()
  rawMs += performance.now() - start
  await rawPool.close()
  const stored = storedPosts(rawDb.sqlite)
  rawDb.sqlite.close()
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true })
  return { ms: rawMs, stored }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-'))
  const now = new Date()
  process.stderr.write(`writing ${target.toLocaleString('en')} posts of demo corpus (not timed)…\n`)
  const manifest = await writeDemoCorpus(join(dir, 'corpus'), { posts: target, end: now })
  const files = manifest.files.map((f) => ({ ...f, path: join(dir, 'corpus', f.file) }))
  const workers = availableParallelism()

  const pipelineDb = await freshDb(join(dir, 'pipeline.db'))
  // What the machine's cores give this work together: however the pipeline is arranged, it
  // parses and tags on these workers, and stores on the same cores besides.
  process.stderr.write(`parsing and tagging a sample on 1 and ${workers} workers (not timed)…\n`)
  const sampleFiles = files.slice(0, 1000)
  // Other machines on a shared host slow both cores at times: each size runs twice, taking turns,
  // and keeps its better rate.
  let oneWorker: WorkerRate = { rate: 0, cpuPerPost: null }
  let allWorkers: WorkerRate = { rate: 0, cpuPerPost: null }
  const better = (a: WorkerRate, b: WorkerRate) => (b.rate > a.rate ? b : a)
  for (let round = 0; round < 2; round++) {
    oneWorker = better(oneWorker, await parseRate(1, sampleFiles, pipelineDb.topics, now))
    allWorkers = workers > 1 ? better(allWorkers, await parseRate(workers, sampleFiles, pipelineDb.topics, now)) : oneWorker
  }

  // The raw insert runs before the pipeline and again after it, and the ratio takes the mean of
  // the two: the host's speed drifts by a fifth within minutes, so one run of each side, minutes
  // apart, moved the ratio by as much (0.354 to 0.515 for one commit).
  process.stderr.write('raw insert of the same rows, before the pipeline…\n')
  const rawBefore = await rawInsert(join(dir, 'raw-before.db'), files, workers, now)

  const nlp = withNlp ? { topics: pipelineDb.topics } : undefined
  const writer = new BatchWriter(pipelineDb.sqlite, pipelineDb.db)
  const runId = await startRun(pipelineDb.db, { sourceId: null, label: 'bench', trigger: 'import' }, now)
  const batcher = new ImportBatcher(writer, { runId, now: () => now }, BATCH)
  process.stderr.write(`pipeline (${workers} parse workers${withNlp ? ' with the NLP pass' : ''})…\n`)
  let storeMs = 0
  const cpuBefore = process.cpuUsage()
  const threadsBefore = threadCpuSeconds()
  const start = performance.now()
  const pipelineCheckpoint = checkpointInBackground(pipelineDb.sqlite)
  // Threads started from here on are the pool's workers (and their module loaders).
  const beforePool = new Set(threadCpuSeconds()?.keys())
  const isCheckpointer = (tid: number) => beforePool.has(tid) && !threadsBefore?.has(tid)
  const pool = new ParsePool(workers, { nlp, storedInOrder: true })
  await parseInOrder(files, (f) => pool.parseLater(f.format, readFileSync(f.path), f.file, now), (_file, later) => {
    const page = later.take()
    const t = performance.now()
    batcher.add(page)
    storeMs += performance.now() - t
    sample()
  })
  const t = performance.now()
  batcher.flush()
  // The checkpointer's thread ends with it.
  const beforeStop = threadCpuSeconds()
  await pipelineCheckpoint.stop()
  storeMs += performance.now() - t
  const pipelineMs = performance.now() - start
  const pipelineCpu = process.cpuUsage(cpuBefore)
  const threadsAfter = threadCpuSeconds()
  const byThread = threadsBefore && beforeStop && threadsAfter
    ? {
        main: cpuSince(threadsBefore, threadsAfter, (tid) => tid === process.pid),
        workers: cpuSince(threadsBefore, threadsAfter, (tid) => !beforePool.has(tid)),
        checkpointer: cpuSince(threadsBefore, beforeStop, isCheckpointer),
      }
    : null
  await pool.close()
  const posts = batcher.totals.fetched - batcher.totals.failed

  process.stderr.write('raw insert of the same rows, after the pipeline…\n')
  const rawAfter = await rawInsert(join(dir, 'raw-after.db'), files, workers, now)

  const stored = storedPosts(pipelineDb.sqlite)
  const pipelineRate = posts / (pipelineMs / 1000)
  const rawRate = posts / ((rawBefore.ms + rawAfter.ms) / 2 / 1000)
  const rateOf = (ms: number) => `${Math.round(posts / (ms / 1000)).toLocaleString('en')} posts/s`
  console.log(`posts in the corpus:       ${posts.toLocaleString('en')} (${files.length.toLocaleString('en')} files); stored ${stored.toLocaleString('en')} (pipeline), ${rawBefore.stored.toLocaleString('en')} and ${rawAfter.stored.toLocaleString('en')} (raw)`)
  console.log(`NLP pass:                  ${withNlp ? `on (${pipelineDb.topics.length} topics)` : 'off'}`)
  console.log(`garbage collection:        ${process.execArgv.includes('--single-threaded-gc') ? 'single-threaded, as the chorus command runs' : 'Node\'s defaults, unlike the chorus command (npm run bench:ingest runs it as the command does)'}`)
  console.log(`pipeline (read, parse${withNlp ? ', tag' : ''}, store): ${Math.round(pipelineRate).toLocaleString('en')} posts/s, ${(pipelineMs / 1000).toFixed(1)} s in all`)
  const cpuSeconds = (pipelineCpu.user + pipelineCpu.system) / 1e6
  console.log(`  CPU time, all threads:   ${cpuSeconds.toFixed(1)} s, ${Math.round(cpuSeconds * 1e6 / posts)} µs a post, ${(cpuSeconds / (pipelineMs / 1000)).toFixed(2)} cores busy on average`)
  const perPost = (seconds: number) => `${seconds.toFixed(1)} s, ${Math.round(seconds * 1e6 / posts)} µs a post`
  if (byThread) console.log(`  CPU time, main thread:   ${perPost(byThread.main)} (reading, storing and receiving pages)`)
  console.log(`  of which storing:        ${(storeMs / 1000).toFixed(1)} s on the main thread (the rest is waiting for the workers)`)
  if (byThread) {
    console.log(`  CPU time, parse workers: ${perPost(byThread.workers)} (parsing, tagging and sending pages)`)
    console.log(`  CPU time, checkpointer:  ${perPost(byThread.checkpointer)} (copying the write-ahead log into the database)`)
    console.log(`  CPU time, other threads: ${perPost(cpuSeconds - byThread.main - byThread.workers - byThread.checkpointer)} (V8's compiler threads, mostly)`)
  }
  if (workers > 1) {
    console.log(`  parse workers together:  ${workers} parse${withNlp ? ' and tag' : ''} ${(allWorkers.rate / oneWorker.rate).toFixed(2)} times as fast as 1 on this machine (${Math.round(oneWorker.rate).toLocaleString('en')} and ${Math.round(allWorkers.rate).toLocaleString('en')} posts/s over ${sampleFiles.length} files, the better of two runs each, no store)`)
    if (oneWorker.cpuPerPost !== null && allWorkers.cpuPerPost !== null) {
      console.log(`                           a worker's CPU time a post: ${Math.round(oneWorker.cpuPerPost)} µs alone, ${Math.round(allWorkers.cpuPerPost)} µs beside another`)
    }
  }
  console.log(`raw prepared insert:       ${Math.round(rawRate).toLocaleString('en')} posts/s (same rows, same transactions, same schema, indexes and full-text index)`)
  console.log(`  before and after:        ${rateOf(rawBefore.ms)}, ${(rawBefore.ms / 1000).toFixed(1)} s; ${rateOf(rawAfter.ms)}, ${(rawAfter.ms / 1000).toFixed(1)} s (the rate above is of their mean time)`)
  console.log(`ratio pipeline / raw:      ${(pipelineRate / rawRate).toFixed(3)} (${(rawBefore.ms / pipelineMs).toFixed(3)} against the raw insert before, ${(rawAfter.ms / pipelineMs).toFixed(3)} against the one after)`)
  console.log(`  parsing and tagging alone / raw: ${(allWorkers.rate / rawRate).toFixed(3)} (the workers' rate above, storing nothing: the pipeline parses and tags on them, so its ratio stays below this one)`)
  console.log(`peak memory (RSS):         ${Math.round(peakRss / 1024 / 1024)} MiB`)
  pipelineDb.sqlite.close()
  rmSync(dir, { recursive: true, force: true })
}

await main()
