import { liveRuns, type RunRow, SourceBusyError } from '../server/db/repositories/ingest'
import { dueSources } from '../server/db/repositories/sources'
import { sweepDeadRuns } from './run-record'
import { type IngestContext, runSource, type RunTrigger } from './runner'

// Decides which source is due and runs it, one source at a time per process (the HTTP client
// already limits each host to one request at a time). "Run now" goes through the same queue,
// so a source is never run twice at once; nor beside another process's run of it (`chorus
// ingest`), which the run's heartbeat shows alive (ingest/run-record.ts).

export interface SchedulerOptions {
  /** How often to look for due sources. */
  tickMs?: number
  log?: (line: string) => void
}

export class IngestScheduler {
  private readonly running = new Map<number, Promise<RunRow>>()
  private readonly runIds = new Map<number, number>()
  private timer: NodeJS.Timeout | undefined
  private ticking: Promise<void> | null = null
  private pollSources = true

  constructor(readonly context: IngestContext, private readonly options: SchedulerOptions = {}) {}

  /**
   * Every tick: marks the runs a dead process left open, then runs the due sources unless
   * `pollSources` is false (CHORUS_SCHEDULER=off: that process still marks the runs).
   */
  async start(options: { pollSources?: boolean } = {}): Promise<void> {
    this.pollSources = options.pollSources ?? true
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? 30_000)
    this.timer.unref()
    void this.tick()
  }

  stop(): void {
    clearInterval(this.timer)
  }

  isRunning(sourceId: number): boolean {
    return this.running.has(sourceId)
  }

  /** Starts a run unless one is under way; resolves when it ends. */
  run(sourceId: number, trigger: RunTrigger, onStart?: (runId: number) => void): Promise<RunRow> {
    const current = this.running.get(sourceId)
    if (current) return current
    const run = runSource(this.context, sourceId, {
      trigger,
      onStart: (runId) => {
        this.runIds.set(sourceId, runId)
        onStart?.(runId)
      },
    }).finally(() => {
      this.running.delete(sourceId)
      this.runIds.delete(sourceId)
    })
    this.running.set(sourceId, run)
    return run
  }

  /**
   * Starts a run in the background and answers with its id as soon as it is recorded; when the
   * source is being fetched already, here or by another process, with that run's id.
   */
  launch(sourceId: number, trigger: RunTrigger): Promise<number> {
    const under = this.runIds.get(sourceId)
    if (under !== undefined) return Promise.resolve(under)
    return new Promise((resolve, reject) => {
      this.run(sourceId, trigger, resolve).catch((error: unknown) => {
        if (error instanceof SourceBusyError) resolve(error.runId)
        else reject(error)
      })
    })
  }

  /** One look at the runs and sources; while one is under way, the same one. */
  tick(): Promise<void> {
    this.ticking ??= this.sweepAndRun().finally(() => {
      this.ticking = null
    })
    return this.ticking
  }

  /** Marks interrupted the runs whose process is gone, never this one's. Answers how many. */
  async sweep(): Promise<number> {
    const interrupted = await sweepDeadRuns(this.context.db, this.context.now(), [...this.runIds.values()])
    if (interrupted) this.log(`marked ${interrupted} unfinished run(s) as interrupted`)
    return interrupted
  }

  private async sweepAndRun(): Promise<void> {
    try {
      await this.sweep()
      if (!this.pollSources) return
      const elsewhere = new Set((await liveRuns(this.context.db, this.context.now())).map((r) => r.sourceId))
      for (const source of await dueSources(this.context.db, this.context.now())) {
        if (this.running.has(source.id) || elsewhere.has(source.id)) continue
        const run = await this.run(source.id, 'schedule').catch((error: unknown) => {
          // Started elsewhere since the look above: that process runs it.
          if (error instanceof SourceBusyError) return null
          throw error
        })
        if (run) this.log(`${source.name}: ${run.status}, ${run.inserted} new of ${run.fetched}${run.error ? ` (${run.error})` : ''}`)
      }
    }
    catch (error) {
      this.log(`scheduler: ${(error as Error).message}`)
    }
  }

  private log(line: string): void {
    (this.options.log ?? console.info)(`chorus ingest: ${line}`)
  }
}
