import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join, relative } from 'node:path'

// What goes into the built app. When the fingerprint of these differs from the one recorded
// beside the last build, the app is built again.
const SOURCE_DIRS = ['assets', 'components', 'composables', 'i18n', 'ingest', 'middleware', 'pages', 'plugins', 'public', 'server', 'shared', 'stores']
const SOURCE_FILES = ['app.vue', 'error.vue', 'app.config.ts', 'nuxt.config.ts', 'package.json']
const STAMP = '.output/chorus-build.json'
const SERVER_ENTRY = '.output/server/index.mjs'
// Held, with its holder's pid, while a build runs; outside .output, which the build empties first.
const LOCK = '.chorus-build.lock'
// Where a build started by `buildInBackground` writes its output.
const BACKGROUND_LOG = '.chorus-build.log'

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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  }
  catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The pid of the live process building the app, if one is; a lock its dead holder left is removed. */
export function buildUnderWay(root: string): number | undefined {
  let pid: number
  try {
    pid = Number(readFileSync(join(root, LOCK), 'utf8'))
  }
  catch {
    return undefined
  }
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return pid
  rmSync(join(root, LOCK), { force: true })
  return undefined
}

function takeLock(root: string): boolean {
  let fd: number
  try {
    fd = openSync(join(root, LOCK), 'wx')
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  writeSync(fd, String(process.pid))
  closeSync(fd)
  return true
}

const releaseLock = (root: string) => rmSync(join(root, LOCK), { force: true })

function nuxtBuild(root: string): string[] {
  return [join(root, 'node_modules/nuxt/bin/nuxt.mjs'), 'build']
}

const buildEnv = () => ({ ...process.env, NUXT_TELEMETRY_DISABLED: '1' })

const stamp = (root: string, fingerprint: string) =>
  writeFileSync(join(root, STAMP), JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }))

/**
 * Builds the app unless the last build is of the same sources, and returns the server entry.
 * While another process builds it (two commands started together, or a background build), it
 * waits for that build instead of starting a second one in the same directory.
 */
export function ensureBuilt(root: string, log = (line: string) => console.log(line)): string {
  let waiting = false
  for (;;) {
    if (isBuildCurrent(root)) return join(root, SERVER_ENTRY)
    const holder = buildUnderWay(root)
    if (holder !== undefined) {
      if (!waiting) log(`chorus: waiting for the build that process ${holder} is running…`)
      waiting = true
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000)
      continue
    }
    if (!takeLock(root)) continue
    try {
      log('chorus: building the app (about a minute and a half on two cores)…')
      const fingerprint = sourceFingerprint(root)
      const result = spawnSync(process.execPath, nuxtBuild(root), { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: buildEnv() })
      if (result.status !== 0) throw new Error(`the build failed (exit ${result.status ?? result.signal})`)
      stamp(root, fingerprint)
      return join(root, SERVER_ENTRY)
    }
    finally {
      releaseLock(root)
    }
  }
}

/**
 * Starts building the app in a child process, unless the build is current or under way, so that
 * other work (the unit tests, say) goes on meanwhile; its output goes to BACKGROUND_LOG.
 * `ensureBuilt` and `whenBuilt`, in this process or another, wait for it. Returns a function
 * that stops the build if it still runs.
 */
export function buildInBackground(root: string): () => void {
  if (isBuildCurrent(root) || buildUnderWay(root) !== undefined || !takeLock(root)) return () => {}
  const fingerprint = sourceFingerprint(root)
  const logFd = openSync(join(root, BACKGROUND_LOG), 'w')
  // In a build directory of its own: what runs meanwhile (vitest, the type check) reads the
  // TypeScript configuration that a build rewrites in .nuxt.
  const env = { ...buildEnv(), CHORUS_BUILD_DIR: process.env.CHORUS_BUILD_DIR ?? '.nuxt-build' }
  const child = spawn(process.execPath, nuxtBuild(root), { cwd: root, stdio: ['ignore', logFd, logFd], env })
  closeSync(logFd)
  child.on('exit', (code) => {
    if (code === 0) stamp(root, fingerprint)
    releaseLock(root)
  })
  child.on('error', () => releaseLock(root))
  return () => {
    if (child.exitCode === null) child.kill('SIGTERM')
  }
}

/** `ensureBuilt` that waits for a build under way without blocking this process's event loop. */
export async function whenBuilt(root: string, log?: (line: string) => void): Promise<string> {
  while (buildUnderWay(root) !== undefined) await new Promise((resolve) => setTimeout(resolve, 1000))
  return ensureBuilt(root, log)
}
