import { describe, expect, it } from 'vitest'
import { QuerySyntaxError } from '../../../ingest/nlp/query'
import { searchDocumentOf, searchKey, searchKeyAt } from '../../../ingest/search/document'
import { parseSearch } from '../../../ingest/search/expression'
import { addToSketch, emptySketch, estimate, mergeSketch } from '../../../ingest/rollups/sketch'

describe('the indexed text of a post', () => {
  it('is folded like topic matching, leaves links out, and cuts unspaced scripts into characters', () => {
    expect(searchDocumentOf('Les RÉFUGIÉS d’Alep https://example.org/x #Asile @unhcr@mastodon.social'))
      .toBe("les refugies d'alep asile unhcr@mastodon.social")
    expect(searchDocumentOf('東京で難民支援')).toBe('東 京 で 難 民 支 援')
    // Arabic vowel marks go, as in topic matching: a vocalised word is found by its bare spelling.
    expect(searchDocumentOf('اللّاجِئين')).toBe(searchDocumentOf('اللاجئين'))
    expect(searchDocumentOf('اللّاجِئين')).not.toContain('\u0651')
  })

  it('is keyed in time order, whatever order the posts were stored in', () => {
    expect(searchKey('2026-11-20T10:00:00.000Z', 999_999)).toBeLessThan(searchKey('2026-11-20T10:00:01.000Z', 1))
    expect(searchKey('2026-11-20T10:00:00.000Z', 5)).toBeGreaterThanOrEqual(searchKeyAt('2026-11-20T10:00:00.000Z'))
    expect(Number.isSafeInteger(searchKey('2100-01-01T00:00:00.000Z', 2 ** 20 - 1))).toBe(true)
  })
})

describe('a search', () => {
  it('reads words side by side as AND, as search boxes do', () => {
    expect(parseSearch('climate finance').fts).toBe('("climate") AND ("finance")')
    expect(parseSearch('"climate finance" OR aid').fts).toBe('("climate finance") OR ("aid")')
  })

  it('narrows by every word it can, and leaves NOT and distances to the matcher', () => {
    expect(parseSearch('refug* NOT spam').fts).toBe('"refug"*')
    expect(parseSearch('refugees NEAR/3 camp').fts).toBe('("refugees") AND ("camp")')
    expect(parseSearch('#Réfugiés').fts).toBe('"refugies"')
    expect(parseSearch('難民').fts).toBe('"難 民"')
    expect(parseSearch('covid-19').fts).toBe('"covid-19"')
  })

  it('reports errors at their place in the text as typed', () => {
    const error = (() => {
      try {
        parseSearch('climate finance AND (')
      }
      catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(QuerySyntaxError)
    expect((error as QuerySyntaxError).position).toBe(21)
    expect((error as QuerySyntaxError).message).toMatch(/at 21$/)
  })
})

describe('author sketches', () => {
  it('estimate distinct counts within a few per cent, and merge as a union', () => {
    for (const n of [10, 500, 5_000, 100_000]) {
      const sketch = emptySketch()
      for (let id = 1; id <= n; id++) addToSketch(sketch, id)
      for (let id = 1; id <= n; id += 3) addToSketch(sketch, id)
      expect(Math.abs(estimate(sketch) - n) / n).toBeLessThan(n < 1000 ? 0.03 : 0.06)
    }
    const a = emptySketch()
    const b = emptySketch()
    for (let id = 1; id <= 3000; id++) addToSketch(a, id)
    for (let id = 2001; id <= 6000; id++) addToSketch(b, id)
    mergeSketch(a, b)
    expect(Math.abs(estimate(a) - 6000) / 6000).toBeLessThan(0.06)
    expect(estimate(emptySketch())).toBe(0)
  })
})
