import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// scrypt from Node's own crypto, stored as a self-describing string so the cost can be raised
// later without invalidating existing hashes: scrypt$N$r$p$salt$hash (base64url).
const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 }
const KEY_LENGTH = 64
// The default maxmem (32 MiB) is exactly what N=2^15, r=8 needs, which scrypt rejects.
const MAX_MEMORY = 64 * 1024 * 1024


function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (err, key) =>
      err ? reject(err) : resolve(key))
  })
}

export async function hashPassword(password: string, cost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, cost)
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number)
  if (!N || !r || !p) return false
  const expected = Buffer.from(parts[5]!, 'base64url')
  const actual = await derive(password, Buffer.from(parts[4]!, 'base64url'), { N, r, p })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** A hash that matches nothing, verified against for unknown e-mails so timing tells nothing. */
let decoy: Promise<string> | undefined
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(24).toString('base64url'))
  return decoy
}
