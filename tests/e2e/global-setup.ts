import { ensureBuilt } from '../../server/cli/build'
import { chromiumPath, ROOT } from './support'

export default function setup() {
  if (!chromiumPath()) {
    const message = 'no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)'
    // In CI a missing browser must fail the run, never quietly skip the browser tests.
    if (process.env.CI) throw new Error(`${message}: browser tests cannot run`)
    console.warn(`\n${message}: browser tests are skipped\n`)
  }
  ensureBuilt(ROOT)
}
