import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DEFAULT_DB_FILE } from '../db'
import { migrateToLatest } from '../db/migrations'

// Checks what the server cannot work without, then brings the schema up to date before the
// first request. A failure here stops the server with one clear line.
export default defineNitroPlugin(async (nitroApp) => {
  const secret = process.env.NUXT_SESSION_PASSWORD ?? ''
  if (secret.length < 32) {
    console.error('chorus: NUXT_SESSION_PASSWORD must be set to at least 32 characters (it seals session cookies)')
    process.exit(1)
  }
  const file = process.env.CHORUS_DB || DEFAULT_DB_FILE
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  try {
    const result = await migrateToLatest(useDb().db)
    const applied = result.results?.filter((r) => r.status === 'Success').length ?? 0
    if (applied > 0) console.info(`chorus: applied ${applied} migration(s) to ${file}`)
  }
  catch (error) {
    console.error(`chorus: cannot prepare the database ${file}: ${(error as Error).message}`)
    process.exit(1)
  }
  nitroApp.hooks.hook('close', () => closeDb())
})
