import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DemoManifest } from '../../ingest/demo'
import { DEMO_TOPICS, writeDemoCorpus } from '../../ingest/demo'
import { languagesFromEnv } from '../../ingest/nlp/service'
import { openRun } from '../../ingest/run-record'
import { createTopics, topicDefinitions } from '../db/repositories/topics'
import { parseInOrder, ParsePool } from '../../ingest/parse-pool'
import { BatchWriter, ImportBatcher } from '../../ingest/pipeline'
import type { Db } from '../db'
import type { SqliteHandle } from '../db/sqlite'
import { checkpointInBackground } from '../db/checkpointer'
import { progressLine } from './progress'
import { watchSpikes } from '../alerts/watch'
import { refreshEmergingTerms } from '../db/repositories/emerging'
import { seedDemoCalendar } from './demo-calendar'
import { requestSnapshot } from '../db/repositories/influencers'
import { CLI_ACTOR } from '../db/repositories/audit'
import { SnapshotRunner } from '../snapshots/runner'
import { lastFullWeek, shiftWeek, weekBounds } from '../../shared/digest'
import { readDigestConfig } from '../digest/config'
import { makeDigest } from '../digest/service'

// The demo corpus enters like any export would: written to files in the platforms' wire
// formats, then read back through the adapters' import path, the NLP pass and the same batch
// writer. Each file's format is the kind of the adapter that reads it. The demo's topics are
// defined first, as an analyst would, so the corpus is tagged on its way in.

export async function loadDemoCorpus(db: Db, sqlite: SqliteHandle, dir: string, options: { posts: number, seed?: number, network?: boolean, digests?: boolean }) {
  const writing = progressLine('generating the demo corpus')
  const manifest: DemoManifest = await writeDemoCorpus(dir, { posts: options.posts, seed: options.seed, end: startOfToday() },
    (p) => writing.update(p.posts, p.total, 'posts'))
  writing.done(`wrote ${manifest.files.length} files (${manifest.posts} posts, ${manifest.start.slice(0, 10)} to ${manifest.end.slice(0, 10)}) to ${dir}`)

  if (!(await db.selectFrom('topics').select('id').limit(1).executeTakeFirst())) await createTopics(db, DEMO_TOPICS, new Date())
  const topics = await topicDefinitions(db)
  const run = await openRun(db, { sourceId: null, label: `demo corpus (${dir})`, trigger: 'import' }, () => new Date())
  const batcher = new ImportBatcher(new BatchWriter(sqlite, db), { runId: run.id, now: () => new Date() })
  const importing = progressLine('importing and tagging')
  let done = 0
  // Workers parse and tag the next files while this thread stores the current ones.
  const pool = new ParsePool(undefined, { nlp: { topics, languages: languagesFromEnv() }, storedInOrder: true })
  const checkpoint = checkpointInBackground(sqlite)
  try {
    await parseInOrder(manifest.files,
      (entry) => pool.parseLater(entry.format, readFileSync(join(dir, entry.file)), entry.file, new Date()),
      (entry, page) => {
        batcher.add(page.take())
        done += entry.posts
        importing.update(done, manifest.posts, 'posts')
      })
    batcher.flush()
    await run.finish({ status: 'ok' })
  }
  catch (error) {
    batcher.abandon()
    await run.finish({ status: 'failed', error: (error as Error).message })
    throw error
  }
  finally {
    await checkpoint.stop()
    await pool.close()
  }
  importing.done(`imported the demo corpus: ${batcher.totals.inserted} posts stored and tagged`)
  const found = await watchSpikes(db, { now: new Date() })
  console.log(`found ${found.spikes} spike${found.spikes === 1 ? '' : 's'} in the topics' volume`)
  const emerging = await refreshEmergingTerms(db, new Date())
  console.log(`found ${emerging.terms} emerging term${emerging.terms === 1 ? '' : 's'} in ${emerging.languages} language${emerging.languages === 1 ? '' : 's'}`)
  const planned = await seedDemoCalendar(db, new Date(manifest.end), new Date())
  if (planned) console.log(`planned ${planned} content item${planned === 1 ? '' : 's'} in the editorial calendar`)
  if (options.network !== false) await demoNetwork(db, manifest.end.slice(0, 10))
  if (options.digests !== false) await demoDigests(db, manifest.start, new Date())
}

/** The weekly digests of the corpus's last full weeks, as the scheduler would have made them on Mondays. */
async function demoDigests(db: Db, corpusStart: string, now: Date) {
  const config = readDigestConfig()
  const last = lastFullWeek(now, config.timeZone)
  const weeks = [3, 2, 1, 0].map((back) => shiftWeek(last, -back)).filter((week) => weekBounds(week, config.timeZone).start >= corpusStart)
  const making = progressLine('writing the weekly digests')
  for (const [i, week] of weeks.entries()) {
    making.update(i, weeks.length, 'weeks')
    await makeDigest(db, week, config, { trigger: 'schedule', actor: CLI_ACTOR, now })
  }
  making.done(`wrote ${weeks.length} weekly digest${weeks.length === 1 ? '' : 's'}${weeks.length ? ` (${weeks[0]} to ${weeks.at(-1)}, ${config.timeZone})` : ''}`)
}

/** The network of the corpus's last 30 days, so the influencer pages open on a map. */
async function demoNetwork(db: Db, lastDay: string) {
  const from = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10)
  const { id } = await requestSnapshot(db, { topicId: null, lang: null, from, to: lastDay }, CLI_ACTOR, new Date())
  const computing = progressLine('mapping the network')
  const runner = new SnapshotRunner(db, { onProgress: (_id, step) => computing.update(step.done, step.total, `steps (${step.phase})`) })
  runner.wake()
  await runner.idle()
  const snapshot = await db.selectFrom('graphSnapshots').select(['status', 'error', 'nodeCount', 'edgeCount', 'communityCount', 'modularity'])
    .where('id', '=', id).executeTakeFirstOrThrow()
  if (snapshot.status !== 'done') throw new Error(`the demo network could not be computed: ${snapshot.error ?? snapshot.status}`)
  computing.done(`mapped the network: ${snapshot.nodeCount} authors, ${snapshot.edgeCount} ties, ${snapshot.communityCount} communities (modularity ${snapshot.modularity?.toFixed(3)})`)
}

function startOfToday(): Date {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
}
