import { describe, expect, it } from 'vitest'
import { isLanguageCode, LANGUAGE_CODES, LANGUAGES, languageName } from '../../../../shared/languages'

describe('the language list', () => {
  it('holds the 33 languages of the product, each code once', () => {
    const wanted = 'ar zh hi bn es fr pt ru ja de id sw tr fa ur it ko vi pl uk nl th tl ms ro el he sv en yo so ta ca'.split(' ')
    expect([...LANGUAGE_CODES].sort()).toEqual(wanted.sort())
    expect(new Set(LANGUAGES.map((language) => language.nativeName)).size).toBe(33)
  })

  it('recognises its codes only', () => {
    expect(isLanguageCode('sw')).toBe(true)
    expect(isLanguageCode('und')).toBe(false)
    expect(isLanguageCode('pt-BR')).toBe(false)
    expect(isLanguageCode(42)).toBe(false)
  })

  it('names languages in English, und as Undetermined', () => {
    expect(languageName('fa')).toBe('Persian')
    expect(languageName('und')).toBe('Undetermined')
    expect(languageName('xx')).toBe('xx')
  })
})
