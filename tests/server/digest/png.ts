import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// Reading the size of a PNG from its header, and keeping the pictures a test made where a
// person can look at them (the folder is ignored by git).

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export function isPng(data: Buffer): boolean {
  return data.subarray(0, 8).equals(SIGNATURE)
}

/** Width and height from the IHDR chunk, which a PNG must start with. */
export function pngSize(data: Buffer): { width: number, height: number } {
  if (!isPng(data) || data.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG')
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) }
}

export const OUT = join(import.meta.dirname, 'out')

export function keep(name: string, content: string | Buffer): void {
  mkdirSync(OUT, { recursive: true })
  writeFileSync(join(OUT, name), content)
}
