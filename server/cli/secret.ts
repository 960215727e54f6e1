import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/** The cookie-sealing secret: NUXT_SESSION_PASSWORD if set, else one kept in the data folder. */
export function sessionSecret(file: string): string {
  const fromEnv = process.env.NUXT_SESSION_PASSWORD
  if (fromEnv && fromEnv.length >= 32) return fromEnv
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim()
    if (kept.length >= 32) return kept
  }
  mkdirSync(dirname(file), { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  return secret
}
