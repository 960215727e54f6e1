import { describe, expect, it } from 'vitest'
import { emergingTerms } from '../../../../ingest/nlp/trends/emerging'

function counts(entries: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(entries))
}

/** K previous windows holding the same counts. */
function steady(entries: Record<string, number>, windows = 4): Map<string, number>[] {
  return Array.from({ length: windows }, () => counts(entries))
}

describe('emergingTerms: input it cannot work with', () => {
  it('needs at least one previous window', () => {
    expect(() => emergingTerms({ recent: counts({ flood: 10 }), previous: [] })).toThrow(/previous window/)
  })

  it('finds nothing in an empty recent window', () => {
    expect(emergingTerms({ recent: new Map(), previous: steady({ flood: 3 }) })).toEqual([])
  })

  it('refuses a negative count, saying in which window', () => {
    expect(() => emergingTerms({ recent: new Map(), previous: [counts({ flood: -3 })] })).toThrow(/previous window 1 "flood"/)
  })
})

describe('emergingTerms', () => {
  it('ranks a new term above a known one rising less, and never lists a steady term', () => {
    const terms = emergingTerms({
      recent: counts({ '#floods': 12, climate: 130, water: 100 }),
      previous: steady({ climate: 100, water: 100 }),
    })
    expect(terms.map((t) => t.key)).toEqual(['#floods', 'climate'])
    expect(terms[0]).toEqual({ key: '#floods', recent: 12, baselineMean: 0, score: 12, growth: 13 })
    // From 100 to 130 with a flat history: the floor √100 = 10 makes it z = 3, just in.
    expect(terms[1]!.score).toBeCloseTo(3, 6)
  })

  it('does not call a term emerging when its history swings as much as its rise', () => {
    const terms = emergingTerms({
      recent: counts({ protest: 70 }),
      previous: [counts({ protest: 30 }), counts({ protest: 70 }), counts({ protest: 30 }), counts({ protest: 70 })],
    })
    expect(terms).toEqual([])
  })

  it('leaves out terms below the minimum count', () => {
    const input = { recent: counts({ rare: 4, seen: 5 }), previous: steady({}) }
    expect(emergingTerms(input).map((t) => t.key)).toEqual(['seen'])
    expect(emergingTerms(input, { minCount: 2 }).map((t) => t.key)).toEqual(['seen', 'rare'])
  })

  it('never lists falling terms', () => {
    expect(emergingTerms({ recent: counts({ old: 5 }), previous: steady({ old: 50 }) })).toEqual([])
  })

  it('keeps the top N', () => {
    const recent = counts(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`term${i}`, 10 + i])))
    const terms = emergingTerms({ recent, previous: steady({}) }, { top: 3 })
    expect(terms.map((t) => t.key)).toEqual(['term29', 'term28', 'term27'])
  })

  it('leaves out a word that rises only inside an emerging pair, and keeps one that rises beyond it', () => {
    const terms = emergingTerms({
      // "puedan rastrear" six times, and nowhere else "rastrear"; "fond" in other phrases too.
      recent: counts({ 'pued rastr': 6, 'pued': 6, 'rastr': 6, 'fond pert': 9, 'fond': 14, '#fondo': 6 }),
      previous: steady({ 'fond pert': 1, 'fond': 2 }),
    })
    expect(terms.map((t) => t.key).sort()).toEqual(['#fondo', 'fond', 'fond pert', 'pued rastr'])
  })
})
