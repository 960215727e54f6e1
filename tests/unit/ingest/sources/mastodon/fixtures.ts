import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// Loading the recorded Mastodon responses in tests/fixtures/mastodon (see ORIGIN.md there).

const DIR = fileURLToPath(new URL('../../../../fixtures/mastodon/', import.meta.url))

export function fixturePath(name: string): string {
  return `${DIR}${name}`
}

export function fixtureBody(name: string): Buffer {
  const text = readFileSync(fixturePath(name), 'utf8')
  if (!name.endsWith('.jsonc')) return Buffer.from(text)
  // The documentation's examples elide fields with `// ...` lines, leaving trailing commas.
  const strict = text.split('\n').filter((line) => !line.trim().startsWith('//')).join('\n').replace(/,(\s*[}\]])/g, '$1')
  return Buffer.from(strict)
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureBody(name).toString('utf8'))
}

/** The real statuses of the recorded list timeline, newest first, as the server sent them. */
export function listTimeline(): Record<string, unknown>[] {
  return fixtureJson('mastodonpy_test_list_timeline.2.json') as Record<string, unknown>[]
}

/** The one real status of the recorded #hoot timeline. */
export function hootStatus(): Record<string, unknown> {
  return (fixtureJson('mastodonpy_test_hashtag_tl.2.json') as Record<string, unknown>[])[0]!
}
