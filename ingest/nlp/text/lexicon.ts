// Which sentiment lexicon each language gets, and the lookup tables built from it once.
//
// natural's SentimentAnalyzer assembles the lexicons; its getSentiment is not used per post: it
// returns a sum divided by the word count with no count of the words it knew, so "no word in
// the lexicon" and "as many good words as bad" both come out 0, and it scans its negation list
// with indexOf and re-stems every unknown word on every call. The vocabulary is indexed here
// instead, by exact word and by the same cached stem key the terms use.
//
// Choices (coverage measured on 100 web sentences per language of the langid fixtures):
// - en: AFINN-165 (3,382 words rated by hand for microblog text, −5…+5). senticon knew more
//   sentences (86 against 56) but rates function words ("in" +0.33, "about" +0.38).
// - es: AFINN (1,647 words). senticon (66 against 51 sentences) rates "un" −0.38 and "no" +0.38.
// - pt: AFINN, the only one. fr, it, nl, de: pattern, the only one (natural has no German
//   senticon). ca: senticon, the only one. No other of the 33 languages has a lexicon in natural.
// AFINN is divided by 5 so every lexicon scores −1…+1.
//
// Left out of every lexicon: words rated 0 (pattern lists neutral adjectives: they say nothing),
// entries of several words (the tokens are single words), emoji and symbols (the Spanish and
// Portuguese AFINN carry 767, whose tail is noise: 🏦 +5, ♿ +5, 📮 −5; the tokenizer does not
// emit them anyway), and the few entries below whose rating belongs to another sense of a
// function word or is a translation slip.

import type { LanguageCode } from '../../../shared/languages'
import { fold } from '../tokens'
import { naturalLexicon, type NaturalLexiconLanguage, type NaturalLexiconType } from './natural'
import { stemmerFor } from './stem'
import { lowerCase, plainKey } from './words'

interface LexiconChoice {
  language: NaturalLexiconLanguage
  type: NaturalLexiconType
  /** Divides the ratings into −1…+1. */
  scale: number
  /** Negations natural does not list for the language (it lists none for fr, it, ca). */
  negations: readonly string[]
  /** Entries whose rating is another sense of a common word. */
  otherSense: readonly string[]
}

const CHOICES: Readonly<Partial<Record<LanguageCode, LexiconChoice>>> = {
  en: {
    language: 'English', type: 'afinn', scale: 5,
    negations: ['cannot', 'nothing', 'nobody', 'none', 'nor', 'without'],
    // "looks like", "like a": the preposition outnumbers the verb; "likes", "liked" stay.
    otherSense: ['like'],
  },
  es: {
    language: 'Spanish', type: 'afinn', scale: 5,
    negations: ['tampoco', 'nada', 'nadie', 'sin'],
    // "solo" (only), "bajo" (under), "arriba" (up), "salvo" (except), "realizado" (carried out).
    otherSense: ['solo', 'bajo', 'arriba', 'salvo', 'realizado'],
  },
  pt: {
    language: 'Portuguese', type: 'afinn', scale: 5,
    negations: ['sem', 'nada', 'ninguém'],
    // English "great" translated as "grande" (big), "greater" as "maior"; "dar", "usar" (give, use).
    otherSense: ['grande', 'maior', 'dar', 'usar'],
  },
  fr: {
    language: 'French', type: 'pattern', scale: 1,
    negations: ['ne', 'pas', 'jamais', 'rien', 'aucun', 'aucune', 'ni', 'sans', 'non'],
    otherSense: ['si', 'plus', 'tout', 'tous', 'toute', 'toutes', 'très', 'tres', 'peu', 'autre', 'autres'],
  },
  it: {
    language: 'Italian', type: 'pattern', scale: 1,
    negations: ['non', 'mai', 'nessuno', 'nessuna', 'niente', 'nulla', 'né', 'senza'],
    otherSense: ['qui', 'ancora', 'insieme', 'tanto', 'tutte', 'molti', 'molta', 'meno', 'quasi', 'spesso', 'subito', 'avanti', 'uomo'],
  },
  nl: {
    language: 'Dutch', type: 'pattern', scale: 1,
    negations: ['geen', 'zonder'],
    // "naar" is "to" far more often than "nasty"; "net" (just), "waar" (where), "eens" (once).
    otherSense: ['naar', 'net', 'waar', 'eens'],
  },
  de: {
    language: 'German', type: 'pattern', scale: 1,
    negations: ['keine', 'keinen', 'keinem', 'keiner', 'keines', 'nie', 'niemals', 'nichts', 'ohne'],
    otherSense: [],
  },
  ca: {
    language: 'Catalan', type: 'senticon', scale: 1,
    negations: ['no', 'mai', 'ni', 'sense'],
    // "sa" (her), "va" (goes), "sobre" (on), "fi" (end), "tal" (such), "soc" (I am), "dalt" (up).
    otherSense: ['sa', 'va', 'sobre', 'fi', 'tal', 'soc', 'dalt'],
  },
}

/** The languages whose posts get a sentiment score; the others are shown as not scored. */
export const SENTIMENT_LANGUAGES = Object.keys(CHOICES) as LanguageCode[]

export interface Lexicon {
  /** Lower-case word as written → rating in −1…+1. */
  exact: ReadonlyMap<string, number>
  /** Term key (stem, or folded word) → mean rating of the lexicon's words with that key. */
  byKey: ReadonlyMap<string, number>
  negations: ReadonlySet<string>
  /** Words never rated, even through a stem they share with a rated word ("like" / "liked"). */
  unrated: ReadonlySet<string>
}

function choiceFor(lang: string): LexiconChoice | null {
  return Object.hasOwn(CHOICES, lang) ? CHOICES[lang as LanguageCode] ?? null : null
}

/** The lexicon's name ("afinn", "pattern", "senticon"); null without one. */
export function lexiconName(lang: string): NaturalLexiconType | null {
  return choiceFor(lang)?.type ?? null
}

const LETTER = /\p{L}/u

function build(lang: LanguageCode, choice: LexiconChoice): Lexicon {
  const natural = naturalLexicon(choice.language, choice.type)
  const stem = stemmerFor(lang)
  const otherSense = new Set(choice.otherSense)
  const exact = new Map<string, number>()
  const sums = new Map<string, { total: number, words: number }>()
  for (const [entry, value] of Object.entries(natural.vocabulary)) {
    const rating = Number(value) / choice.scale
    const word = lowerCase(entry.normalize('NFC'), lang)
    if (!rating || !Number.isFinite(rating) || /[\s_]/.test(word) || !LETTER.test(word) || otherSense.has(word)) continue
    if (exact.has(word)) continue
    exact.set(word, rating)
    const key = stem ? stem(word) : plainKey(word, fold(word), lang)
    const sum = sums.get(key)
    if (sum) {
      sum.total += rating
      sum.words++
    }
    else sums.set(key, { total: rating, words: 1 })
  }
  const byKey = new Map<string, number>()
  for (const [key, sum] of sums) byKey.set(key, sum.total / sum.words)
  const negations = new Set([...natural.negations, ...choice.negations].map((word) => lowerCase(word, lang)))
  return { exact, byKey, negations, unrated: otherSense }
}

const built = new Map<LanguageCode, Lexicon>()

/** The lexicon of a language, built on first use; null where natural has none. */
export function lexiconFor(lang: string): Lexicon | null {
  const choice = choiceFor(lang)
  if (!choice) return null
  const code = lang as LanguageCode
  let lexicon = built.get(code)
  if (!lexicon) {
    lexicon = build(code, choice)
    built.set(code, lexicon)
  }
  return lexicon
}
