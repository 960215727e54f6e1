import { describe, expect, it } from 'vitest'
import { analyzeNetwork } from '../../../server/graph/analyze'
import { readEdgeCsv } from '../../../server/graph/edge-csv'
import { readFixture } from './support'

describe('analyzeNetwork', () => {
  it('analyses a file with no edges', () => {
    const analysis = analyzeNetwork(readEdgeCsv(''))
    expect(analysis).toMatchObject({ nodes: 0, edges: 0, modularity: 0, communities: 0, membership: {}, pagerank: [] })
  })

  it('says what it tolerated: repeated rows summed, self-loops left out', () => {
    const analysis = analyzeNetwork(readEdgeCsv('a,b\nb,a\na,a\nb,c\n'))
    expect(analysis.warnings).toEqual(['1 edge(s) listed more than once: merged, their weights summed', '1 self-loop(s) left out'])
    expect(analysis.edges).toBe(2)
  })

  it('keeps the direction when asked, even if the file does not say so', () => {
    const file = readEdgeCsv('a,b\nb,a\n')
    expect(analyzeNetwork(file).edges).toBe(1)
    expect(analyzeNetwork(file, { directed: true })).toMatchObject({ edges: 2, directed: true })
  })

  it('ranks the karate club 34, 1, 33 and finds its four communities', () => {
    const analysis = analyzeNetwork(readFixture('karate'))
    expect(analysis.pagerank.slice(0, 3).map((entry) => entry.id)).toEqual(['34', '1', '33'])
    expect(analysis.pagerank).toHaveLength(34)
    expect(analysis.modularity).toBeCloseTo(0.4198, 4)
    expect(analysis.communities).toBe(4)
    expect(Object.keys(analysis.membership)).toHaveLength(34)
    expect(new Set(Object.values(analysis.membership))).toEqual(new Set([0, 1, 2, 3]))
  })

  it('tells of the football edges listed twice and keeps them once', () => {
    const analysis = analyzeNetwork(readFixture('football'))
    expect(analysis.edges).toBe(613)
    expect(analysis.warnings).toEqual(['2 edge(s) listed more than once: kept once'])
  })

  it('gives the same answer twice', () => {
    expect(analyzeNetwork(readFixture('lesmis'))).toEqual(analyzeNetwork(readFixture('lesmis')))
  })
})
