/**
 * MurmurHash3's 32-bit finaliser: every bit of the input moves every bit of the result. The
 * result is a signed 32-bit integer, as Math.imul gives; `>>> 0` makes it unsigned.
 */
export function mix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85EBCA6B)
  h ^= h >>> 13
  h = Math.imul(h, 0xC2B2AE35)
  return h ^ (h >>> 16)
}
