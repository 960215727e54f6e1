import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildUnderWay, ensureBuilt, sourceFingerprint, whenBuilt } from '../../../server/cli/build'

// A project with one page and no Nuxt installed: a build started here fails at once.
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'chorus-build-'))
  mkdirSync(join(root, 'pages'))
  writeFileSync(join(root, 'pages/index.vue'), '<template><p>Chorus</p></template>\n')
  return root
}

/**
 * Another process building the project: it takes the lock, and after `ms` writes the server
 * entry and the stamp of these sources, then lets go of the lock.
 */
async function otherBuild(root: string, ms: number): Promise<number> {
  const script = `
    const { mkdirSync, rmSync, writeFileSync } = require('node:fs')
    const { join } = require('node:path')
    const [root, fingerprint] = process.argv.slice(1)
    writeFileSync(join(root, '.chorus-build.lock'), String(process.pid))
    setTimeout(() => {
      mkdirSync(join(root, '.output/server'), { recursive: true })
      writeFileSync(join(root, '.output/server/index.mjs'), '')
      writeFileSync(join(root, '.output/chorus-build.json'), JSON.stringify({ fingerprint }))
      rmSync(join(root, '.chorus-build.lock'))
    }, ${ms})`
  const child = spawn(process.execPath, ['-e', script, root, sourceFingerprint(root)], { stdio: 'ignore' })
  await expect.poll(() => buildUnderWay(root), { timeout: 10_000 }).toBe(child.pid)
  return child.pid!
}

describe('building the app once', () => {
  it('waits for the build another process has under way instead of starting a second one', async () => {
    const root = project()
    const pid = await otherBuild(root, 1500)
    const lines: string[] = []
    // Without Nuxt here, a build of its own would throw: returning the entry means it waited.
    expect(ensureBuilt(root, (line) => lines.push(line))).toBe(join(root, '.output/server/index.mjs'))
    expect(lines).toEqual([`chorus: waiting for the build that process ${pid} is running…`])
    expect(buildUnderWay(root)).toBeUndefined()
  }, 20_000)

  it('waits without holding up the rest of the process', async () => {
    const root = project()
    await otherBuild(root, 1500)
    let ticks = 0
    const ticking = setInterval(() => ticks++, 100)
    try {
      expect(await whenBuilt(root, () => {})).toBe(join(root, '.output/server/index.mjs'))
    }
    finally {
      clearInterval(ticking)
    }
    expect(ticks).toBeGreaterThan(5)
  }, 20_000)

  it('clears a lock whose process is gone, builds, and lets go of the lock when the build fails', () => {
    const root = project()
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' })
    writeFileSync(join(root, '.chorus-build.lock'), gone.stdout.trim())
    expect(buildUnderWay(root)).toBeUndefined()
    expect(existsSync(join(root, '.chorus-build.lock'))).toBe(false)

    writeFileSync(join(root, '.chorus-build.lock'), gone.stdout.trim())
    expect(() => ensureBuilt(root, () => {})).toThrow(/the build failed \(exit 1\)/)
    expect(existsSync(join(root, '.chorus-build.lock'))).toBe(false)
  }, 20_000)
})
