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
    expect(terms[0]).toEqual({ key: '#floods', surface: '#floods', recent: 12, baselineMean: 0, score: 12, growth: 13 })
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

describe('emergingTerms: one sentence repeated by many posts', () => {
  // "Organizações lideradas por migrantes deveriam receber recursos diretamente.", posted five
  // times this week: "por" is a stopword, so its pairs are "organiz lider" and four that chain.
  const sentence = { 'organiz lider': 5, 'migrant dev': 5, 'dev receb': 5, 'receb recurs': 5, 'recurs diret': 5 }
  const surfaces = new Map(Object.entries({
    'organiz lider': 'Organizações lideradas', 'migrant dev': 'migrantes deveriam', 'dev receb': 'deveriam receber',
    'receb recurs': 'receber recursos', 'recurs diret': 'recursos diretamente', 'migrant': 'migrantes', 'dev': 'deveriam',
  }))

  it('lists the pairs that rose together as one phrase, and the words inside it not at all', () => {
    const terms = emergingTerms({
      recent: counts({ ...sentence, migrant: 5, dev: 5 }),
      previous: steady({ 'organiz lider': 1, 'migrant dev': 1, 'dev receb': 1, 'receb recurs': 1, 'recurs diret': 1, 'migrant': 1, 'dev': 1 }),
      surfaces,
    })
    expect(terms.map((t) => [t.key, t.surface])).toEqual([
      ['migrant dev receb recurs diret', 'migrantes deveriam receber recursos diretamente'],
      ['organiz lider', 'Organizações lideradas'],
    ])
    expect(terms[0]).toMatchObject({ recent: 5, baselineMean: 1, growth: 3 })
  })

  it('keeps pairs apart when their counts differ in the recent window, on one of its days, or before it', () => {
    const apart = (input: Parameters<typeof emergingTerms>[0]) => emergingTerms(input).map((t) => t.key).sort()
    const pairs = ['dev receb', 'migrant dev']
    expect(apart({ recent: counts({ 'migrant dev': 6, 'dev receb': 5 }), previous: steady({}), surfaces })).toEqual(pairs)
    expect(apart({ recent: counts({ 'migrant dev': 5, 'dev receb': 5 }), previous: [counts({ 'migrant dev': 1 }), counts({}), counts({}), counts({})], surfaces })).toEqual(pairs)
    expect(apart({
      recent: counts({ 'migrant dev': 5, 'dev receb': 5 }),
      previous: steady({}),
      recentDays: [counts({ 'migrant dev': 3, 'dev receb': 2 }), counts({ 'migrant dev': 2, 'dev receb': 3 })],
      surfaces,
    })).toEqual(pairs)
    // On the same days, they are one phrase.
    expect(apart({
      recent: counts({ 'migrant dev': 5, 'dev receb': 5 }),
      previous: steady({}),
      recentDays: [counts({ 'migrant dev': 3, 'dev receb': 3 }), counts({ 'migrant dev': 2, 'dev receb': 2 })],
      surfaces,
    })).toEqual(['migrant dev receb'])
  })

  it('does not join a pair that two emerging pairs could continue, since it cannot tell which', () => {
    const terms = emergingTerms({
      recent: counts({ 'migrant dev': 5, 'dev receb': 5, 'dev pag': 5 }),
      previous: steady({}),
      surfaces: new Map([...surfaces, ['dev pag', 'deveriam pagar']]),
    })
    expect(terms.map((t) => t.key).sort()).toEqual(['dev pag', 'dev receb', 'migrant dev'])
  })

  it('leaves a chain that closes on itself as it is', () => {
    const terms = emergingTerms({ recent: counts({ 'a b': 5, 'b a': 5 }), previous: steady({}), surfaces: new Map([['a b', 'a b'], ['b a', 'b a']]) })
    expect(terms.map((t) => t.key).sort()).toEqual(['a b', 'b a'])
  })

  it('does not join pairs that write their shared word differently', () => {
    const terms = emergingTerms({
      recent: counts({ 'syrian refuge': 5, 'refuge camp': 5 }),
      previous: steady({}),
      surfaces: new Map([['syrian refuge', 'Syrian refugees'], ['refuge camp', 'refugee camps']]),
    })
    expect(terms.map((t) => t.surface).sort()).toEqual(['Syrian refugees', 'refugee camps'])
  })
})
