import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely'
import type { Database } from './schema'
import { openSqlite, type SqliteHandle } from './sqlite'

export type Db = Kysely<Database>

export interface OpenedDb {
  db: Db
  sqlite: SqliteHandle
}

export function createDb(file: string, options: { mustExist?: boolean } = {}): OpenedDb {
  const sqlite = openSqlite(file, options)
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  })
  return { db, sqlite }
}

export const DEFAULT_DB_FILE = './data/chorus.db'
