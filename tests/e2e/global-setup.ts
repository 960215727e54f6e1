import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { ensureBuilt } from '../../server/cli/build'
import { chromiumPath, ROOT } from './support'

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
  ensureBuilt(ROOT)
  const templates = mkdtempSync(join(tmpdir(), 'chorus-e2e-demo-'))
  project.provide('demoTemplates', templates)
  return () => rmSync(templates, { recursive: true, force: true })
}
