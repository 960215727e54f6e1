import { describe, expect, it } from 'vitest'
import { readGml } from '../../../server/graph/gml'
import { NetworkFileError } from '../../../server/graph/network-file'
import { readFixture } from './support'

function failure(text: string): NetworkFileError {
  try {
    readGml(text)
  }
  catch (error) {
    if (error instanceof NetworkFileError) return error
    throw error
  }
  throw new Error('expected the GML to be refused')
}

describe('readGml', () => {
  it('says where a value is missing', () => {
    const error = failure('graph [\n  node [ id 1 ]\n  edge [ source 1 target ]\n]\n')
    expect([error.line, error.column]).toEqual([3, 26])
    expect(error.message).toBe('line 3, column 26: expected a value after "target", found "]"')
  })

  it('says where an unclosed bracket or string starts', () => {
    expect(failure('graph [\n  node [ id 1\n]').message).toBe('line 1, column 7: "[" opened here is never closed')
    expect(failure('graph [ node [ id 1 label "x ] ]').message).toBe('line 1, column 27: string opened here is never closed')
  })

  it('refuses stray characters, a missing graph block, nodes without id and ids declared twice', () => {
    expect(failure('graph [ node [ id 1 ] } ]').message).toBe('line 1, column 23: unexpected character "}"')
    expect(failure('Creator "me"').message).toBe('no "graph [ … ]" block')
    expect(failure('graph [ node [ label "a" ] ]').message).toBe('line 1, column 9: node without an "id"')
    expect(failure('graph [\nnode [ id 1 ]\nnode [ id 1 ] ]').message).toBe('line 3, column 1: node 1 is declared twice (first at line 2)')
    expect(failure('graph [ edge [ source 1 ] ]').message).toBe('line 1, column 9: edge without a "target"')
  })

  it('refuses a weight that is not a positive number, and a weight attribute no edge has', () => {
    expect(failure('graph [ edge [ source 1 target 2 weight -1 ] ]').message).toBe('line 1, column 9: weight "-1" is not a positive number')
    expect(() => readGml('graph [ edge [ source 1 target 2 ] ]', { weight: 'strength' })).toThrow('no edge has a "strength" attribute')
  })

  it('reads string ids, comments, multi-line strings and scientific numbers', () => {
    const file = readGml([
      '# a comment',
      'graph [',
      '  directed 1',
      '  node [ id "a" label "two',
      'lines" ]',
      '  node [ id "b" ]',
      '  edge [ source "a" target "b" weight 2.5e0 ]',
      ']',
    ].join('\n'))
    expect(file.directed).toBe(true)
    expect(file.nodes).toEqual([{ id: 'a', label: 'two\nlines' }, { id: 'b', label: null }])
    expect(file.edges).toEqual([{ source: 'a', target: 'b', weight: 2.5, line: 7 }])
    expect(file.weight).toBe('weight')
  })

  it('reads weights from value when there is no weight, and adds nodes only seen in edges', () => {
    const file = readGml('graph [ node [ id 1 ] edge [ source 1 target 2 value 3 ] edge [ source 2 target 3 ] ]')
    expect(file.weight).toBe('value')
    expect(file.edges.map((edge) => edge.weight)).toEqual([3, 1])
    expect(file.warnings).toEqual(['1 edge(s) without "value" weigh 1', '2 node(s) appear only in edges and were added: 2, 3'])
  })

  it('keeps a repeated edge once, unless the file is a multigraph', () => {
    expect(readGml('graph [ edge [ source 1 target 2 ] ]').repeated).toBe('first')
    expect(readGml('graph [ multigraph 1 edge [ source 1 target 2 ] ]').repeated).toBe('sum')
  })

  it('reads karate with its 1-based ids as written', () => {
    const file = readFixture('karate')
    expect(file.nodes).toHaveLength(34)
    expect(file.nodes[0]).toEqual({ id: '1', label: null })
    expect(file.edges).toHaveLength(78)
    expect(file.weight).toBeNull()
    expect(file.directed).toBe(false)
  })

  it('reads the weights and labels of Les Misérables', () => {
    const file = readFixture('lesmis')
    expect([file.nodes.length, file.edges.length, file.weight]).toEqual([77, 254, 'weight'])
    expect(file.nodes[11]).toEqual({ id: '11', label: 'Valjean' })
    expect(file.edges.reduce((sum, edge) => sum + edge.weight, 0)).toBe(820)
  })

  it('reads football with its two edges listed twice', () => {
    const file = readFixture('football')
    expect([file.nodes.length, file.edges.length]).toEqual([115, 615])
    expect(file.edges.filter((edge) => edge.source === '84' && edge.target === '3')).toHaveLength(2)
  })
})
