// Worker entry for server/db/checkpointer.ts: its own connection to the database file, copying
// committed pages from the write-ahead log into the database until it is told to stop.
import { setTimeout as sleep } from 'node:timers/promises'
import { parentPort, workerData } from 'node:worker_threads'
import Sqlite from 'better-sqlite3'

const { file, intervalMs } = workerData
const sqlite = new Sqlite(file, { fileMustExist: true })
sqlite.pragma('busy_timeout = 5000')
sqlite.pragma('synchronous = NORMAL')
let stopping = false
parentPort.on('message', (message) => {
  if (message === 'stop') stopping = true
})
try {
  while (!stopping) {
    // PASSIVE never waits for the writer: it copies what was committed so far and returns.
    sqlite.pragma('wal_checkpoint(PASSIVE)')
    await sleep(intervalMs)
  }
}
// A failure propagates: the main thread sees the worker's 'error' event.
finally {
  sqlite.close()
  // The message listener would otherwise keep this thread alive.
  parentPort.close()
}
