import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const CLI = resolve(import.meta.dirname, '../../../server/cli/chorus.mjs')
const KARATE = resolve(import.meta.dirname, '../../fixtures/graphs/karate.gml')

function chorus(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, 'graph', 'analyze', ...args], { encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

function scratch(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'chorus-graph-')), name)
  writeFileSync(file, text)
  return file
}

interface Contract {
  modularity: number
  communities: number
  membership: Record<string, number>
  pagerank: { id: string, score: number }[]
}

describe('chorus graph analyze (CLI contract)', () => {
  it('says a missing file cannot be read', () => {
    const run = chorus('--input', '/nonexistent/karate.gml')
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('chorus: cannot read /nonexistent/karate.gml: ENOENT\n')
  }, 60_000)

  it('refuses an unknown format, and a file whose extension does not tell', () => {
    const unknown = chorus('--input', KARATE, '--format', 'xml')
    expect([unknown.status, unknown.stderr]).toEqual([1, 'chorus: unknown format "xml": use gml or csv\n'])
    const edges = scratch('edges.txt', 'a,b\n')
    expect(chorus('--input', edges).stderr).toMatch(/cannot tell the format of .*edges\.txt from its extension: add --format gml or --format csv/)
    expect(chorus('--input', edges, '--format', 'csv', '--json').status).toBe(0)
  }, 60_000)

  it('says where a GML or CSV file is broken', () => {
    const gml = scratch('broken.gml', 'graph [\n  node [ id 1 ]\n  edge [ source 1 target ]\n]\n')
    const run = chorus('--input', gml)
    expect([run.status, run.stdout]).toEqual([1, ''])
    expect(run.stderr).toBe(`chorus: ${gml}: not readable as GML: line 3, column 26: expected a value after "target", found "]"\n`)
    const csv = scratch('broken.csv', 'source,target,weight\na,b,1\nb,c,lots\n')
    expect(chorus('--input', csv).stderr).toBe(`chorus: ${csv}: not readable as CSV: line 3: weight "lots" is not a positive number\n`)
  }, 60_000)

  it('prints one JSON object with modularity, communities, membership and the PageRank ranking', () => {
    const run = chorus('--input', KARATE, '--json')
    expect(run.status, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout) as Contract
    expect(Object.keys(result)).toEqual(['modularity', 'communities', 'membership', 'pagerank'])
    expect(result.modularity).toBeGreaterThanOrEqual(0.4198 - 0.005)
    expect(result.communities).toBe(4)
    expect(Object.keys(result.membership).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 34 }, (_, i) => String(i + 1)))
    expect(new Set(Object.values(result.membership)).size).toBe(result.communities)
    expect(result.pagerank.slice(0, 3).map((entry) => entry.id)).toEqual(['34', '1', '33'])
    expect(result.pagerank.map((entry) => entry.score)).toEqual([...result.pagerank.map((entry) => entry.score)].sort((a, b) => b - a))
  }, 60_000)

  it('prints the modularity, the communities and the ranking as text', () => {
    const run = chorus('--input', KARATE)
    expect(run.status, run.stderr).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toMatch(/karate\.gml: 34 nodes, 78 edges, undirected, unweighted$/)
    expect(lines[1]).toBe('modularity 0.4198 (Louvain, best of 10 runs)')
    expect(lines[2]).toMatch(/^4 communities, sizes \d+, \d+, \d+, \d+$/)
    expect(lines.slice(5, 8).map((line) => line.trim().split(/\s+/)[1])).toEqual(['34', '1', '33'])
  }, 60_000)

  it('reads a CSV edge list with a named weight column, directed when asked', () => {
    const csv = scratch('mentions.csv', 'from,to,mentions\nana,ben,5\nben,ana,1\ncy,ben,2\n')
    const run = chorus('--input', csv, '--weight', 'mentions', '--directed', '--json')
    expect(run.status, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout) as Contract
    expect(result.pagerank[0]!.id).toBe('ben')
    expect(Object.keys(result.membership)).toEqual(['ana', 'ben', 'cy'])
  }, 60_000)
})
