import { constants, setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { Tagger, type TaggerOptions } from './nlp/tagger'
import { adapterFor } from './sources'

// Runs an adapter's import parsing, and the NLP pass when asked, off the main thread. Raw
// payloads go back already serialised: copying their object graphs between threads would cost
// the main thread what was saved.
interface Job { id: number, kind: string, body: Uint8Array, origin: string, now: string }

// The main thread stores what the workers parse, one batch after another: it is the stage that
// cannot be shared out. On Linux a thread's nice value is its own, so the workers give way to it
// whenever both want a core, and use what it leaves.
if (process.platform === 'linux') setPriority(0, constants.priority.PRIORITY_BELOW_NORMAL)
const nlp = (workerData as { nlp?: TaggerOptions } | undefined)?.nlp
const tagger = nlp ? Tagger.create(nlp) : null
// One job at a time, in arrival order, whatever the tagger's start-up takes.
let queue: Promise<void> = Promise.resolve()

async function handle(job: Job): Promise<void> {
  try {
    const body = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength)
    const page = adapterFor(job.kind).importPayload!(body, { origin: job.origin, now: new Date(job.now) })
    const tags = tagger ? (await tagger).tagBatch(page.posts) : undefined
    for (const post of page.posts) {
      post.rawJson = JSON.stringify(post.raw)
      post.raw = null
    }
    parentPort!.postMessage({ id: job.id, page: { ...page, tags } })
  }
  catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).message })
  }
}

parentPort?.on('message', (job: Job) => {
  queue = queue.then(() => handle(job))
})
