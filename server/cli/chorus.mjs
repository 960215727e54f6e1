#!/usr/bin/env -S node --single-threaded-gc
// The `chorus` command. The CLI shares its TypeScript with the server; tsx loads it directly.
// V8 collects garbage on the thread that made it (the flag above, also in package.json's
// scripts): a bulk import keeps both cores busy with the writer and its parse workers, and V8's
// helper threads for parallel and concurrent collection only competed with them. A million demo
// posts took 164-166 s with the flag and 175-200 s without (npm run bench:ingest).
import { register } from 'tsx/esm/api'

register()
await import('./main.ts')
