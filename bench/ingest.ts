// npm run bench:ingest [-- --posts N]
// Writes the generated demo corpus to files (untimed), then ingests them twice, each into a
// fresh database with the same schema and indexes:
//   pipeline  the whole import path — read each file, parse its wire format in worker threads
//             (as the demo loader does), normalise, and store it with the batch writer (authors,
//             relations, hashtags, links, raw payloads), one transaction per file — timed from
//             start to end;
//   raw       the same post rows inserted with plain prepared statements, one transaction per
//             file, only the inserts timed.
// Prints both rates, their ratio and the peak memory.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { writeDemoCorpus } from '../ingest/demo'
import { parseInOrder, ParsePool } from '../ingest/parse-pool'
import { BatchWriter } from '../ingest/pipeline'
import { canonicalUrl } from '../ingest/text'
import type { NormalisedPost } from '../ingest/types'
import { createDb } from '../server/db'
import { migrateToLatest } from '../server/db/migrations'
import { startRun } from '../server/db/repositories/ingest'

const { values } = parseArgs({ options: { posts: { type: 'string', default: '1000000' } } })
const target = Number(values.posts)
let peakRss = 0
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss) }

async function freshDb(path: string) {
  const opened = createDb(path)
  await migrateToLatest(opened.db)
  return opened
}

function rawInserter(sqlite: ReturnType<typeof createDb>['sqlite']) {
  const author = sqlite.prepare('insert into authors (platform, external_id, handle, name, profile_url, followers, first_seen_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing')
  const authorId = sqlite.prepare('select id from authors where platform = ? and external_id = ?').pluck()
  const post = sqlite.prepare(`insert into posts (platform, external_id, kind, url, canonical_url, author_id, title, text, created_at, ingested_at,
    declared_lang, likes, reposts, replies, quotes) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`)
  return sqlite.transaction((posts: NormalisedPost[], at: string) => {
    for (const p of posts) {
      author.run(p.author.platform, p.author.externalId, p.author.handle, p.author.name, p.author.profileUrl, p.author.followers, at, at)
      const id = authorId.get(p.author.platform, p.author.externalId)
      post.run(p.platform, p.externalId, p.kind, p.url, p.url ? canonicalUrl(p.url) : null, id, p.title, p.text, p.createdAt, at,
        p.declaredLang, p.metrics.likes, p.metrics.reposts, p.metrics.replies, p.metrics.quotes)
    }
  })
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-'))
  const now = new Date()
  process.stderr.write(`writing ${target.toLocaleString('en')} posts of demo corpus (not timed)…\n`)
  const manifest = await writeDemoCorpus(join(dir, 'corpus'), { posts: target, end: now })
  const files = manifest.files.map((f) => ({ ...f, path: join(dir, 'corpus', f.file) }))
  const pool = new ParsePool()
  const parse = (f: (typeof files)[number]) => pool.parse(f.format, readFileSync(f.path), f.file, now)

  const pipelineDb = await freshDb(join(dir, 'pipeline.db'))
  const writer = new BatchWriter(pipelineDb.sqlite, pipelineDb.db)
  const runId = await startRun(pipelineDb.db, { sourceId: null, label: 'bench', trigger: 'import' }, now)
  let posts = 0
  process.stderr.write('pipeline…\n')
  let start = performance.now()
  await parseInOrder(files, parse, (_file, page) => {
    writer.store({ page: { ...page, nextCursor: null }, runId, sourceId: null, now })
    posts += page.posts.length
    sample()
  })
  const pipelineMs = performance.now() - start

  const rawDb = await freshDb(join(dir, 'raw.db'))
  const raw = rawInserter(rawDb.sqlite)
  let rawMs = 0
  process.stderr.write('raw insert…\n')
  await parseInOrder(files, parse, (_file, page) => {
    start = performance.now()
    raw(page.posts, now.toISOString())
    rawMs += performance.now() - start
    sample()
  })
  await pool.close()

  const pipelineRate = posts / (pipelineMs / 1000)
  const rawRate = posts / (rawMs / 1000)
  console.log(`posts ingested:            ${posts.toLocaleString('en')} (${files.length.toLocaleString('en')} files)`)
  console.log(`pipeline (read, parse, store): ${Math.round(pipelineRate).toLocaleString('en')} posts/s`)
  console.log(`raw prepared insert:       ${Math.round(rawRate).toLocaleString('en')} posts/s (same rows, same schema and indexes)`)
  console.log(`ratio pipeline / raw:      ${(pipelineRate / rawRate).toFixed(3)}`)
  console.log(`peak memory (RSS):         ${Math.round(peakRss / 1024 / 1024)} MiB`)
  pipelineDb.sqlite.close()
  rawDb.sqlite.close()
  rmSync(dir, { recursive: true, force: true })
}

await main()
