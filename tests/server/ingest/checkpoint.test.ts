import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import Sqlite from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { checkpointInBackground } from '../../../server/db/checkpointer'
import { openSqlite } from '../../../server/db/sqlite'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

function database() {
  dir = mkdtempSync(join(tmpdir(), 'chorus-checkpoint-'))
  const file = join(dir, 'chorus.db')
  const sqlite = openSqlite(file)
  sqlite.exec('create table rows (id integer primary key, body text not null)')
  const insert = sqlite.prepare('insert into rows (body) values (?)')
  const batch = sqlite.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(`row ${i} `.repeat(20))
  })
  return { file, sqlite, batch }
}

async function until(condition: () => boolean, ms = 5000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (condition()) return true
  return condition()
}

describe('checkpoints in the background during a bulk import', () => {
  it('copies committed pages into the database file while the writer goes on, then hands checkpoints back', async () => {
    const { file, sqlite, batch } = database()
    const before = statSync(file).size
    const checkpoint = checkpointInBackground(sqlite, 10)
    // The writer no longer checkpoints on commit...
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    for (let i = 0; i < 10; i++) batch(500)
    // ...yet the pages it committed reach the database file, copied by the other thread.
    expect(await until(() => statSync(file).size > before + 500_000)).toBe(true)
    batch(500)
    await checkpoint.stop()
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
    // Everything committed is in the database file itself: the log holds nothing left to copy.
    const [state] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number, checkpointed: number }[]
    expect(state!.checkpointed).toBe(state!.log)
    sqlite.close()
    const reader = new Sqlite(file, { readonly: true })
    expect(reader.prepare('select count(*) from rows').pluck().get()).toBe(5500)
    reader.close()
  })

  it('does nothing for a database in memory, which has no log', async () => {
    const sqlite = openSqlite(':memory:')
    const checkpoint = checkpointInBackground(sqlite)
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
    await checkpoint.stop()
    sqlite.close()
  })
})
