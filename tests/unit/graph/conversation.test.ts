import { describe, expect, it } from 'vitest'
import { type AnalysisPhase, analyzeConversation } from '../../../server/graph/conversation'
import { readFixture } from './support'

describe('analyzeConversation', () => {
  it('analyses an empty scope', () => {
    const analysis = analyzeConversation({ authors: [], interactions: [] })
    expect([analysis.graph.order, analysis.scores, analysis.explanations, analysis.descriptions]).toEqual([0, [], [], []])
  })

  it('goes through its phases in order and keeps the formula it used', () => {
    const phases: AnalysisPhase[] = []
    const analysis = analyzeConversation({ authors: [], interactions: [{ source: 1, target: 2, weight: 1 }] }, { onPhase: (phase) => phases.push(phase) })
    expect(phases).toEqual(['build', 'metrics', 'communities', 'scores', 'descriptions'])
    expect(analysis.formula.normalise).toBe('percentile')
  })

  it('explains every author of Les Misérables, the same way each time', () => {
    const file = readFixture('lesmis')
    const input = {
      authors: file.nodes.map((node) => ({ id: node.id, handle: node.label ?? node.id })),
      interactions: file.edges,
      documents: file.nodes.map((node) => ({ author: node.id, tokens: (node.label ?? '').toLowerCase().split(/(?=[A-Z])/) })),
    }
    const first = analyzeConversation(input, { build: { directed: false } })
    expect(first.explanations).toHaveLength(77)
    expect(first.explanations.find((explanation) => explanation.rank === 1)!.id).toBe('11')
    expect(first.descriptions.map((description) => description.size).reduce((a, b) => a + b, 0)).toBe(77)
    const second = analyzeConversation(input, { build: { directed: false } })
    expect(second.explanations).toEqual(first.explanations)
    expect(second.descriptions).toEqual(first.descriptions)
  })
})
