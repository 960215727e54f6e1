// A parse worker's entry, bundled by ingest/worker-bundle.ts.
import { workerData } from 'node:worker_threads'

// The language model's data first, while this thread's heap is nearly empty: each step of
// loading it makes V8 collect the whole heap (ingest/nlp/lang/lingua.ts, preloadModels).
if (workerData?.nlp) await (await import('./nlp/lang')).preloadLanguageModels(workerData.nlp.languages)
await import('./parse-worker')
