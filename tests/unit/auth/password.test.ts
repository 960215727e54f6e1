import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '../../../server/auth/password'

const cheap = { N: 1024, r: 8, p: 1 }

describe('password hashing', () => {
  it('verifies the right password and rejects others', async () => {
    const hash = await hashPassword('correct horse battery', cheap)
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/)
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true)
    expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false)
  })

  it('salts every hash', async () => {
    expect(await hashPassword('same', cheap)).not.toBe(await hashPassword('same', cheap))
  })

  it('treats composed and decomposed accents as the same password', async () => {
    const hash = await hashPassword('café mañana', cheap)
    expect(await verifyPassword(hash, 'cafe\u0301 man\u0303ana')).toBe(true)
  })

  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('', 'x')).toBe(false)
    expect(await verifyPassword('bcrypt$x$y', 'x')).toBe(false)
    expect(await verifyPassword('scrypt$0$8$1$aa$bb', 'x')).toBe(false)
  })
})
