// Stems as term keys, so that "elections", "election" and "elected" count as one term.
//
// natural's stemmers run at a few thousand words a second, far below the pass's budget, while a
// language's words follow Zipf's law: a few thousand forms make most of any text. Each stemmer
// is therefore wrapped in a bounded cache, and a word is stemmed once per worker.
//
// What the stemmers are given: the word lower-case AS WRITTEN, never the tokenizer's folded
// norm. The Snowball rules read accents and letters the fold removes: French "-ée"/"-ées"
// (journée → journ, but journee → journe), Portuguese "-ção", Russian and Ukrainian "й"
// (folded to "и", which turns adjective endings into others). On the langid fixtures, folding
// first split 51 of 1,104 French word types and 34 of 892 Russian ones into other stems. The
// stem is folded afterwards, so "élection" and a hurried "election" still meet.
//
// Which stemmer where:
// - en: Porter (Lancaster over-stems: "organization" → "org", "general" and "generous" → "gen").
// - fr es pt de it nl sv ru uk: natural's Snowball ports.
// - id and ms: natural's Indonesian stemmer. Malay shares its affixes (meN-, ber-, di-, ter-,
//   peN-, ke-…-an, -kan, -i, -nya), and the stemmer only accepts a root found in its dictionary,
//   otherwise it leaves the word alone: on Malay text it gives "sokongan" and "menyokong" →
//   "sokong", "mengandungi" → "kandung", "pendidikan" → "didik". It misreads a few Malay
//   spellings against Indonesian roots; those are kept whole (below).
// - ja: natural's Japanese stemmer drops the long-vowel mark of katakana loanwords
//   ("コンピューター" / "コンピュータ"), the one spelling variation a segmenter leaves.
// - fa and pl: natural ships stemmers that return the word unchanged; they are not used, so the
//   coverage table tells the truth. Every other language: no stemmer, the word is its own key.

import type { LanguageCode } from '../../../shared/languages'
import { naturalStemmers, type NaturalStemmer, type NaturalStemmerName } from './natural'
import { keyOf } from './words'

const STEMMERS: Readonly<Partial<Record<LanguageCode, NaturalStemmerName>>> = {
  en: 'porter',
  fr: 'porterFr',
  es: 'porterEs',
  pt: 'porterPt',
  de: 'porterDe',
  it: 'porterIt',
  nl: 'porterNl',
  sv: 'porterSv',
  ru: 'porterRu',
  uk: 'porterUk',
  id: 'indonesian',
  ms: 'indonesian',
  ja: 'japanese',
}

// Malay words the Indonesian stemmer reads as affixes on an Indonesian root: "kerajaan"
// (government) → "raja" (king), "peratus" (per cent) → "atus", "sedar" (aware) → "dar".
const KEPT_WHOLE: Readonly<Partial<Record<LanguageCode, ReadonlySet<string>>>> = {
  ms: new Set(['kerajaan', 'peratus', 'sedar', 'kerana']),
}

/** Word forms remembered per language; ~2 MB each when full. */
export const STEM_CACHE_SIZE = 20_000

export type StemKey = (lower: string) => string

/** The name of natural's stemmer used for a language, or null. */
export function stemmerName(lang: string): NaturalStemmerName | null {
  return Object.hasOwn(STEMMERS, lang) ? STEMMERS[lang as LanguageCode] ?? null : null
}

function cached(stemmer: NaturalStemmer, lang: LanguageCode): StemKey {
  const cache = new Map<string, string>()
  const whole = KEPT_WHOLE[lang]
  return (lower) => {
    let key = cache.get(lower)
    if (key === undefined) {
      key = keyOf(whole?.has(lower) ? lower : stemmer.stem(lower), lang)
      // Oldest first out: Map keeps insertion order, so the first key is the oldest.
      if (cache.size >= STEM_CACHE_SIZE) cache.delete(cache.keys().next().value!)
      cache.set(lower, key)
    }
    return key
  }
}

const built = new Map<string, StemKey>()

/**
 * The term key of a word in a language with a stemmer: its stem, accent-folded unless accents
 * are letters in the language. Takes the word lower-case as written. Null where natural has no
 * stemmer: the word itself is then the key.
 */
export function stemmerFor(lang: string): StemKey | null {
  const name = stemmerName(lang)
  if (!name) return null
  let stem = built.get(lang)
  if (!stem) {
    stem = cached(naturalStemmers[name](), lang as LanguageCode)
    built.set(lang, stem)
  }
  return stem
}
