import { describe, expect, it } from 'vitest'
import { LANGUAGE_CODES } from '../../../../shared/languages'
import { analyseText, hasSentiment, SENTIMENT_LANGUAGES, SENTIMENT_THRESHOLD, sentimentFor, type Sentiment } from '../../../../ingest/nlp/text'
import { labelOf } from '../../../../ingest/nlp/text/sentiment'
import { webSentences } from './fixtures'

function score(text: string, lang: string): Sentiment | null {
  return sentimentFor(lang)!(text)
}

describe('sentiment', () => {
  it.each([
    ['en', 'What a wonderful day, the volunteers were amazing.', 'The flooding was a disaster and people are angry.'],
    ['es', '¡Qué día tan maravilloso! Estoy muy feliz con los voluntarios.', 'Es una tragedia terrible, estamos tristes y enfadados.'],
    ['fr', 'Une journée magnifique, le concert était excellent.', 'Un service horrible et une attente épouvantable.'],
    ['de', 'Ein wunderbarer Tag, das Essen war hervorragend.', 'Das Wetter ist schrecklich und die Stimmung schlecht.'],
    ['pt', 'Que dia maravilhoso, estou muito feliz.', 'Um dia terrível, estou muito triste.'],
    ['it', 'Una giornata bellissima, il concerto era ottimo.', 'Un servizio pessimo e un risultato terribile.'],
    ['nl', 'Een prachtige dag, het eten was heerlijk.', 'Een vreselijke dag, het eten was slecht.'],
    ['ca', 'Un dia meravellós, estic molt feliç.', 'Un dia horrible, estic molt trist.'],
  ])('tells a positive %s post from a negative one', (lang, positive, negative) => {
    expect(score(positive, lang)).toMatchObject({ label: 'positive' })
    expect(score(positive, lang)!.score).toBeGreaterThan(0)
    expect(score(negative, lang)).toMatchObject({ label: 'negative' })
    expect(score(negative, lang)!.score).toBeLessThan(0)
  })

  it('does not score languages without a lexicon, rather than calling them neutral', () => {
    for (const [lang, text] of [['sw', 'Leo ni siku nzuri sana, nimefurahi.'], ['ar', 'يوم رائع، أنا سعيد جدا'], ['ja', '素晴らしい一日でした。とても幸せです。']]) {
      expect(sentimentFor(lang!), lang).toBeNull()
      expect(hasSentiment(lang!), lang).toBe(false)
      expect(analyseText(text!, lang!).sentiment, lang).toBeNull()
    }
  })

  it('does not score a text the lexicon says nothing about', () => {
    expect(score('The committee meets on Tuesday at the town hall.', 'en')).toBeNull()
    expect(score('1234 #tag https://example.org', 'en')).toBeNull()
    expect(score('', 'en')).toBeNull()
  })

  it('calls neutral a text whose rated words cancel out, and says how much of it was rated', () => {
    expect(score('The good, the bad.', 'en')).toEqual({ score: 0, label: 'neutral', coverage: 0.5 })
  })

  it.each([
    ['en', 'The food was good.', 'The food was not good.'],
    ['en', 'The food is good.', "The food isn't good."],
    ['es', 'La comida es buena.', 'La comida no es buena.'],
    ['pt', 'Estou feliz.', 'Não estou feliz.'],
    ['de', 'Das Essen ist gut.', 'Das Essen ist nicht gut.'],
    ['de', 'Das ist eine gute Idee.', 'Das ist keine gute Idee.'],
    ['nl', 'Het eten is lekker.', 'Het eten is niet lekker.'],
    ['fr', 'Le repas est bon.', "Le repas n'est pas bon."],
    ['fr', "J'aime ce film.", "Je n'aime pas ce film."],
    ['it', 'Il film è bello.', 'Il film non è bello.'],
  ])('reverses what a negation qualifies in %s', (lang, plain, negated) => {
    expect(score(plain, lang)!.score).toBeGreaterThan(0)
    expect(score(negated, lang)!.score).toBeLessThan(0)
  })

  it('reads "not bad" as good, and ends a negation at the end of its clause', () => {
    expect(score("Ce n'est pas mal du tout.", 'fr')).toMatchObject({ label: 'positive' })
    expect(score('Not today. The food was good.', 'en')).toMatchObject({ label: 'positive' })
    expect(score('Not that I care, the food was good.', 'en')).toMatchObject({ label: 'positive' })
  })

  it('does not rate function words through another sense they share a spelling with', () => {
    // "like" as in "looks like"; German "schon" (already) shares its stem with "schön".
    expect(score('It looks like rain over the hills.', 'en')).toBeNull()
    expect(score('Das ist schon erledigt.', 'de')).toBeNull()
    expect(score('Das ist schön.', 'de')).not.toBeNull()
  })

  it('labels at the stated threshold', () => {
    expect(labelOf(SENTIMENT_THRESHOLD)).toBe('positive')
    expect(labelOf(-SENTIMENT_THRESHOLD)).toBe('negative')
    expect(labelOf(SENTIMENT_THRESHOLD / 2)).toBe('neutral')
  })

  it('scores exactly the languages natural has a lexicon for', () => {
    expect([...SENTIMENT_LANGUAGES].sort()).toEqual(['ca', 'de', 'en', 'es', 'fr', 'it', 'nl', 'pt'])
    expect(LANGUAGE_CODES.filter(hasSentiment).sort()).toEqual([...SENTIMENT_LANGUAGES].sort())
    expect(hasSentiment('und')).toBe(false)
    expect(hasSentiment('constructor')).toBe(false)
  })

  it('keeps scores within −1…+1 and coverage within 0…1 on real web text', () => {
    for (const lang of SENTIMENT_LANGUAGES) {
      const results = webSentences(lang).map(({ text }) => score(text, lang))
      expect(results.some((result) => result !== null), lang).toBe(true)
      for (const result of results) {
        if (!result) continue
        expect(Math.abs(result.score)).toBeLessThanOrEqual(1)
        expect(result.coverage).toBeGreaterThan(0)
        expect(result.coverage).toBeLessThanOrEqual(1)
      }
    }
  })
})
