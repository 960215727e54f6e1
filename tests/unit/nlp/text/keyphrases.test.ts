import { describe, expect, it } from 'vitest'
import { keyphrases, termsOf } from '../../../../ingest/nlp/text'
import { webSentences } from './fixtures'

/** Document frequencies counted the way the store counts them: each key once per document. */
function corpus(texts: readonly string[], lang: string) {
  const frequencies = new Map<string, number>()
  for (const text of texts) for (const term of termsOf(text, lang)) frequencies.set(term.key, (frequencies.get(term.key) ?? 0) + 1)
  return { documentFrequency: (key: string) => frequencies.get(key) ?? 0, documents: texts.length }
}

const keys = (terms: readonly { key: string }[]) => terms.map((term) => term.key)

describe('termsOf', () => {
  it('gives unigrams and bigrams of adjacent non-stopwords, with counts', () => {
    expect(termsOf('Salvation Army volunteers helped the Salvation Army.', 'en')).toEqual([
      { key: 'salvat', surface: 'Salvation', count: 2 },
      { key: 'armi', surface: 'Army', count: 2 },
      { key: 'salvat armi', surface: 'Salvation Army', count: 2 },
      { key: 'volunt', surface: 'volunteers', count: 1 },
      { key: 'armi volunt', surface: 'Army volunteers', count: 1 },
      { key: 'help', surface: 'helped', count: 1 },
      { key: 'volunt help', surface: 'volunteers helped', count: 1 },
    ])
  })

  it('does not join words across punctuation, line breaks, stopwords or hashtags', () => {
    const found = keys(termsOf('Floods, rescue.\nShelter teams in Nairobi #relief camps', 'en'))
    expect(found.filter((key) => key.includes(' '))).toEqual(['shelter team'])
  })

  it('adds the hashtags under the key the store uses', () => {
    const found = termsOf('Fund #ClimateFinance now #ClimateFinance #éducation #2024', 'en').filter((term) => term.key.startsWith('#'))
    expect(found).toEqual([
      { key: '#climatefinance', surface: '#ClimateFinance', count: 2 },
      { key: '#éducation', surface: '#éducation', count: 1 },
    ])
  })

  it('counts French words without their elided article', () => {
    expect(keys(termsOf("L'économie et l'emploi : l'économie d'Afrique", 'fr'))).toEqual(['econom', 'emploi', 'afriqu'])
  })

  it('takes words from the segmenter in scripts without spaces, and shows bigrams as written', () => {
    const terms = termsOf('気候変動についての会議が東京で開かれた', 'ja')
    expect(terms.map((term) => term.surface)).toEqual(expect.arrayContaining(['気候', '変動', '気候変動', '東京']))
  })

  it('gives terms for real web text in all 33 languages', () => {
    for (const { lang, text } of webSentences()) expect(() => termsOf(text, lang)).not.toThrow()
    const byLanguage = new Map<string, number>()
    for (const { lang, text } of webSentences()) byLanguage.set(lang, (byLanguage.get(lang) ?? 0) + termsOf(text, lang).length)
    expect(byLanguage.size).toBe(33)
    for (const [lang, count] of byLanguage) expect(count, lang).toBeGreaterThan(10)
  })
})

describe('keyphrases', () => {
  const english = webSentences('en').map((sentence) => sentence.text)

  it('ranks a term that is rare in the corpus above one that is common', () => {
    const text = 'The government said the government will protect the rainforest.'
    const ranked = keyphrases(termsOf(text, 'en'), { documentFrequency: (key) => ({ govern: 900, rainforest: 3 })[key] ?? 0, documents: 1000 })
    expect(keys(ranked).indexOf('rainforest')).toBeLessThan(keys(ranked).indexOf('govern'))
    expect(ranked[0]!.surface).not.toBe('government')
  })

  it('ranks against document frequencies counted from real text', () => {
    // "time" occurs in two of the six sentences, "rainforest" in one, "help" in none.
    const text = 'Time to help: the rainforest needs time and rainforest donations.'
    const ranked = keys(keyphrases(termsOf(text, 'en'), corpus(english, 'en')))
    expect(ranked[0]).toBe('rainforest')
    expect(ranked.indexOf('rainforest')).toBeLessThan(ranked.indexOf('time'))
  })

  it('lists a bigram once instead of the bigram and its two words', () => {
    const terms = termsOf('Salvation Army volunteers, the Salvation Army, and more volunteers', 'en')
    const ranked = keys(keyphrases(terms, { documentFrequency: () => 1, documents: 100 }))
    expect(ranked).toContain('salvat armi')
    expect(ranked).not.toContain('salvat')
    expect(ranked).not.toContain('armi')
    // "volunteers" also stands alone.
    expect(ranked).toContain('volunt')
  })

  it('adds up the terms of several posts and keeps the commonest surface', () => {
    const terms = ['Floods in Lagos', 'floods again', 'More floods'].flatMap((text) => termsOf(text, 'en'))
    const [top] = keyphrases(terms, { documentFrequency: () => 0, documents: 10, limit: 1 })
    expect(top).toMatchObject({ key: 'flood', surface: 'floods' })
  })

  it('stays positive when a count is ahead of the corpus total', () => {
    const [phrase] = keyphrases([{ key: 'flood', surface: 'flood' }], { documentFrequency: () => 12, documents: 10 })
    expect(phrase!.score).toBeGreaterThan(0)
  })

  it('refuses counts that are not counts, and honours the limit', () => {
    const terms = termsOf('Floods and fires and storms', 'en')
    expect(() => keyphrases(terms, { documentFrequency: () => 1, documents: Number.NaN })).toThrow(RangeError)
    expect(() => keyphrases(terms, { documentFrequency: () => -1, documents: 10 })).toThrow(/document frequency of "flood"/)
    expect(() => keyphrases(terms, { documentFrequency: () => 1, documents: 10, limit: 1.5 })).toThrow(RangeError)
    expect(keyphrases(terms, { documentFrequency: () => 1, documents: 10, limit: 2 })).toHaveLength(2)
    expect(keyphrases([], { documentFrequency: () => 1, documents: 0 })).toEqual([])
  })
})
