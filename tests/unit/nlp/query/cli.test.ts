import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const CLI = resolve(import.meta.dirname, '../../../../server/cli/chorus.mjs')

function chorus(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, 'nlp', 'match', ...args], { encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('chorus nlp match (CLI contract)', () => {
  it('prints the matched terms, or that nothing matched, and exits 0 either way', () => {
    const query = 'refug* AND "camp de réfugiés"'
    const hit = chorus('--query', query, '--text', 'Le camp de réfugiés de Calais', '--lang', 'fr')
    expect(hit.status, hit.stderr).toBe(0)
    expect(hit.stdout).toBe('match: refug*, "camp de réfugiés"\n')
    const miss = chorus('--query', query, '--text', 'Un camp de vacances')
    expect(miss.status, miss.stderr).toBe(0)
    expect(miss.stdout).toBe('no match\n')
  }, 60_000)

  it('prints {"matched","terms"} with --json', () => {
    const hit = chorus('--query', '@unhcr OR #refugees', '--text', 'via @UNHCR@mastodon.social', '--json')
    expect(hit.status, hit.stderr).toBe(0)
    expect(JSON.parse(hit.stdout)).toEqual({ matched: true, terms: ['@unhcr'] })
    const miss = chorus('--query', '@unhcr', '--text', 'unhcr', '--json')
    expect(JSON.parse(miss.stdout)).toEqual({ matched: false, terms: [] })
  }, 60_000)

  it('shows an invalid query with a caret under the position, and exits 1', () => {
    const run = chorus('--query', 'refugees AND (camp OR shelter', '--text', 'x')
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      '  refugees AND (camp OR shelter',
      '               ^',
      'chorus: unclosed "(" opened at 13',
    ])
  }, 60_000)

  it('puts the caret under the right character after wide characters', () => {
    const run = chorus('--query', '難民 AND', '--text', 'x')
    expect(run.status).toBe(1)
    expect(run.stderr.split('\n').slice(0, 2)).toEqual(['  難民 AND', '          ^'])
  }, 60_000)

  it('refuses a language code it does not know, and reads a tag as platforms declare it', () => {
    const run = chorus('--query', 'refugees', '--text', 'refugees', '--lang', 'xx')
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/^chorus: unknown language "xx"/)
    expect(chorus('--query', 'refugiados', '--text', 'Os refugiados', '--lang', 'pt-BR').stdout).toBe('match: refugiados\n')
  }, 60_000)

  it('tries a text that reads "-h", refuses an option or argument it does not take, and names itself in full in its usage', () => {
    expect(chorus('--query', 'refugees', '--text', '-h')).toMatchObject({ status: 0, stdout: 'no match\n' })
    expect(chorus('--query', 'refugees', '--text', 'refugees', '--jsn')).toMatchObject({ status: 1, stdout: '', stderr: 'chorus: nlp match does not take --jsn: see --help\n' })
    expect(chorus('--query', 'refugees', '--text', 'a', 'refugees')).toMatchObject({ status: 1, stdout: '', stderr: 'chorus: nlp match takes options only, not "refugees": see --help\n' })
    const help = chorus('--help')
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('USAGE chorus nlp match')
    expect(help.stdout).not.toMatch(/ $/m)
    // The group named alone lists its commands, as `chorus` alone does.
    const group = spawnSync(process.execPath, [CLI, 'nlp'], { encoding: 'utf8' })
    expect(group.stdout).toContain('USAGE chorus nlp detect|match|rerun')
    expect(group.stderr.trim()).toBe('No command specified.')
  }, 60_000)

  it('refuses a query longer than a topic takes in one line, without a caret under it', () => {
    const long = chorus('--query', Array(1200).fill('abc').join(' OR '), '--text', 'abc')
    expect(long.status).toBe(1)
    expect(long.stderr).toBe('chorus: a query is at most 4000 characters, as in a topic; this one has 8396\n')
  }, 60_000)
})
