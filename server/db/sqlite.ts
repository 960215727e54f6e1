import Sqlite from 'better-sqlite3'

// Everything that only SQLite has lives here (pragmas, the online backup API and, later,
// FTS5), so the rest of the data layer stays dialect-neutral.

export type SqliteHandle = Sqlite.Database

export function openSqlite(file: string, options: { mustExist?: boolean } = {}): SqliteHandle {
  const sqlite = new Sqlite(file, { fileMustExist: options.mustExist ?? false })
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  // Scheduled ingest, the web server and the CLI share one file: wait for a lock rather
  // than failing at once.
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  // 64 MiB of page cache instead of SQLite's 2 MiB: past a few hundred thousand posts the
  // indexes an insert touches no longer fit in 2 MiB, and every batch re-reads them.
  sqlite.pragma('cache_size = -65536')
  return sqlite
}

export interface BackupProgress {
  totalPages: number
  remainingPages: number
}

/**
 * Copies a live database with SQLite's online backup API: consistent even while the server
 * writes, and the copy is a plain database (no WAL needed to open it).
 */
export async function backupSqlite(
  sqlite: SqliteHandle,
  destination: string,
  onProgress?: (progress: BackupProgress) => void,
): Promise<BackupProgress> {
  let last: BackupProgress = { totalPages: 0, remainingPages: 0 }
  await sqlite.backup(destination, {
    progress(info) {
      last = info
      onProgress?.(info)
      return 200
    },
  })
  return last
}
