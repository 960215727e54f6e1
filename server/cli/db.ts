import { existsSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { createDb, DEFAULT_DB_FILE, type OpenedDb } from '../db'
import { migrateToLatest } from '../db/migrations'
import { languagesFromEnv, NlpService } from '../../ingest/nlp/service'
import type { BatchTagger } from '../../ingest/pipeline'

export const DEMO_DB_FILE = './data/demo.db'

export const dbArg = {
  db: { type: 'string', description: `SQLite file (default: $CHORUS_DB, else ${DEFAULT_DB_FILE})`, valueHint: 'file' },
} as const

export class CliError extends Error {}

/**
 * Which database a command works on: --db, then CHORUS_DB, then the default file. When none
 * is named and only the demo's database exists, that one is used (and said), so commands run
 * beside `npm run demo` reach the running demo.
 */
export function resolveDbFile(flag: string | undefined, log = (line: string) => console.error(line)): string {
  const named = flag || process.env.CHORUS_DB
  if (named) return named
  if (!existsSync(DEFAULT_DB_FILE) && existsSync(DEMO_DB_FILE)) {
    log(`chorus: using the demo database ${DEMO_DB_FILE} (set CHORUS_DB or --db to choose another)`)
    return DEMO_DB_FILE
  }
  return DEFAULT_DB_FILE
}

/** Opens an existing database and brings its schema up to date. */
export async function openExisting(flag: string | undefined): Promise<OpenedDb> {
  const file = resolveDbFile(flag)
  if (file !== ':memory:' && !existsSync(file)) {
    throw new CliError(`no database at ${resolve(file)}: run \`chorus migrate\` to create it, or set CHORUS_DB`)
  }
  const opened = createDb(file, { mustExist: true })
  await migrateToLatest(opened.db)
  return opened
}

export function openOrCreate(file: string): OpenedDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  return createDb(file)
}

/** The NLP pass for CLI ingest and import: the same tagger the server runs, with the stored topics. */
export async function cliTagger(db: OpenedDb['db']): Promise<BatchTagger> {
  const nlp = new NlpService(db, { languages: languagesFromEnv() })
  await nlp.ready()
  return nlp.tagBatch
}
