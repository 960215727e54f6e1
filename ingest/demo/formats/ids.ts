import { hashString } from '../random'

// Identifiers shaped like the platforms' own, derived from time and stable hashes so they
// sort the way the real ones do and never need a table to stay consistent.

const BASE32_SORTABLE = '234567abcdefghijklmnopqrstuvwxyz'
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'

/**
 * Mastodon's snowflake-like id: milliseconds since the epoch in the high bits and 16 low bits
 * that differ per status (and per instance, since every instance numbers statuses itself).
 */
export function snowflake(ms: number, low: number): string {
  return ((BigInt(Math.floor(ms)) << 16n) | BigInt(low & 0xffff)).toString()
}

/** Low bits for a status or account as numbered by one instance. */
export function localBits(key: number, host: string): number {
  return hashString(host, key) & 0xffff
}

/** An atproto TID (record key): microseconds and a clock id, base32-sortable, 13 characters. */
export function tid(ms: number, clock: number): string {
  let value = (BigInt(Math.floor(ms)) * 1000n + BigInt(clock % 1000)) << 10n | BigInt(clock & 0x3ff)
  let out = ''
  for (let i = 0; i < 13; i++) {
    out = BASE32_SORTABLE[Number(value & 31n)] + out
    value >>= 5n
  }
  return out
}

/** A string of base32 characters from a seed, for CIDs and DIDs. */
function base32(seed: number, length: number): string {
  let out = ''
  let state = seed >>> 0
  while (out.length < length) {
    state = hashString(String(out.length), state)
    for (let shift = 0; shift < 30 && out.length < length; shift += 5) out += BASE32[(state >>> shift) & 31]
  }
  return out
}

/** A CIDv1 as the AppView returns it for a dag-cbor record (sha-256, base32): 'bafyrei' + 52 characters. */
export function cid(seed: number): string {
  return `bafyrei${base32(seed, 52)}`
}

/** A did:plc identifier: 24 base32 characters. */
export function did(seed: number): string {
  return `did:plc:${base32(seed, 24)}`
}

/** Reddit's base-36 ids. */
export function base36(value: number): string {
  return Math.floor(value).toString(36)
}
