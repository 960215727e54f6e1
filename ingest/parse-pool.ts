import { availableParallelism } from 'node:os'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import type { TaggerOptions } from './nlp/tagger'
import type { PageTags } from './pipeline'
import type { Page } from './types'
import { SeenPosts } from './seen-posts'
import { bundledWorker } from './worker-bundle'

/** A parsed page, with its posts' tags when the pool runs the NLP pass. */
export interface ParsedPage extends Page {
  tags?: PageTags
}

/** A page parsed and waiting, still serialised, in its worker's channel until taken. */
export interface ParsedLater {
  take(): ParsedPage
}

export interface ParsePoolOptions {
  /** Tag every page in the workers too, with these topics and languages. */
  nlp?: TaggerOptions
  /**
   * The caller stores every page, in the order given, and gives up at the first failure, as a
   * bulk import does. A post the pool parsed in an earlier page is then stored by the time its
   * repeat is (when a repeat is sure to be a duplicate: repeatIsDuplicate), so the repeat comes
   * back untagged (null tags) and without its raw payload, whichever worker parsed either.
   * Overlapping pages of one timeline make about a tenth of the demo corpus repeats.
   */
  storedInOrder?: boolean
}

// Parsing wire formats is the costliest step of a bulk import. A pool of worker threads parses
// the next files while the main thread stores the current one, in the order they were given.
// The pool serves the CLI and the benchmark; the server parses in-line, its sources being
// network-bound.

interface Pending {
  resolve: (page: ParsedLater) => void
  reject: (error: Error) => void
}

/**
 * One worker, and the channel its pages come back on. The channel is never started: a page
 * stays serialised in its queue, outside the JS heap, until the caller takes it. A bulk import
 * keeps 256 pages parsed ahead; rebuilt on arrival they waited a second or two for their turn,
 * long enough to be copied by every young-generation collection meanwhile, and those copies
 * were nearly a third of the storing thread's time.
 */
class PoolWorker {
  readonly worker: Worker
  private readonly pages: MessagePort
  /** Pages taken off the channel to reach a later one, by job id. */
  private readonly early = new Map<number, ParsedPage>()

  constructor(options: ParsePoolOptions, seen: SharedArrayBuffer | undefined, onMessage: (message: { id: number, error?: string }) => void, onError: (error: Error) => void) {
    const { port1, port2 } = new MessageChannel()
    this.pages = port1
    this.worker = new Worker(bundledWorker(new URL('./parse-worker-entry.ts', import.meta.url)), {
      workerData: { ...options, pages: port2, seen },
      transferList: [port2],
      // None of the parent's options: `--import tsx` would start a module loader for a bundle
      // that needs none, and V8's flags are the whole process's already.
      execArgv: [],
    })
    this.worker.on('message', onMessage)
    this.worker.on('error', onError)
  }

  take(id: number): ParsedPage {
    for (;;) {
      const early = this.early.get(id)
      if (early) {
        this.early.delete(id)
        return early
      }
      const received = receiveMessageOnPort(this.pages)?.message as { id: number, page: ParsedPage } | undefined
      if (received === undefined) throw new Error(`parsed page ${id} was taken twice, or never sent`)
      if (received.id === id) return received.page
      this.early.set(received.id, received.page)
    }
  }

  async close(): Promise<void> {
    await this.worker.terminate()
    this.pages.close()
  }
}

export class ParsePool {
  private readonly workers: PoolWorker[]
  private readonly pending = new Map<number, Pending>()
  private next = 0

  constructor(size = availableParallelism(), options: ParsePoolOptions = {}) {
    // The pages' order is the jobs' order: what the workers have seen, by job, tells a repeat.
    const seen = options.storedInOrder && options.nlp ? SeenPosts.memory() : undefined
    this.workers = Array.from({ length: size }, () => {
      const worker: PoolWorker = new PoolWorker(options, seen, (message) => {
        const job = this.pending.get(message.id)
        if (!job) return
        this.pending.delete(message.id)
        if (message.error === undefined) job.resolve({ take: () => worker.take(message.id) })
        else job.reject(new Error(message.error || 'the parser stopped'))
      }, (error) => this.failAll(error))
      return worker
    })
  }

  /** Parses one saved payload with the adapter of `kind`. */
  async parse(kind: string, body: Buffer, origin: string, now: Date): Promise<ParsedPage> {
    return (await this.parseLater(kind, body, origin, now)).take()
  }

  /**
   * Parses one saved payload, and resolves once it is parsed with a handle that rebuilds the
   * page when taken: for a caller that keeps many pages parsed ahead of their turn.
   */
  parseLater(kind: string, body: Buffer, origin: string, now: Date): Promise<ParsedLater> {
    const id = this.next++
    return new Promise<ParsedLater>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.workers[id % this.workers.length]!.worker.postMessage({ id, kind, body, origin, now: now.toISOString() })
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()))
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error)
    this.pending.clear()
  }
}

/**
 * Parses items with up to `ahead` in flight, handing each page to `store` in the original
 * order, one at a time. `store` may hold the main thread for a while (committing a batch of
 * thousands of posts takes up to a second): the workers need that much work queued, or a core
 * idles meanwhile. 256 demo files are about 17,000 posts; with 64, 6-7 % of two cores idled
 * in the ingest benchmark, with 256 about 3 %.
 */
export async function parseInOrder<T, P = Page>(
  items: Iterable<T>,
  parse: (item: T) => Promise<P>,
  store: (item: T, page: P) => void,
  ahead = 256,
): Promise<void> {
  const queue: { item: T, page: Promise<P> }[] = []
  for (const item of items) {
    const page = parse(item)
    // A failure is reported when its turn comes, not as an unhandled rejection before.
    page.catch(() => {})
    queue.push({ item, page })
    if (queue.length >= ahead) {
      const head = queue.shift()!
      store(head.item, await head.page)
    }
  }
  for (const head of queue) store(head.item, await head.page)
}
