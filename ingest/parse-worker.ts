import { parentPort } from 'node:worker_threads'
import { adapterFor } from './sources'

// Runs an adapter's import parsing off the main thread. Raw payloads go back already serialised:
// copying their object graphs between threads would cost the main thread what was saved.
interface Job { id: number, kind: string, body: Uint8Array, origin: string, now: string }

parentPort?.on('message', (job: Job) => {
  try {
    const body = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength)
    const page = adapterFor(job.kind).importPayload!(body, { origin: job.origin, now: new Date(job.now) })
    for (const post of page.posts) {
      post.rawJson = JSON.stringify(post.raw)
      post.raw = null
    }
    parentPort!.postMessage({ id: job.id, page })
  }
  catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).message })
  }
})
