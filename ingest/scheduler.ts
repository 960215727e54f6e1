import { markInterruptedRuns, type RunRow } from '../server/db/repositories/ingest'
import { dueSources } from '../server/db/repositories/sources'
import { type IngestContext, runSource, type RunTrigger } from './runner'

// Decides which source is due and runs it, one source at a time per process (the HTTP client
// already limits each host to one request at a time). "Run now" goes through the same queue,
// so a source is never run twice at once.

export interface SchedulerOptions {
  /** How often to look for due sources. */
  tickMs?: number
  log?: (line: string) => void
}

export class IngestScheduler {
  private readonly running = new Map<number, Promise<RunRow>>()
  private readonly runIds = new Map<number, number>()
  private timer: NodeJS.Timeout | undefined
  private ticking = false

  constructor(readonly context: IngestContext, private readonly options: SchedulerOptions = {}) {}

  /** Marks runs a dead process left open, then looks for due sources every tick. */
  async start(): Promise<void> {
    const interrupted = await markInterruptedRuns(this.context.db, this.context.now())
    if (interrupted) this.log(`marked ${interrupted} unfinished run(s) as interrupted`)
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

  /** Starts a run in the background and answers with its id as soon as it is recorded. */
  launch(sourceId: number, trigger: RunTrigger): Promise<number> {
    const under = this.runIds.get(sourceId)
    if (under !== undefined) return Promise.resolve(under)
    return new Promise((resolve, reject) => {
      this.run(sourceId, trigger, resolve).catch(reject)
    })
  }

  async tick(): Promise<void> {
    if (this.ticking) return
    this.ticking = true
    try {
      for (const source of await dueSources(this.context.db, this.context.now())) {
        if (this.running.has(source.id)) continue
        const run = await this.run(source.id, 'schedule')
        this.log(`${source.name}: ${run.status}, ${run.inserted} new of ${run.fetched}${run.error ? ` (${run.error})` : ''}`)
      }
    }
    catch (error) {
      this.log(`scheduler: ${(error as Error).message}`)
    }
    finally {
      this.ticking = false
    }
  }

  private log(line: string): void {
    (this.options.log ?? console.info)(`chorus ingest: ${line}`)
  }
}
