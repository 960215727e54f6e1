import stopwords from 'stopwords-iso'
import { LANGUAGES, type LanguageCode } from '../../../shared/languages'
import { LETTER_TABLE } from './script'

// The fast path for Latin-script text. A post of 150-300 characters holds a dozen function
// words ("und", "der", "ist"; "yang", "dan"; "na", "ya", "kwa"); whichever language's list
// they belong to is, most of the time, the post's language. That is one map look-up per word,
// against the hundreds of n-gram look-ups of a statistical model, and it is unambiguous often
// enough to settle most posts; the model then only reads the posts it leaves open.
//
// The word lists are stopwords-iso's (the project's stopword source, MIT). A word in several
// lists counts for each in proportion (1/n), so "de" or "la" say little and "der" says German.
// Accented letters add evidence the same way, and a letter a language never writes (ñ in
// German, ã in Spanish) keeps the fast path from answering with that language.

export const LATIN_LANGUAGES: readonly LanguageCode[] = LANGUAGES
  .filter((language) => (language.scripts as readonly string[]).includes('Latin'))
  .map((language) => language.code)

/**
 * Latin-script languages outside Chorus's list whose stopwords-iso lists let the fast path
 * recognise them, so that a Finnish, Hungarian or Czech post is 'und' rather than the nearest of
 * ours (the model only knows the candidates, and names one however wrong). Close neighbours of
 * ours are not always caught: Danish and Norwegian share too many words with Swedish.
 */
export const OTHER_LATIN_LANGUAGES = ['af', 'br', 'cs', 'da', 'eo', 'et', 'eu', 'fi', 'ga', 'gl', 'ha', 'hr', 'hu', 'ku', 'la', 'lt', 'lv', 'no', 'sk', 'sl', 'st', 'zu'] as const

// Letters beyond ASCII that each language writes (lower case, NFC). English and the languages
// written in plain ASCII borrow a few (café, naïve): those do not make a text foreign to them.
const LETTERS: Record<string, string> = {
  ca: 'àçèéíïòóúü·',
  de: 'äöüß',
  en: 'éèïëçñ',
  es: 'áéíóúüñ',
  fr: 'àâæçéèêëîïôœùûüÿ',
  id: 'é',
  it: 'àèéìíîòóùú',
  ms: 'é',
  nl: 'áéëèïóöü',
  pl: 'ąćęłńóśźż',
  pt: 'áâãàçéêíóôõú',
  ro: 'ăâîșțşţ',
  so: '',
  sv: 'åäöé',
  sw: '',
  tl: 'ñáàâéèêíìîóòôúùû',
  tr: 'çğıöşüâîû',
  vi: 'àáâãèéêìíòóôõùúýăđĩũơư' + Array.from({ length: 0x1ef9 - 0x1ea0 + 1 }, (_, i) => String.fromCharCode(0x1ea0 + i)).join(''),
  yo: 'àáèéẹìíòóọùúṣńǹḿ',
  af: 'éèêëïîôûŉ', br: 'âêñùü', cs: 'áčďéěíňóřšťúůýž', da: 'æøåé', eo: 'ĉĝĥĵŝŭ', et: 'äöõüšž', eu: 'ñ',
  fi: 'äöåšž', ga: 'áéíóú', gl: 'áéíóúñü', ha: 'ɓɗƙ', hr: 'čćđšž', hu: 'áéíóöőúüű', ku: 'çêîşû', la: 'āēīōū',
  lt: 'ąčęėįšųūž', lv: 'āčēģīķļņšūž', no: 'æøåéèêóòâô', sk: 'áäčďéíĺľňóôŕšťúýž', sl: 'čšžćđ', st: 'š', zu: '',
}

// One-letter entries of the lists are mostly alphabet noise ("b", "x"); these are real words.
const ONE_LETTER_WORDS: Record<string, string> = {
  ca: 'aeio', en: 'ai', es: 'aeouy', fr: 'aày', it: 'aeèio', nl: 'u', pl: 'aiouwz', pt: 'aeoéà',
  ro: 'aeoî', sv: 'iå', tl: 'ao', tr: 'o', yo: 'aoéíóń',
}
// The English list also carries every two-letter country code; keep the real words.
const ENGLISH_TWO_LETTER = new Set('am an as at be by do go he if in is it me my no of oh ok on or so to up us we'.split(' '))

