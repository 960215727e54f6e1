import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DemoManifest } from '../../ingest/demo'
import { DEMO_TOPICS, writeDemoCorpus } from '../../ingest/demo'
import { languagesFromEnv } from '../../ingest/nlp/service'
import { finishRun, startRun } from '../db/repositories/ingest'
import { createTopics, topicDefinitions } from '../db/repositories/topics'
import { parseInOrder, ParsePool } from '../../ingest/parse-pool'
import { BatchWriter, ImportBatcher } from '../../ingest/pipeline'
import type { Db } from '../db'
import type { SqliteHandle } from '../db/sqlite'
import { progressLine } from './progress'
import { watchSpikes } from '../alerts/watch'
import { refreshEmergingTerms } from '../db/repositories/emerging'

// The demo corpus enters like any export would: written to files in the platforms' wire
// formats, then read back through the adapters' import path, the NLP pass and the same batch
// writer. Each file's format is the kind of the adapter that reads it. The demo's topics are
// defined first, as an analyst would, so the corpus is tagged on its way in.

export async function loadDemoCorpus(db: Db, sqlite: SqliteHandle, dir: string, options: { posts: number, seed?: number }) {
  const writing = progressLine('generating the demo corpus')
  const manifest: DemoManifest = await writeDemoCorpus(dir, { posts: options.posts, seed: options.seed, end: startOfToday() },
    (p) => writing.update(p.posts, p.total, 'posts'))
  writing.done(`wrote ${manifest.files.length} files (${manifest.posts} posts, ${manifest.start.slice(0, 10)} to ${manifest.end.slice(0, 10)}) to ${dir}`)

  if (!(await db.selectFrom('topics').select('id').limit(1).executeTakeFirst())) await createTopics(db, DEMO_TOPICS, new Date())
  const topics = await topicDefinitions(db)
  const runId = await startRun(db, { sourceId: null, label: `demo corpus (${dir})`, trigger: 'import' }, new Date())
  const batcher = new ImportBatcher(new BatchWriter(sqlite, db), { runId, now: () => new Date() })
  const importing = progressLine('importing and tagging')
  let done = 0
  // Workers parse and tag the next files while this thread stores the current ones.
  const pool = new ParsePool(undefined, { nlp: { topics, languages: languagesFromEnv() } })
  try {
    await parseInOrder(manifest.files,
      (entry) => pool.parse(entry.format, readFileSync(join(dir, entry.file)), entry.file, new Date()),
      (entry, page) => {
        batcher.add(page)
        done += entry.posts
        importing.update(done, manifest.posts, 'posts')
      })
    batcher.flush()
    await finishRun(db, runId, { status: 'ok' }, new Date())
  }
  catch (error) {
    await finishRun(db, runId, { status: 'failed', error: (error as Error).message }, new Date())
    throw error
  }
  finally {
    await pool.close()
  }
  importing.done(`imported the demo corpus: ${batcher.totals.inserted} posts stored and tagged`)
  const found = await watchSpikes(db, { now: new Date() })
  console.log(`found ${found.spikes} spike${found.spikes === 1 ? '' : 's'} in the topics' volume`)
  const emerging = await refreshEmergingTerms(db, new Date())
  console.log(`found ${emerging.terms} emerging term${emerging.terms === 1 ? '' : 's'} in ${emerging.languages} language${emerging.languages === 1 ? '' : 's'}`)
}

function startOfToday(): Date {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
}
