import type { Db } from '../db'
import { computeSnapshot, type SnapshotProgress } from './compute'

// Runs queued network snapshots one at a time, in the background of the server (or of the CLI
// for the demo). Each snapshot's results are written in one transaction at its end, so a crash
// leaves a snapshot "running" with nothing stored; the next start queues it again.

export class SnapshotRunner {
  private running: Promise<void> | null = null
  private again = false

  constructor(
    private readonly db: Db,
    private readonly options: { now?: () => Date, onProgress?: (id: number, step: SnapshotProgress) => void } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  /** Re-queues snapshots a previous process left running, then works the queue. */
  async start(): Promise<void> {
    await this.db.updateTable('graphSnapshots').set({ status: 'queued', phase: null, done: 0, total: 0, startedAt: null })
      .where('status', '=', 'running').execute()
    this.wake()
  }

  /** Starts working the queue, or makes the current pass look again when it ends. */
  wake(): void {
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.drain().finally(() => {
      this.running = null
      if (this.again) {
        this.again = false
        this.wake()
      }
    })
  }

  /** Resolves when the queue is empty (for the CLI and tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  private async drain(): Promise<void> {
    for (;;) {
      const next = await this.db.selectFrom('graphSnapshots').select('id').where('status', '=', 'queued').orderBy('id').executeTakeFirst()
      if (!next) return
      await this.run(next.id)
    }
  }

  private async run(id: number): Promise<void> {
    await this.db.updateTable('graphSnapshots').set({ status: 'running', startedAt: this.now().toISOString(), phase: 'gathering' }).where('id', '=', id).execute()
    const progress = async (step: SnapshotProgress) => {
      this.options.onProgress?.(id, step)
      await this.db.updateTable('graphSnapshots').set({ phase: step.phase, done: step.done, total: step.total }).where('id', '=', id).execute()
      // Let requests in between the steps of a long computation.
      await new Promise((resolve) => setImmediate(resolve))
    }
    try {
      await computeSnapshot(this.db, id, { progress, now: () => this.now() })
    }
    catch (error) {
      console.error(`chorus: network snapshot ${id} failed:`, error)
      await this.db.updateTable('graphSnapshots')
        .set({ status: 'failed', error: (error as Error).message, finishedAt: this.now().toISOString() })
        .where('id', '=', id).execute()
    }
  }
}
