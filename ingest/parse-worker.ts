import { constants, setPriority } from 'node:os'
import { type MessagePort, parentPort, workerData } from 'node:worker_threads'
import { Tagger } from './nlp/tagger'
import type { ParsePoolOptions } from './parse-pool'
import { repeatIsDuplicate } from './pipeline'
import { SeenPosts } from './seen-posts'
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
const { nlp, pages, seen: seenMemory } = workerData as ParsePoolOptions & { pages: MessagePort, seen?: SharedArrayBuffer }
const tagger = nlp ? Tagger.create(nlp) : null
// Shared with the pool's other workers when pages are stored in order (ParsePool).
const seen = seenMemory ? new SeenPosts(seenMemory) : null

function isRepeat(post: Pick<NormalisedPost, 'platform' | 'externalId'>, job: number): boolean {
  if (!seen || !repeatIsDuplicate(post)) return false
  return seen.seenBefore(`${post.platform}\u0000${post.externalId}`, job)
}

// One job at a time, in arrival order, whatever the tagger's start-up takes.
let queue: Promise<void> = Promise.resolve()

async function handle(job: Job): Promise<void> {
  try {
    const body = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength)
    const page = adapterFor(job.kind).importPayload!(body, { origin: job.origin, now: new Date(job.now) })
    const tagging = tagger ? await tagger : null
    const repeats = tagging ? page.posts.map((post) => isRepeat(post, job.id)) : null
    const tags = tagging ? tagging.tagPage(page.posts, repeats!) : undefined
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
