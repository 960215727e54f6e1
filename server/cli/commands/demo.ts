import { defineCommand } from 'citty'
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { createAccount } from '../../auth/accounts'
import { ROLES } from '../../../shared/roles'
import { findUserByEmail } from '../../db/repositories/users'
import { migrateToLatest } from '../../db/migrations'
import { ensureBuilt } from '../build'
import { DEMO_DB_FILE, openOrCreate } from '../db'
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

export default defineCommand({
  meta: { name: 'demo', description: `Build if needed, prepare ${DEMO_DB_FILE} with demo accounts, and serve Chorus` },
  args: {
    port: { type: 'string', description: 'Port to serve on (default: $PORT, else 3000)' },
  },
  async run({ args }) {
    const root = process.cwd()
    const port = args.port || process.env.PORT || '3000'
    const entry = ensureBuilt(root)
    await seedDemoUsers(DEMO_DB_FILE)
    const secret = sessionSecret(resolve(root, 'data/session-secret'))

    console.log(`
Chorus demo: http://localhost:${port}
  database  ${resolve(DEMO_DB_FILE)}
  sign in with any of these (password: ${DEMO_PASSWORD})
${ROLES.map((role) => `    ${demoEmail(role).padEnd(22)} ${role}`).join('\n')}
Press Ctrl+C to stop.
`)
    const server = spawn(process.execPath, [entry], {
      stdio: 'inherit',
      env: { ...process.env, PORT: port, CHORUS_DB: DEMO_DB_FILE, NUXT_SESSION_PASSWORD: secret },
    })
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
    await new Promise<void>((done) => server.on('exit', (code) => {
      process.exitCode = code ?? 0
      done()
    }))
  },
})
