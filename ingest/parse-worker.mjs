// Worker entry: registers the TypeScript loader in this thread, then loads the parser.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
// The language model's data first, while this thread's heap is nearly empty: each step of
// loading it makes V8 collect the whole heap (ingest/nlp/lang/lingua.ts, preloadModels).
if (workerData?.nlp) await (await import('./nlp/lang/index.ts')).preloadLanguageModels(workerData.nlp.languages)
await import('./parse-worker.ts')
