import { defineCommand } from 'citty'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { backupSqlite } from '../../db/sqlite'
import { CliError, dbArg, openExisting } from '../db'
import { progressLine } from '../progress'

export default defineCommand({
  meta: { name: 'backup', description: 'Copy the live database to a file (safe while Chorus runs)' },
  args: {
    file: { type: 'positional', description: 'Where to write the copy', required: true },
    force: { type: 'boolean', description: 'Overwrite the file if it exists' },
    ...dbArg,
  },
  async run({ args }) {
    const target = resolve(args.file)
    if (existsSync(target) && !args.force) throw new CliError(`${target} exists: choose another file or pass --force`)
    const { sqlite } = await openExisting(args.db)
    const progress = progressLine('backup')
    try {
      const done = await backupSqlite(sqlite, target, ({ totalPages, remainingPages }) =>
        progress.update(totalPages - remainingPages, totalPages, 'pages'))
      progress.done(`wrote ${target} (${done.totalPages} pages)`)
    }
    catch (error) {
      throw new CliError(`backup to ${target} failed: ${(error as Error).message}`)
    }
    finally {
      sqlite.close()
    }
  },
})
