import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type DemoOptions, resolveOptions, spikePlan } from './facts'
import { CorpusGenerator } from './generate'
import { type DemoPayload, Pager } from './pages'
import { hourlyPlan } from './schedule'
import { buildWorld } from './world/build'

// The offline demo corpus (PRODUCT.md §1): a seeded generator of a multilingual conversation
// in the platforms' real wire formats, streamed page by page so it can be imported through
// the same adapters as live data. Nothing here touches a database or the network.

export { DEMO_FACTS, demoFacts } from './facts'
export type { AccountFact, CommunityFact, DemoFacts, DemoOptions } from './facts'
export type { DemoPayload } from './pages'
export { DEMO_TOPICS } from './topics'

export interface DemoManifestEntry {
  file: string
  format: DemoPayload['format']
  name: string
  origin: string
  posts: number
}

export interface DemoManifest {
  seed: number
  posts: number
  start: string
  end: string
  files: DemoManifestEntry[]
}

export interface DemoProgress {
  payloads: number
  posts: number
  total: number
}

/**
 * The corpus as page-sized payloads, oldest first. Holds only the cast of authors, recent
 * posts (to reply to, boost or quote) and pages being filled, so a million-post run streams.
 */
export function* demoPayloads(options: DemoOptions = {}): Generator<DemoPayload> {
  const resolved = resolveOptions(options)
  const world = buildWorld(resolved.seed, resolved.start)
  const spike = spikePlan(resolved)
  const generator = new CorpusGenerator(world, resolved.seed, spike)
  const pager = new Pager(world)
  const hours = (resolved.end - resolved.start) / 3_600_000
  for (const post of generator.run(hourlyPlan(world.communities, resolved.start, hours, resolved.posts, spike, resolved.seed))) {
    yield* pager.add(post)
  }
  yield* pager.flush()
}

export function payloadFileName(index: number, payload: DemoPayload): string {
  const name = payload.name.replace(/[^A-Za-z0-9._-]+/g, '-')
  return `${String(index).padStart(5, '0')}-${payload.format}-${name}.${payload.format === 'feed' ? 'xml' : 'json'}`
}

/** Writes every payload to its own file and a manifest.json that lists them in import order. */
export async function writeDemoCorpus(dir: string, options: DemoOptions = {}, onProgress?: (progress: DemoProgress) => void): Promise<DemoManifest> {
  const resolved = resolveOptions(options)
  const fixed = { ...options, end: new Date(resolved.end) }
  await mkdir(dir, { recursive: true })
  const files: DemoManifestEntry[] = []
  let posts = 0
  for (const payload of demoPayloads(fixed)) {
    const file = payloadFileName(files.length + 1, payload)
    await writeFile(join(dir, file), payload.body)
    files.push({ file, format: payload.format, name: payload.name, origin: payload.origin, posts: payload.posts })
    posts += payload.posts
    onProgress?.({ payloads: files.length, posts, total: resolved.posts })
  }
  const manifest: DemoManifest = {
    seed: resolved.seed,
    posts,
    start: new Date(resolved.start).toISOString(),
    end: new Date(resolved.end).toISOString(),
    files,
  }
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}
