import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

// Apart from support.ts, which waits for the app's build: the global setup starts that build.
export const ROOT = resolve(import.meta.dirname, '../..')

export function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p))
}
