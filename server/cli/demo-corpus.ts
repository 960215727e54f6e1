import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DemoManifest } from '../../ingest/demo'
import { writeDemoCorpus } from '../../ingest/demo'
import { finishRun, startRun } from '../db/repositories/ingest'
import { createIngestContext } from '../../ingest/runner'
import { parseInOrder, ParsePool } from '../../ingest/parse-pool'
import type { Db } from '../db'
import type { SqliteHandle } from '../db/sqlite'
import { progressLine } from './progress'

// The demo corpus enters like any export would: written to files in the platforms' wire
// formats, then read back through the adapters' import path and the same batch writer. Each
// file's format is the kind of the adapter that reads it.

export async function loadDemoCorpus(db: Db, sqlite: SqliteHandle, dir: string, options: { posts: number, seed?: number }) {
  const writing = progressLine('generating the demo corpus')
  const manifest: DemoManifest = await writeDemoCorpus(dir, { posts: options.posts, seed: options.seed, end: startOfToday() },
    (p) => writing.update(p.posts, p.total, 'posts'))
  writing.done(`wrote ${manifest.files.length} files (${manifest.posts} posts, ${manifest.start.slice(0, 10)} to ${manifest.end.slice(0, 10)}) to ${dir}`)

  const context = createIngestContext(db, sqlite)
  const runId = await startRun(db, { sourceId: null, label: `demo corpus (${dir})`, trigger: 'import' }, new Date())
  const importing = progressLine('importing')
  let done = 0
  let inserted = 0
  // Workers parse the next files while this thread stores the current one.
  const pool = new ParsePool()
  try {
    await parseInOrder(manifest.files,
      (entry) => pool.parse(entry.format, readFileSync(join(dir, entry.file)), entry.file, new Date()),
      (entry, page) => {
        inserted += context.writer.store({ page: { ...page, nextCursor: null }, runId, sourceId: null, now: new Date() }).inserted
        done += entry.posts
        importing.update(done, manifest.posts, 'posts')
      })
    await finishRun(db, runId, { status: 'ok' }, new Date())
  }
  catch (error) {
    await finishRun(db, runId, { status: 'failed', error: (error as Error).message }, new Date())
    throw error
  }
  finally {
    await pool.close()
  }
  importing.done(`imported the demo corpus: ${inserted} posts stored`)
}

function startOfToday(): Date {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
}
