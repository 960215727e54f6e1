import { constants, setPriority } from 'node:os'
import { type MessagePort, parentPort, workerData } from 'node:worker_threads'
import { Tagger } from './nlp/tagger'
import type { ParsePoolOptions } from './parse-pool'
import { repeatIsDuplicate } from './pipeline'
import { adapterFor } from './sources'
import type { NormalisedPost } from './types'

// Runs an adapter's import parsing, and the NLP pass when asked, off the main thread. Raw
// payloads go back already serialised: copying their object graphs between threads would cost
// the main thread what was saved.
interface Job { id: number, kind: string, body: Uint8Array, origin: string, now: string }

// The main thread stores what the workers parse, one batch after another: it is the stage that
// cannot be shared out. On Linux a thread's nice value is its own, so the workers give way to it
// whenever both want a core, and use what it leaves.
if (process.platform === 'linux') setPriority(0, constants.priority.PRIORITY_BELOW_NORMAL)
const { nlp, storedInOrder, pages } = workerData as ParsePoolOptions & { pages: MessagePort }
const tagger = nlp ? Tagger.create(nlp) : null
// The posts this worker has parsed, by platform and external id. Bounded: past the limit it
// starts afresh, and a repeat is merely tagged again.
const PARSED_LIMIT = 1_000_000
const parsed = storedInOrder ? new Set<string>() : null

function isRepeat(post: Pick<NormalisedPost, 'platform' | 'externalId'>): boolean {
  if (!parsed || !repeatIsDuplicate(post)) return false
  const key = `${post.platform}\u0000${post.externalId}`
  if (parsed.has(key)) return true
  if (parsed.size >= PARSED_LIMIT) parsed.clear()
  parsed.add(key)
  return false
}

// One job at a time, in arrival order, whatever the tagger's start-up takes.
let queue: Promise<void> = Promise.resolve()

async function handle(job: Job): Promise<void> {
  try {
    const body = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength)
    const page = adapterFor(job.kind).importPayload!(body, { origin: job.origin, now: new Date(job.now) })
    const tagging = tagger ? await tagger : null
    const repeats = tagging ? page.posts.map(isRepeat) : null
    const tags = tagging ? page.posts.map((post, i) => (repeats![i] ? null : tagging.tag(post))) : undefined
    page.posts.forEach((post, i) => {
      post.rawJson = repeats?.[i] ? undefined : JSON.stringify(post.raw)
      post.raw = null
    })
    // The page first, on its own channel, so that it is there when the notice of it arrives.
    pages.postMessage({ id: job.id, page: { ...page, tags } })
    parentPort!.postMessage({ id: job.id })
  }
  catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).message })
  }
}

parentPort?.on('message', (job: Job) => {
  queue = queue.then(() => handle(job))
})
