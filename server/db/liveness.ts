import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'

// Work that more than one process may take up (the server, a second web process, the `chorus`
// commands) belongs to the process that started or claimed it: its host name, pid and instance
// are stored with the work, and it writes a heartbeat while the work lasts. The others take the
// work for abandoned once its owner is gone: at once when the owner ran on this host and its pid
// no longer exists, or is ours under another instance (a server restarted as a container's
// pid 1); otherwise when its heartbeat is STALE_AFTER_MS old. A missed beat (the database
// busy past its timeout, say) is harmless: the next one comes long before that.

export const STALE_AFTER_MS = 2 * 60_000
export const HEARTBEAT_MS = STALE_AFTER_MS / 8

// Drawn once a process, by its main thread: only main threads record work.
const INSTANCE = randomUUID()

export interface Owner {
  heartbeatAt: string | null
  host: string | null
  pid: number | null
  instance: string | null
}

export function thisProcess(): { host: string, pid: number, instance: string } {
  return { host: hostname(), pid: process.pid, instance: INSTANCE }
}

/** The oldest heartbeat (ISO time) that still counts as a sign of life at `now`. */
export function liveSince(now: Date): string {
  return new Date(now.getTime() - STALE_AFTER_MS).toISOString()
}

export function ownerAlive(owner: Owner, now: Date): boolean {
  return owner.heartbeatAt !== null && owner.heartbeatAt >= liveSince(now) && !exitedHere(owner)
}

/** Calls `beat` every HEARTBEAT_MS until the function returned is called. */
export function keepBeating(beat: () => Promise<unknown>): () => void {
  const timer = setInterval(() => void beat().catch(() => {}), HEARTBEAT_MS)
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * A process of this host that no longer exists. Our pid counts only under another instance:
 * recorded without one (before instances), it waits for its heartbeat to age. Another live pid
 * may be a reused one too; that also waits.
 */
function exitedHere(owner: Owner): boolean {
  if (owner.host !== hostname() || owner.pid === null) return false
  if (owner.pid === process.pid) return owner.instance !== null && owner.instance !== INSTANCE
  try {
    process.kill(owner.pid, 0)
    return false
  }
  catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