// stopwords-iso's Somali, Yoruba and Swahili lists are short (30, 60 and 74 words); these are
// their most frequent function words, added so that everyday posts in them reach the fast path.
const SUPPLEMENT: Record<string, string> = {
  so: 'iyo oo ka ku ay waa in uu u la ee ah ayaa soo lagu loo kale waxaa waxay ugu ayuu ayay wuxuu waxa sidoo inay iska kala dhan hore badan intii markii sida kuwa ayaan mid ama laakiin haddii maxaa sidee halkan dadka dalka',
  sw: 'na ya wa kwa ni za katika la kuwa ili cha hiyo huo hii haya lakini pia sana kama baada wakati kwamba alisema watu serikali mwaka hadi zaidi bila wao yake yao kila kuliko hizi huu hili vya kuna hapa wapi ambayo ambao',
  yo: 'ni ti si won awon ati je ko fun pelu naa yii lati ninu sugbon nigba gege bi ile ise eniyan oun mo re wa lo se ki ba gbogbo kan lori wipe pe tabi nipa',
}

// Yoruba is often typed without its tone marks and subdots: its words count in both spellings.
const PLAIN_TOO = new Set(['yo'])

function keepWord(code: string, word: string): boolean {
  if (!/^\p{L}[\p{L}\p{M}]*$/u.test(word)) return false
  if (word.length === 1) return (ONE_LETTER_WORDS[code] ?? '').includes(word)
  if (code === 'en' && word.length === 2) return ENGLISH_TWO_LETTER.has(word)
  return true
}

export interface FunctionWordModel {
  /** Language codes, Chorus's first; others may follow as OTHER_LATIN_LANGUAGES. */
  readonly languages: readonly string[]
  /** Word → indexes (into `languages`) of the languages whose list holds it. */
  readonly words: ReadonlyMap<string, readonly number[]>
  /** Letter → indexes of the languages that write it. */
  readonly letters: ReadonlyMap<number, readonly number[]>
}

export function buildFunctionWordModel(languages: readonly string[] = LATIN_LANGUAGES): FunctionWordModel {
  const lists = stopwords as Record<string, readonly string[] | undefined>
  const words = new Map<string, number[]>()
  const letters = new Map<number, number[]>()
  const add = (word: string, index: number) => {
    const holders = words.get(word) ?? []
    if (!holders.includes(index)) holders.push(index)
    words.set(word, holders)
  }
  languages.forEach((code, index) => {
    const entries = [...(lists[code] ?? []), ...(SUPPLEMENT[code]?.split(' ') ?? [])]
    for (const entry of entries) {
      const word = entry.normalize('NFC').toLowerCase()
      if (!keepWord(code, word)) continue
      add(word, index)
      if (PLAIN_TOO.has(code)) add(word.normalize('NFD').replace(/\p{M}/gu, ''), index)
    }
    for (const letter of LETTERS[code] ?? '') {
      const holders = letters.get(letter.charCodeAt(0)) ?? []
      holders.push(index)
      letters.set(letter.charCodeAt(0), holders)
    }
  })
  return { languages, words, letters }
}

export interface FunctionWordScores {
  /** Evidence per language of the model, in its order. */
  scores: Float64Array
  /** Letters of the text each language never writes. */
  foreign: Uint16Array
  /** Evidence as in `scores`, with a word repeated counted once. */
  distinct: Float64Array
  words: number
}

export function scoreFunctionWords(model: FunctionWordModel, text: string, letterWeight: number): FunctionWordScores {
  const n = model.languages.length
  const scores = new Float64Array(n)
  const foreign = new Uint16Array(n)
  const distinct = new Float64Array(n)
  const matched = new Set<string>()
  const lower = text.toLowerCase()
  let words = 0
  // Words are runs of letters and marks, split by hand: a regular expression's match objects
  // cost more than the look-ups themselves.
  let start = -1
  for (let i = 0; i <= lower.length; i++) {
    const inWord = i < lower.length && LETTER_TABLE[lower.charCodeAt(i)] !== 0
    if (inWord) {
      if (start < 0) start = i
      continue
    }
    if (start < 0) continue
    words++
    const word = lower.slice(start, i)
    const holders = model.words.get(word)
    start = -1
    if (!holders) continue
    const weight = 1 / holders.length
    const repeated = matched.has(word)
    if (!repeated) matched.add(word)
    for (const index of holders) {
      scores[index]! += weight
      if (!repeated) distinct[index]! += weight
    }
  }
  // Each distinct accented letter counts once: a name repeated five times is still one name.
  const seen = new Set<number>()
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i)
    if (code < 0xc0 || seen.has(code) || code >= 0x2000 || (code >= 0x300 && code < 0x1e00)) continue
    seen.add(code)
    const holders = model.letters.get(code)
    if (!holders) {
      if (code !== 0xd7 && code !== 0xf7) for (let index = 0; index < n; index++) foreign[index]!++
      continue
    }
    const weight = letterWeight / holders.length
    let h = 0
    for (let index = 0; index < n; index++) {
      if (holders[h] === index) {
        scores[index]! += weight
        distinct[index]! += weight
        h++
      }
      else foreign[index]!++
    }
  }
  return { scores, foreign, distinct, words }
}
