import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildInBackground } from '../../server/cli/build'
import { chromiumPath, ROOT } from './machine'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run keeps its demo databases, each loaded once and copied for every server. */
    demoTemplates: string
  }
}

export default function setup(project: TestProject) {
  if (!chromiumPath()) {
    const message = 'no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)'
    // In CI a missing browser must fail the run, never quietly skip the browser tests.
    if (process.env.CI) throw new Error(`${message}: browser tests cannot run`)
    console.warn(`\n${message}: browser tests are skipped\n`)
  }
  // The unit and server projects run first, and need no build: the app builds meanwhile, and
  // the first end-to-end file waits for it (see support.ts).
  const stopBuild = buildInBackground(ROOT)
  const templates = mkdtempSync(join(tmpdir(), 'chorus-e2e-demo-'))
  project.provide('demoTemplates', templates)
  return () => {
    stopBuild()
    rmSync(templates, { recursive: true, force: true })
  }
}
