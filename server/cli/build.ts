import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

// What goes into the built app. When the fingerprint of these differs from the one recorded
// beside the last build, the app is built again.
const SOURCE_DIRS = ['assets', 'components', 'composables', 'i18n', 'ingest', 'middleware', 'pages', 'plugins', 'public', 'server', 'shared', 'stores']
const SOURCE_FILES = ['app.vue', 'error.vue', 'app.config.ts', 'nuxt.config.ts', 'package.json']
const STAMP = '.output/chorus-build.json'
const SERVER_ENTRY = '.output/server/index.mjs'

function filesUnder(root: string, dir: string): string[] {
  const path = join(root, dir)
  if (!existsSync(path)) return []
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((name) => statSync(join(root, name)).isFile())
}

export function sourceFingerprint(root: string): string {
  const files = [...SOURCE_DIRS.flatMap((dir) => filesUnder(root, dir)), ...SOURCE_FILES.filter((f) => existsSync(join(root, f)))]
    .sort()
  const hash = createHash('sha256')
  for (const file of files) hash.update(relative(root, join(root, file))).update('\0').update(readFileSync(join(root, file))).update('\0')
  return hash.digest('hex')
}

export function isBuildCurrent(root: string): boolean {
  if (!existsSync(join(root, SERVER_ENTRY)) || !existsSync(join(root, STAMP))) return false
  try {
    return JSON.parse(readFileSync(join(root, STAMP), 'utf8')).fingerprint === sourceFingerprint(root)
  }
  catch {
    return false
  }
}

/** Builds the app unless the last build is of the same sources. Returns the server entry. */
export function ensureBuilt(root: string, log = (line: string) => console.log(line)): string {
  if (isBuildCurrent(root)) return join(root, SERVER_ENTRY)
  log('chorus: building the app (about a minute and a half on two cores)…')
  const fingerprint = sourceFingerprint(root)
  const result = spawnSync(process.execPath, [join(root, 'node_modules/nuxt/bin/nuxt.mjs'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NUXT_TELEMETRY_DISABLED: '1' },
  })
  if (result.status !== 0) throw new Error(`the build failed (exit ${result.status ?? result.signal})`)
  writeFileSync(join(root, STAMP), JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }))
  return join(root, SERVER_ENTRY)
}
