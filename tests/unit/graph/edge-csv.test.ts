import { describe, expect, it } from 'vitest'
import { readEdgeCsv } from '../../../server/graph/edge-csv'

describe('readEdgeCsv', () => {
  it('says which line is wrong', () => {
    expect(() => readEdgeCsv('a,b\nc\n')).toThrow('line 2: expected source,target[,weight], found "c"')
    expect(() => readEdgeCsv('source,target,weight\na,b,1\nb,c,x\n')).toThrow('line 3: weight "x" is not a positive number')
    expect(() => readEdgeCsv('a,b\nb,c\n"c,d\ne,f\n')).toThrow('line 3: a quoted field opened on this line is never closed')
  })

  it('refuses a weight column that is not there', () => {
    expect(() => readEdgeCsv('a,b,1\n', { weight: 'w' })).toThrow('a weight column is named, but the file has no header row')
    expect(() => readEdgeCsv('from,to,count\na,b,1\n', { weight: 'w' })).toThrow('line 1: no column "w" in the header (from, to, count)')
  })

  it('reads an edge list without a header, weighted by its third column', () => {
    const file = readEdgeCsv('a,b,2\r\nb,c,0.5\n\n# a comment\nc,a\n')
    expect(file.edges).toEqual([
      { source: 'a', target: 'b', weight: 2, line: 1 },
      { source: 'b', target: 'c', weight: 0.5, line: 2 },
      { source: 'c', target: 'a', weight: 1, line: 5 },
    ])
    expect(file.nodes.map((node) => node.id)).toEqual(['a', 'b', 'c'])
    expect(file.weight).toBe('column 3')
    expect(file.warnings).toEqual(['1 edge(s) without "column 3" weigh 1'])
    expect([file.directed, file.repeated]).toEqual([false, 'sum'])
  })

  it('recognises a header by its names or by a third field that is not a number', () => {
    expect(readEdgeCsv('Source,Target\na,b\n').edges).toEqual([{ source: 'a', target: 'b', weight: 1, line: 2 }])
    const file = readEdgeCsv('left,right,strength,note\na,b,4,x\n', { weight: 'strength' })
    expect(file.edges).toEqual([{ source: 'a', target: 'b', weight: 4, line: 2 }])
    expect(file.weight).toBe('strength')
  })

  it('reads an unweighted two-column list as weighing 1 each', () => {
    const file = readEdgeCsv('1,2\n2,3\n')
    expect(file.weight).toBeNull()
    expect(file.edges.map((edge) => edge.weight)).toEqual([1, 1])
  })
})
