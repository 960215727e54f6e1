// npm run bench:ingest [-- --posts N]
// Ingests generated posts through the whole pipeline (adapter parsing, normalisation, the batch
// writer with authors, relations, hashtags, links and raw payloads) and, in the same run, a raw
// prepared-statement insert of the same post rows into the same schema. Reports both rates and
// their ratio, and the peak memory. Generating the corpus is not timed for either.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { demoPayloads } from '../ingest/demo'
import { BatchWriter } from '../ingest/pipeline'
import { adapterFor } from '../ingest/sources'
import { canonicalUrl } from '../ingest/text'
import type { NormalisedPost } from '../ingest/types'
import { createDb } from '../server/db'
import { migrateToLatest } from '../server/db/migrations'
import { startRun } from '../server/db/repositories/ingest'

const { values } = parseArgs({ options: { posts: { type: 'string', default: '1000000' } } })
const target = Number(values.posts)
const KIND = { mastodon: 'mastodon', bluesky: 'bluesky', feed: 'feed', reddit: 'reddit' } as const

async function freshDb(dir: string, name: string) {
  const opened = createDb(join(dir, name))
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
  const pipelineDb = await freshDb(dir, 'pipeline.db')
  const rawDb = await freshDb(dir, 'raw.db')
  const writer = new BatchWriter(pipelineDb.sqlite, pipelineDb.db)
  const raw = rawInserter(rawDb.sqlite)
  const runId = await startRun(pipelineDb.db, { sourceId: null, label: 'bench', trigger: 'import' }, new Date())
  let pipelineMs = 0
  let rawMs = 0
  let posts = 0
  let peakRss = 0
  let lastReport = 0
  const now = new Date()
  for (const payload of demoPayloads({ posts: target, end: now })) {
    let start = performance.now()
    const page = adapterFor(KIND[payload.format]).importPayload!(Buffer.from(payload.body), { origin: payload.name, now })
    writer.store({ page: { ...page, nextCursor: null }, runId, sourceId: null, now })
    pipelineMs += performance.now() - start
    start = performance.now()
    raw(page.posts, now.toISOString())
    rawMs += performance.now() - start
    posts += page.posts.length
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
    if (posts - lastReport >= 50_000) {
      lastReport = posts
      process.stderr.write(`  ${posts.toLocaleString('en')} posts…\n`)
    }
  }
  const pipelineRate = posts / (pipelineMs / 1000)
  const rawRate = posts / (rawMs / 1000)
  console.log(`posts ingested:            ${posts.toLocaleString('en')}`)
  console.log(`pipeline (parse + store):  ${Math.round(pipelineRate).toLocaleString('en')} posts/s`)
  console.log(`raw prepared insert:       ${Math.round(rawRate).toLocaleString('en')} posts/s (same rows, same schema and indexes)`)
  console.log(`ratio pipeline / raw:      ${(pipelineRate / rawRate).toFixed(2)}`)
  console.log(`peak memory (RSS):         ${Math.round(peakRss / 1024 / 1024)} MiB`)
  pipelineDb.sqlite.close()
  rawDb.sqlite.close()
  rmSync(dir, { recursive: true, force: true })
}

await main()
