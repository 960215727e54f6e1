import { defineCommand } from 'citty'
import { spawn } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { createAccount } from '../../auth/accounts'
import { ROLES } from '../../../shared/roles'
import { findUserByEmail } from '../../db/repositories/users'
import { migrateToLatest } from '../../db/migrations'
import { ensureBuilt } from '../build'
import { DEMO_DB_FILE, openOrCreate } from '../db'
import { loadDemoCorpus } from '../demo-corpus'
import { sessionSecret } from '../secret'

export const DEMO_PASSWORD = 'chorus-demo'
export const demoEmail = (role: string) => `${role}@example.org`
const DEMO_ACTOR = { id: null, label: 'demo' }

/** The four demo accounts, one per role; existing ones are left as they are. */
export async function seedDemoUsers(file: string): Promise<void> {
  const { db, sqlite } = openOrCreate(file)
  try {
    await migrateToLatest(db)
    for (const role of ROLES) {
      if (await findUserByEmail(db, demoEmail(role))) continue
      await createAccount(db, DEMO_ACTOR, { email: demoEmail(role), role, password: DEMO_PASSWORD })
    }
  }
  finally {
    sqlite.close()
  }
}

/** Loads the demo corpus into a database that holds no posts yet. */
async function seedDemoCorpus(file: string, posts: number, seed: number | undefined): Promise<void> {
  const { db, sqlite } = openOrCreate(file)
  try {
    const any = await db.selectFrom('posts').select('id').limit(1).executeTakeFirst()
    if (any) return
    await loadDemoCorpus(db, sqlite, resolve(dirname(file), 'demo-corpus'), { posts, seed })
  }
  finally {
    sqlite.close()
  }
}

export default defineCommand({
  meta: { name: 'demo', description: `Build if needed, prepare ${DEMO_DB_FILE} with demo accounts, and serve Chorus` },
  args: {
    port: { type: 'string', description: 'Port to serve on (default: $PORT, else 3000)' },
    posts: { type: 'string', description: 'Size of the demo corpus loaded on first start (default 50000)', default: '50000' },
    seed: { type: 'string', description: 'Seed of the demo corpus (same seed, same corpus)' },
    db: { type: 'string', description: `Database file (default ${DEMO_DB_FILE})` },
  },
  async run({ args }) {
    const root = process.cwd()
    const port = args.port || process.env.PORT || '3000'
    const dbFile = args.db || DEMO_DB_FILE
    const posts = Number(args.posts)
    if (!Number.isInteger(posts) || posts < 100) throw new Error('--posts needs a whole number of at least 100')
    const entry = ensureBuilt(root)
    await seedDemoUsers(dbFile)
    await seedDemoCorpus(dbFile, posts, args.seed ? Number(args.seed) : undefined)
    const secret = sessionSecret(resolve(root, 'data/session-secret'))

    console.log(`
Chorus demo: http://localhost:${port}
  database  ${resolve(dbFile)}
  sign in with any of these (password: ${DEMO_PASSWORD})
${ROLES.map((role) => `    ${demoEmail(role).padEnd(22)} ${role}`).join('\n')}
Press Ctrl+C to stop.
`)
    const server = spawn(process.execPath, [entry], {
      stdio: 'inherit',
      env: { ...process.env, PORT: port, CHORUS_DB: dbFile, NUXT_SESSION_PASSWORD: secret },
    })
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
    await new Promise<void>((done) => server.on('exit', (code) => {
      process.exitCode = code ?? 0
      done()
    }))
  },
})
