import { randomUUID } from 'node:crypto'
import type { Db } from '../../server/db'
import { beatJob, claimNextJob, topicDefinitions } from '../../server/db/repositories/topics'
import { keepBeating } from '../../server/db/liveness'
import type { LanguageCode } from '../../shared/languages'
import { isLanguageCode } from '../../shared/languages'
import type { PostTags } from '../pipeline'
import { runRetag } from './retag'
import { type PagePost, Tagger } from './tagger'

// The NLP pass inside a long-running process: one tagger for scheduled ingest, kept in step with
// the topics, and the background jobs (re-tagging history) run one at a time.

export interface NlpServiceOptions {
  languages?: readonly LanguageCode[]
  now?: () => Date
  /** Runs after a topic's history was re-tagged (spike detection hooks in here). */
  afterRetag?: (topicId: number) => Promise<void>
}

/** CHORUS_LANGUAGES=en,fr,ar narrows detection to the languages an instance works in. */
export function languagesFromEnv(value = process.env.CHORUS_LANGUAGES): LanguageCode[] | undefined {
  if (!value?.trim()) return undefined
  const codes = value.split(',').map((code) => code.trim().toLowerCase()).filter(Boolean)
  const unknown = codes.filter((code) => !isLanguageCode(code))
  if (unknown.length) throw new Error(`CHORUS_LANGUAGES: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a supported language' : 'are not supported languages'}`)
  return codes as LanguageCode[]
}

export class NlpService {
  private tagger: Tagger | null = null
  private starting: Promise<Tagger> | null = null
  private draining: Promise<void> | null = null
  private stopped = false
  // Names this job runner in the jobs it claims, apart from other processes' and from other runners in this one (tests).
  private readonly claim = randomUUID()

  constructor(private readonly db: Db, private readonly options: NlpServiceOptions = {}) {}

  /** Loads the detector and the topics; later calls return the same tagger. */
  ready(): Promise<Tagger> {
    this.starting ??= topicDefinitions(this.db)
      .then((topics) => Tagger.create({ topics, languages: this.options.languages }))
      .then((tagger) => (this.tagger = tagger))
    return this.starting
  }

  /** The seam the batch writer calls; scheduled ingest waits for ready() before its first run. */
  tagBatch = (posts: readonly PagePost[]): PostTags[] => {
    if (!this.tagger) throw new Error('the NLP pass is still starting; try again in a moment')
    return this.tagger.tagBatch(posts)
  }

  /** After a topic was created, changed or removed: new posts use the new queries at once, and history is re-tagged. */
  async topicsChanged(): Promise<void> {
    const tagger = await this.ready()
    tagger.setTopics(await topicDefinitions(this.db))
    this.runJobs()
  }

  /**
   * Starts the queued jobs, and any whose process is gone (a crash, another server stopped),
   * unless this runner is at it already. Jobs another live process works on are left to it.
   */
  runJobs(): Promise<void> {
    // Never rejects: callers start it in the background, where a rejection would end the process
    // (a database busy past its timeout, say); the next call, a minute later at most, tries again.
    this.draining ??= this.drain()
      .catch((error: Error) => console.error(`chorus: re-tag jobs stopped: ${error.message}`))
      .finally(() => {
        this.draining = null
      })
    return this.draining
  }

  async stop(): Promise<void> {
    this.stopped = true
    await this.draining
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const now = this.options.now ?? (() => new Date())
      const job = await claimNextJob(this.db, this.claim, now())
      if (!job) return
      const stopBeating = keepBeating(() => beatJob(this.db, job.id, this.claim, now()))
      const done = await runRetag(this.db, job.id, { now: this.options.now, shouldStop: () => this.stopped, claim: this.claim })
        .finally(stopBeating)
      if (done.status === 'ok' && done.topicId !== null) await this.options.afterRetag?.(done.topicId)
    }
  }
}
