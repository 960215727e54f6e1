import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveDbFile } from '../../../server/cli/db'

describe('resolveDbFile', () => {
  const cwd = process.cwd()
  const saved = process.env.CHORUS_DB
  beforeEach(() => {
    process.chdir(mkdtempSync(join(tmpdir(), 'chorus-cli-')))
    delete process.env.CHORUS_DB
  })
  afterEach(() => {
    process.chdir(cwd)
    if (saved === undefined) delete process.env.CHORUS_DB
    else process.env.CHORUS_DB = saved
  })

  it('prefers --db, then CHORUS_DB, then the default file', () => {
    process.env.CHORUS_DB = '/srv/chorus.db'
    expect(resolveDbFile('/tmp/flag.db')).toBe('/tmp/flag.db')
    expect(resolveDbFile(undefined)).toBe('/srv/chorus.db')
    delete process.env.CHORUS_DB
    expect(resolveDbFile(undefined)).toBe('./data/chorus.db')
  })

  it('falls back to the demo database, and says so, when it is the only one', () => {
    mkdirSync('data')
    writeFileSync('data/demo.db', '')
    const said: string[] = []
    expect(resolveDbFile(undefined, (line) => said.push(line))).toBe('./data/demo.db')
    expect(said[0]).toMatch(/using the demo database/)
    writeFileSync('data/chorus.db', '')
    expect(resolveDbFile(undefined, (line) => said.push(line))).toBe('./data/chorus.db')
  })
})
