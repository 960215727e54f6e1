// Worker entry: registers the TypeScript loader in this thread, then loads the parser.
import { register } from 'tsx/esm/api'

register()
await import('./parse-worker.ts')
