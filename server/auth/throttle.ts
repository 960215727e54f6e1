// Slows down password guessing: after a few failures for the same account or from the same
// address, each further attempt must wait, and the wait doubles with every failure.

export interface ThrottleOptions {
  /** Failures allowed before any wait is imposed. */
  freeAttempts: number
  /** First wait, in milliseconds; doubles per further failure. */
  baseDelayMs: number
  maxDelayMs: number
  /** Failures older than this are forgotten. */
  windowMs: number
}

export const ACCOUNT_THROTTLE: ThrottleOptions = {
  freeAttempts: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 15 * 60_000,
}

/** Many people may share one address (an office, a VPN): allow more before slowing it. */
export const ADDRESS_THROTTLE: ThrottleOptions = { ...ACCOUNT_THROTTLE, freeAttempts: 20 }

interface Entry {
  failures: number
  lastFailureAt: number
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly options: ThrottleOptions) {}

  /** Milliseconds the caller must still wait before trying any of these keys (0 = go ahead). */
  waitFor(keys: string[], now: number): number {
    return Math.max(0, ...keys.map((key) => this.waitForKey(key, now)))
  }

  recordFailure(keys: string[], now: number): void {
    this.prune(now)
    for (const key of keys) {
      const entry = this.live(key, now)
      this.entries.set(key, { failures: (entry?.failures ?? 0) + 1, lastFailureAt: now })
    }
  }

  recordSuccess(keys: string[]): void {
    for (const key of keys) this.entries.delete(key)
  }

  private waitForKey(key: string, now: number): number {
    const entry = this.live(key, now)
    if (!entry || entry.failures < this.options.freeAttempts) return 0
    const exponent = entry.failures - this.options.freeAttempts
    const delay = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** exponent)
    return Math.max(0, entry.lastFailureAt + delay - now)
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key)
    return entry && now - entry.lastFailureAt < this.options.windowMs ? entry : undefined
  }

  // Bounded memory under a flood of distinct keys.
  private prune(now: number): void {
    if (this.entries.size < 10_000) return
    for (const [key, entry] of this.entries) {
      if (now - entry.lastFailureAt >= this.options.windowMs) this.entries.delete(key)
    }
  }
}
