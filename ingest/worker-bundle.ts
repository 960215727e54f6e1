import { createHash } from 'node:crypto'
import { mkdirSync, renameSync, writeFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildSync } from 'esbuild'

// A worker thread that loaded our TypeScript through tsx paid for it at every start: the
// loader's own thread, and a resolve-and-transform round trip for each of its ~90 modules.
// Bundled by esbuild into one plain module, it starts without a loader: a pool of two returned
// its first pages after 6.4-6.8 s instead of 7.4-8.0 s, with 11.3-11.9 s of CPU instead of
// 13.0-13.5 (four starts of each, taking turns). The bundle is built from the sources on first
// use in a process (0.15-0.25 s), so it is never older than they are.

const require = createRequire(import.meta.url)
// Beside node_modules, so that the bundle resolves the packages it leaves out as its sources do.
const cacheDir = fileURLToPath(new URL('../node_modules/.cache/chorus/', import.meta.url))
const built = new Map<string, URL>()

/**
 * Packages stay outside the bundle, loaded from node_modules as usual, except a package whose
 * entry is JSON: Node imports JSON as an ES module only when the import declares its type.
 */
function packagesOutside(): string[] {
  const manifest = require('../package.json') as { dependencies?: Record<string, string>, devDependencies?: Record<string, string> }
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
  return names.filter((name) => !entryIsJson(name)).flatMap((name) => [name, `${name}/*`])
}

function entryIsJson(name: string): boolean {
  try {
    return require.resolve(name).endsWith('.json')
  }
  catch {
    // No main entry (types, CLI tools, packages imported by subpath only).
    return false
  }
}

/** The URL of `entry` bundled with the modules it imports from this repository. */
export function bundledWorker(entry: URL): URL {
  const known = built.get(entry.href)
  if (known) return known
  const { outputFiles } = buildSync({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    outfile: join(cacheDir, 'worker.mjs'),
    external: packagesOutside(),
    logLevel: 'silent',
  })
  const code = outputFiles[0]!.contents
  // Named by content: processes that build the same bundle share one file, and none overwrites
  // a file another is loading.
  const file = join(cacheDir, `worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`)
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true })
    const partial = `${file}.${process.pid}.tmp`
    writeFileSync(partial, code)
    renameSync(partial, file)
  }
  const url = pathToFileURL(file)
  built.set(entry.href, url)
  return url
}
