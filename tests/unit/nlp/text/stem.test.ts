import { describe, expect, it } from 'vitest'
import { stemmerFor, termsOf } from '../../../../ingest/nlp/text'

function keysOf(lang: string, words: string[]): Set<string> {
  const stem = stemmerFor(lang)!
  return new Set(words.map((word) => stem(word)))
}

describe('stemmerFor', () => {
  it.each([
    ['en', ['elections', 'election', 'elected'], ['protesters', 'protesting', 'protest']],
    ['fr', ['élection', 'élections'], ['manifestation', 'manifestations']],
    ['es', ['elecciones', 'elección'], ['inundaciones', 'inundación']],
    ['ru', ['выборы', 'выборов', 'выборах'], ['международный', 'международной', 'международная']],
    ['de', ['regierung', 'regierungen'], ['überschwemmung', 'überschwemmungen']],
    ['id', ['menggunakan', 'penggunaan', 'digunakan'], ['pembangunan', 'membangun']],
  ])('groups the inflections of a %s word under one key', (lang, first, second) => {
    expect(keysOf(lang, first).size).toBe(1)
    expect(keysOf(lang, second).size).toBe(1)
    expect(keysOf(lang, [...first, ...second]).size).toBe(2)
  })

  it('stems the word as written: French "-ée" and Russian "й" endings need their accents', () => {
    // Folded first, "journée" would stem to "journe" and "journées" to "journ".
    expect(keysOf('fr', ['journée', 'journées']).size).toBe(1)
    expect(keysOf('ru', ['международный', 'международной']).size).toBe(1)
  })

  it('meets a word typed without its accents under the same key', () => {
    expect(keysOf('fr', ['élections', 'elections']).size).toBe(1)
  })

  it('stems Malay with the Indonesian stemmer, whose affixes it shares', () => {
    expect(keysOf('ms', ['sokongan', 'menyokong']).size).toBe(1)
    // ...but keeps apart the Malay words it would read as Indonesian derivations: government, king.
    expect(keysOf('ms', ['kerajaan', 'raja']).size).toBe(2)
  })

  it('drops the long-vowel mark of Japanese katakana loanwords', () => {
    expect(keysOf('ja', ['コンピューター', 'コンピュータ']).size).toBe(1)
  })

  it('has no stemmer where natural has none, or only one that changes nothing', () => {
    for (const lang of ['sw', 'ar', 'zh', 'tr', 'fa', 'pl', 'und', 'toString']) expect(stemmerFor(lang), lang).toBeNull()
  })

  it('counts the inflections of a word as one term, shown as most often written', () => {
    const terms = termsOf('Protesters marched. The protesters and other protesters met a protester at the protest.', 'en')
    const protest = terms.find((term) => term.key === stemmerFor('en')!('protest'))
    expect(protest).toEqual({ key: 'protest', surface: 'protesters', count: 5 })
  })
})
