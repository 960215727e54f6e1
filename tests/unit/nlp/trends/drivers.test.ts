import { describe, expect, it } from 'vitest'
import { rankDimension, rankDrivers } from '../../../../ingest/nlp/trends/drivers'

function counts(entries: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(entries))
}

const written = (entries: Record<string, string>) => new Map(Object.entries(entries))

describe('rankDrivers: input it cannot work with', () => {
  it('gives every dimension an empty list when nothing is given', () => {
    expect(rankDrivers({})).toEqual({ terms: [], hashtags: [], authors: [], links: [], domains: [], languages: [] })
  })

  it('finds no driver in empty windows', () => {
    expect(rankDimension({ spike: new Map(), baseline: new Map() })).toEqual([])
  })

  it('refuses a negative count, naming the key', () => {
    expect(() => rankDrivers({ terms: { spike: counts({ flood: -1 }), baseline: new Map() } })).toThrow(/terms in the spike "flood"/)
  })

  it('refuses a negative number of drivers', () => {
    expect(() => rankDimension({ spike: new Map(), baseline: new Map() }, { top: -1 })).toThrow(/top/)
  })
})

describe('rankDrivers', () => {
  it('ranks a term found only in the spike above one common everywhere', () => {
    const terms = rankDimension({
      spike: counts({ climate: 60, flood: 25, rain: 15 }),
      baseline: counts({ climate: 600, flood: 0, rain: 40 }),
    })
    expect(terms.map((t) => t.key)).toEqual(['flood', 'rain'])
    expect(terms[0]).toMatchObject({ key: 'flood', spike: 25, baseline: 0, spikeShare: 0.25 })
    // "climate" is 60% of the spike but 94% of the baseline: frequent, not a driver.
    expect(terms.find((t) => t.key === 'climate')).toBeUndefined()
  })

  it('compares shares, so a longer baseline does not make everything look new', () => {
    const same = rankDimension({ spike: counts({ a: 10, b: 10 }), baseline: counts({ a: 100, b: 100 }) })
    expect(same).toEqual([])
  })

  it('prefers a key behind many posts to a rare one with a larger lift', () => {
    const ranked = rankDimension({
      spike: counts({ '@newsdesk': 40, '@oddball': 3, '@regular': 57 }),
      baseline: counts({ '@newsdesk': 30, '@oddball': 0, '@regular': 970 }),
    })
    expect(ranked.map((d) => d.key)).toEqual(['@newsdesk', '@oddball'])
    expect(ranked[1]!.lift).toBeGreaterThan(ranked[0]!.lift)
  })

  it('leaves out keys seen fewer times than the minimum in the spike', () => {
    const input = { spike: counts({ once: 1, twice: 2 }), baseline: counts({ usual: 50 }) }
    expect(rankDimension(input).map((d) => d.key)).toEqual(['twice'])
    expect(rankDimension(input, { minCount: 1 }).map((d) => d.key)).toEqual(['twice', 'once'])
  })

  it('keeps the top N of each dimension, ties in alphabetical order', () => {
    const ranked = rankDimension({ spike: counts({ c: 5, a: 5, b: 5, d: 5 }), baseline: counts({ e: 100 }) }, { top: 3 })
    expect(ranked.map((d) => d.key)).toEqual(['a', 'b', 'c'])
  })

  it('takes rows with repeated keys and adds them up', () => {
    const [driver] = rankDimension({
      spike: [{ key: 'fr', count: 30 }, { key: 'fr', count: 20 }, { key: 'en', count: 50 }],
      baseline: [{ key: 'en', count: 900 }, { key: 'fr', count: 100 }],
    })
    expect(driver).toMatchObject({ key: 'fr', spike: 50, baseline: 100, spikeShare: 0.5, baselineShare: 0.1 })
  })

  it('uses declared window totals when the maps hold only the top keys', () => {
    const top = { spike: counts({ flood: 20 }), baseline: counts({ flood: 10 }) }
    // Taken alone, flood is the whole of both windows: no lift.
    expect(rankDimension(top)).toEqual([])
    const [flood] = rankDimension({ ...top, spikeTotal: 100, baselineTotal: 1000 })
    expect(flood).toMatchObject({ spikeShare: 0.2, baselineShare: 0.01 })
  })

  it('ranks every dimension it is given', () => {
    const drivers = rankDrivers({
      hashtags: { spike: counts({ '#floods': 30 }), baseline: counts({ '#climate': 50 }) },
      domains: { spike: counts({ 'news.example': 12, 'blog.example': 2 }), baseline: counts({ 'blog.example': 40 }) },
    })
    expect(drivers.hashtags.map((d) => d.key)).toEqual(['#floods'])
    expect(drivers.domains.map((d) => d.key)).toEqual(['news.example'])
    expect(drivers.terms).toEqual([])
  })
})

describe('rankDrivers: terms as phrases', () => {
  it('lists a place name once, not its words beside it, and keeps a word that also drove the spike alone', () => {
    const drivers = rankDrivers({
      terms: {
        spike: counts({ 'homa bay': 115, 'homa': 115, 'bay': 115, 'kisumu': 317, 'kisumu county': 120, 'county': 120, 'water': 40 }),
        baseline: counts({ kisumu: 27, water: 30, budget: 900 }),
        surfaces: written({ 'homa bay': 'Homa Bay', 'homa': 'Homa', 'bay': 'Bay', 'kisumu': 'Kisumu', 'kisumu county': 'Kisumu County', 'county': 'County' }),
      },
    })
    expect(drivers.terms.map((d) => d.key)).toEqual(['Kisumu', 'Kisumu County', 'Homa Bay', 'water'])
  })

  it('joins the pieces of a sentence counted alike in both windows, and not a pair counted apart', () => {
    const drivers = rankDrivers({
      terms: {
        spike: counts({ 'choler case': 80, 'case rise': 80, 'rise sharpli': 80, 'sharpli again': 30 }),
        baseline: counts({ 'choler case': 2, 'case rise': 2, 'rise sharpli': 2, 'sharpli again': 2, 'budget talk': 500 }),
        surfaces: written({ 'choler case': 'Cholera cases', 'case rise': 'cases rise', 'rise sharpli': 'rise sharply', 'sharpli again': 'sharply again' }),
      },
    })
    expect(drivers.terms.map((d) => [d.key, d.spike, d.baseline])).toEqual([
      ['Cholera cases rise sharply', 80, 2],
      ['sharply again', 30, 2],
    ])
  })

  it('leaves keys as they are without written forms', () => {
    const drivers = rankDrivers({ terms: { spike: counts({ 'homa bay': 9, 'homa': 9 }), baseline: counts({ budget: 90 }) } })
    expect(drivers.terms.map((d) => d.key).sort()).toEqual(['homa', 'homa bay'])
  })
})
