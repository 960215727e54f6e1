import { createDb, DEFAULT_DB_FILE, type OpenedDb } from '../db'

let opened: OpenedDb | undefined

/** The server's one database connection, opened on first use from CHORUS_DB. */
export function useDb(): OpenedDb {
  opened ??= createDb(process.env.CHORUS_DB || DEFAULT_DB_FILE)
  return opened
}

export function closeDb(): void {
  opened?.sqlite.close()
  opened = undefined
}
