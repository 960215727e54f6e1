import { randomUUID } from 'node:crypto'
import type { Db } from '../db'
import { keepBeating, ownerAlive, thisProcess } from '../db/liveness'
import { computeSnapshot, type SnapshotProgress } from './compute'

// Runs queued network snapshots one at a time, in the background of the server (or of the CLI
// for the demo). Each snapshot's results are written in one transaction at its end, so a crash
// leaves a snapshot "running" with nothing stored; it is queued again once its process is seen
// gone (server/db/liveness.ts). Where several processes share the database, each snapshot is
// claimed by one runner, and a runner that lost its snapshot to another stores nothing.

export class SnapshotRunner {
  private running: Promise<void> | null = null
  private again = false
  // Names this runner in the snapshots it claims, apart from other processes' and from other runners in this one (tests).
  private readonly claim = randomUUID()

  constructor(
    private readonly db: Db,
    private readonly options: { now?: () => Date, onProgress?: (id: number, step: SnapshotProgress) => void } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  /** Queues again the snapshots whose process is gone (a crash, another server stopped), then works the queue. */
  async start(): Promise<void> {
    const now = this.now()
    const running = await this.db.selectFrom('graphSnapshots').select(['id', 'claim', 'heartbeatAt', 'host', 'pid', 'instance']).where('status', '=', 'running').execute()
    const abandoned = running.filter((snapshot) => snapshot.claim !== this.claim && !ownerAlive(snapshot, now)).map((snapshot) => snapshot.id)
    if (abandoned.length) {
      await this.db.updateTable('graphSnapshots').set({ status: 'queued', phase: null, done: 0, total: 0, startedAt: null, claim: null })
        .where('status', '=', 'running').where('id', 'in', abandoned).execute()
    }
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
    for (let id = await this.claimNext(); id !== null; id = await this.claimNext()) await this.run(id)
  }

  /** The oldest queued snapshot, claimed in one statement that holds only while it is still queued. */
  private async claimNext(): Promise<number | null> {
    const queued = await this.db.selectFrom('graphSnapshots').select('id').where('status', '=', 'queued').orderBy('id').execute()
    for (const { id } of queued) {
      const at = this.now().toISOString()
      const taken = await this.db.updateTable('graphSnapshots')
        .set({ status: 'running', startedAt: at, phase: 'gathering', claim: this.claim, ...thisProcess(), heartbeatAt: at })
        .where('id', '=', id).where('status', '=', 'queued').executeTakeFirst()
      if (Number(taken.numUpdatedRows) === 1) return id
    }
    return null
  }

  private async run(id: number): Promise<void> {
    const ours = this.db.updateTable('graphSnapshots').where('id', '=', id).where('claim', '=', this.claim)
    const stopBeating = keepBeating(() => ours.set({ heartbeatAt: this.now().toISOString() }).execute())
    const progress = async (step: SnapshotProgress) => {
      this.options.onProgress?.(id, step)
      await ours.set({ phase: step.phase, done: step.done, total: step.total, heartbeatAt: this.now().toISOString() }).execute()
      // Let requests in between the steps of a long computation.
      await new Promise((resolve) => setImmediate(resolve))
    }
    try {
      await computeSnapshot(this.db, id, { progress, now: () => this.now(), claim: this.claim })
    }
    catch (error) {
      console.error(`chorus: network snapshot ${id} failed:`, error)
      await ours.set({ status: 'failed', error: (error as Error).message, finishedAt: this.now().toISOString() }).execute()
    }
    finally {
      stopBeating()
    }
  }
}
