import { defineCommand } from 'citty'
import { resolve } from 'node:path'
import { migrateToLatest } from '../../db/migrations'
import { dbArg, openOrCreate, resolveDbFile } from '../db'

export default defineCommand({
  meta: { name: 'migrate', description: 'Create the database or bring its schema up to date' },
  args: { ...dbArg },
  async run({ args }) {
    const file = resolveDbFile(args.db)
    const { db, sqlite } = openOrCreate(file)
    try {
      const result = await migrateToLatest(db)
      const applied = result.results?.filter((r) => r.status === 'Success') ?? []
      for (const migration of applied) console.log(`applied ${migration.migrationName}`)
      console.log(applied.length ? `${resolve(file)} is up to date` : `${resolve(file)} was already up to date`)
    }
    finally {
      sqlite.close()
    }
  },
})
