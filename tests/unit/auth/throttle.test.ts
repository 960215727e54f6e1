import { describe, expect, it } from 'vitest'
import { LoginThrottle } from '../../../server/auth/throttle'

const options = { freeAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, windowMs: 60_000 }
const keys = ['email:a@example.org', 'ip:10.0.0.1']

describe('LoginThrottle', () => {
  it('lets the first failures through without waiting', () => {
    const throttle = new LoginThrottle(options)
    throttle.recordFailure(keys, 0)
    throttle.recordFailure(keys, 0)
    expect(throttle.waitFor(keys, 0)).toBe(0)
  })

  it('imposes a wait that doubles with each further failure, up to the cap', () => {
    const throttle = new LoginThrottle(options)
    const waits: number[] = []
    for (let i = 0; i < 7; i++) {
      throttle.recordFailure(keys, 0)
      waits.push(throttle.waitFor(keys, 0))
    }
    expect(waits).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000, 8_000])
  })

  it('counts an address across accounts', () => {
    const throttle = new LoginThrottle(options)
    for (const email of ['a', 'b', 'c']) throttle.recordFailure([`email:${email}`, 'ip:1.2.3.4'], 0)
    expect(throttle.waitFor(['email:d', 'ip:1.2.3.4'], 0)).toBe(1_000)
    expect(throttle.waitFor(['email:d', 'ip:5.6.7.8'], 0)).toBe(0)
  })

  it('forgets failures after the window and on success', () => {
    const throttle = new LoginThrottle(options)
    for (let i = 0; i < 3; i++) throttle.recordFailure(keys, 0)
    expect(throttle.waitFor(keys, 500)).toBe(500)
    expect(throttle.waitFor(keys, 60_000)).toBe(0)
    for (let i = 0; i < 3; i++) throttle.recordFailure(keys, 70_000)
    throttle.recordSuccess(keys)
    expect(throttle.waitFor(keys, 70_000)).toBe(0)
  })
})
