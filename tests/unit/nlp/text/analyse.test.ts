import { describe, expect, it } from 'vitest'
import { analyseText, entitiesOf, sentimentFor, termsOf, textCoverage } from '../../../../ingest/nlp/text'
import { tokenize } from '../../../../ingest/nlp/tokens'
import { webSentences } from './fixtures'

const POST = 'The Red Cross says the floods in Nairobi are terrible, not good at all. #KenyaFloods https://www.redcross.org/kenya'

describe('analyseText', () => {
  it('gives in one pass what the three analyses give apart', () => {
    const analysis = analyseText(POST, 'en')
    expect(analysis.terms).toEqual(termsOf(POST, 'en'))
    expect(analysis.entities).toEqual(entitiesOf(POST, 'en'))
    expect(analysis.sentiment).toEqual(sentimentFor('en')!(POST))
    expect(analysis.sentiment).toMatchObject({ label: 'negative' })
    expect(analysis.entities.names).toEqual(['Red Cross', 'Nairobi'])
  })

  it('gives the same answer for a text and for the text with its tokens', () => {
    for (const { lang, text } of webSentences()) {
      expect(analyseText({ text, tokens: tokenize(text) }, lang), lang).toEqual(analyseText(text, lang))
    }
  })

  it('works from tokens alone, as the tagger passes them, treating wide gaps as punctuation', () => {
    const analysis = analyseText(tokenize(POST), 'en')
    expect(analysis.sentiment).toMatchObject({ label: 'negative' })
    expect(analysis.terms.map((term) => term.surface)).toEqual(expect.arrayContaining(['Red Cross', '#KenyaFloods']))
    expect(analysis.terms.map((term) => term.key)).not.toContain('terribl good')
  })

  it('analyses an undetermined language with the rules every language shares, and does not score it', () => {
    for (const lang of ['und', 'xx', '__proto__', 'constructor']) {
      const analysis = analyseText('Floods 2024 in Nairobi http www #Relief', lang)
      expect(analysis.sentiment, lang).toBeNull()
      expect(analysis.terms.map((term) => term.key), lang).toEqual(['floods', 'in', 'nairobi', 'in nairobi', '#relief'])
      expect(analyseText("L'eau d'Afrique", lang).terms.map((term) => term.key), lang).toEqual(["l'eau", "d'afrique", "l'eau d'afrique"])
    }
  })

  it('survives hostile input: markup, entities, floods and broken surrogates', () => {
    const html = '<script>alert("x")</script><img src=x onerror=alert(1)> &amp; &nbsp; <b>Good</b> news'
    const markup = analyseText(html, 'en')
    for (const term of markup.terms) expect(term.key).not.toMatch(/[<>&"]/)
    expect(markup.terms.map((term) => term.key)).not.toContain('amp')

    const flood = analyseText('a'.repeat(200_000), 'en')
    expect(flood.terms).toEqual([])
    expect(flood.sentiment).toBeNull()

    const long = analyseText('Floods in Nairobi, help needed now. '.repeat(20_000), 'en')
    expect(long.terms.find((term) => term.key === 'flood')?.count).toBe(20_000)

    const broken = analyseText('\uD800 Good \uDFFF news \uDBFF\uDFFF end\uD83D', 'en')
    for (const term of broken.terms) expect(term.surface.isWellFormed()).toBe(true)
    expect(broken.sentiment).toMatchObject({ label: 'positive' })
  })

  it('analyses real web text in all 33 languages without failing', () => {
    const scored = new Set<string>()
    for (const { lang, text } of webSentences()) {
      const analysis = analyseText(text, lang)
      if (analysis.sentiment) scored.add(lang)
    }
    expect([...scored].sort()).toEqual(textCoverage().filter((row) => row.sentiment).map((row) => row.lang).sort())
  })
})

describe('textCoverage', () => {
  it('states what each language gets', () => {
    const row = (lang: string) => textCoverage().find((entry) => entry.lang === lang)
    expect(row('en')).toMatchObject({ stemmer: 'porter', sentiment: 'afinn' })
    expect(row('ms')).toMatchObject({ stemmer: 'indonesian', sentiment: null })
    expect(row('sw')).toMatchObject({ stemmer: null, sentiment: null })
    expect(row('ca')).toMatchObject({ stemmer: null, sentiment: 'senticon' })
  })
})
