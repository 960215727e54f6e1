import { mix32 } from './hash'

// Which posts a bulk import's parse workers have parsed, and in which job, in memory that all of
// them share. A post whose first sighting was in an earlier job is stored by the time its repeat
// is (ParsePool's `storedInOrder`), so the repeat need not be tagged. With a set per worker, a
// worker missed the repeats of posts the other had parsed: half of them, about one demo post in
// twenty, each tagged and sent to the writer for nothing.
//
// An open-addressing table of 64-bit key hashes with the earliest job that saw each, written
// with atomic operations so that two workers can claim slots at once. Every doubt answers "not
// seen before", which only costs a post tagged again: a slot half written by the other worker,
// a table three-quarters full. Two different posts would have to share all 64 bits to be
// confused, less than one chance in 30 million for an import of a million posts; the writer refuses a
// post that came untagged yet was new, so even that could not store a post without its tags.

const SLOT = 3 // first hash, second hash, job + 1; 0 marks an empty field
const COUNT = 0 // the number of slots claimed, kept in the table's first field

export class SeenPosts {
  private readonly table: Int32Array
  private readonly slots: number
  private readonly limit: number

  /** Memory for a table of `slots` posts (a power of two), to share between workers. */
  static memory(slots = 1 << 21): SharedArrayBuffer {
    if (slots <= 0 || (slots & (slots - 1)) !== 0) throw new Error(`slots must be a power of two, not ${slots}`)
    return new SharedArrayBuffer((1 + slots * SLOT) * Int32Array.BYTES_PER_ELEMENT)
  }

  constructor(memory: SharedArrayBuffer) {
    this.table = new Int32Array(memory)
    this.slots = (this.table.length - 1) / SLOT
    this.limit = Math.floor(this.slots * 0.75)
  }

  /**
   * Records that job `job` holds the post with this key, and answers whether a job before it,
   * or this job earlier in its page, held it already.
   */
  seenBefore(key: string, job: number): boolean {
    const table = this.table
    const [first, second] = hashes(key)
    const mask = this.slots - 1
    for (let probe = 0, slot = first & mask; probe < this.slots; probe++, slot = (slot + 1) & mask) {
      const at = 1 + slot * SLOT
      let owner = Atomics.load(table, at)
      if (owner === 0) {
        if (Atomics.load(table, COUNT) >= this.limit) return false
        owner = Atomics.compareExchange(table, at, 0, first)
        if (owner === 0) {
          Atomics.add(table, COUNT, 1)
          Atomics.store(table, at + 1, second)
          Atomics.store(table, at + 2, job + 1)
          return false
        }
      }
      if (owner !== first) continue
      const other = Atomics.load(table, at + 1)
      // Claimed by the other worker, not yet written: whose it is cannot be told yet.
      if (other === 0) return false
      if (other !== second) continue
      return this.earliest(at + 2, job)
    }
    return false
  }

  /** Keeps the earlier of the recorded job and this one; whether the recorded one was as early. */
  private earliest(at: number, job: number): boolean {
    const table = this.table
    for (;;) {
      const recorded = Atomics.load(table, at)
      if (recorded === 0) return false
      if (recorded - 1 <= job) return true
      if (Atomics.compareExchange(table, at, recorded, job + 1) === recorded) return false
    }
  }
}

/** Two independent 32-bit hashes of the key, neither of them 0. */
function hashes(key: string): [number, number] {
  let a = 0x811C9DC5
  let b = 0x2545F491
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x5BD1E995)
    b ^= b >>> 13
  }
  return [mix32(a) || 1, mix32(b ^ key.length) || 1]
}
