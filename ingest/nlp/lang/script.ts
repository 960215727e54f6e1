import type { LanguageCode } from '../../../shared/languages'

// Fourteen of Chorus's languages are told by their alphabet alone: no n-gram model beats
// counting letters, and counting is a hundred times cheaper. Within a shared alphabet a few
// letters still decide: Ukrainian і ї є ґ against Russian ы э ъ ё; Urdu ٹ ڈ ڑ ں ہ ے ھ and
// Persian پ چ ژ گ ک ی against Arabic; kana for Japanese against Chinese Han.

export type ScriptName =
  | 'Latin' | 'Cyrillic' | 'Greek' | 'Arabic' | 'Hebrew' | 'Devanagari' | 'Bengali' | 'Tamil'
  | 'Thai' | 'Hangul' | 'Han' | 'Kana' | 'Other'

export interface ScriptProfile {
  /** Letters per script. */
  counts: Record<ScriptName, number>
  letters: number
  /** Letters only Russian (ы э ъ ё) or only Ukrainian (і ї є ґ) use among the two. */
  russian: number
  ukrainian: number
  /** Cyrillic letters neither uses (Serbian ј љ њ ћ, Kazakh ә ғ қ, Belarusian ў…). */
  otherCyrillic: number
  /** Letters that mark Urdu, Persian or Arabic within the Arabic script. */
  urdu: number
  persian: number
  arabic: number
}

function emptyCounts(): Record<ScriptName, number> {
  return { Latin: 0, Cyrillic: 0, Greek: 0, Arabic: 0, Hebrew: 0, Devanagari: 0, Bengali: 0, Tamil: 0, Thai: 0, Hangul: 0, Han: 0, Kana: 0, Other: 0 }
}

const RUSSIAN = new Set([0x44b, 0x42b, 0x44d, 0x42d, 0x44a, 0x42a, 0x451, 0x401])
const UKRAINIAN = new Set([0x456, 0x406, 0x457, 0x407, 0x454, 0x404, 0x491, 0x490])
const URDU = new Set([0x679, 0x688, 0x691, 0x6ba, 0x6c1, 0x6d2, 0x6be])
const PERSIAN = new Set([0x67e, 0x686, 0x698, 0x6af, 0x6a9, 0x6cc])
// Arabic yeh, kaf and teh marbuta: Persian and Urdu keyboards type ی and ک instead.
const ARABIC = new Set([0x64a, 0x643, 0x629, 0x649])

/** The script of a UTF-16 code unit, or null for marks, digits, punctuation and symbols. */
function scriptOf(code: number): ScriptName | null {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ? 'Latin' : null
  if (code < 0x250) return code === 0xd7 || code === 0xf7 || code < 0xc0 ? (code === 0xaa || code === 0xba ? 'Latin' : null) : 'Latin'
  if (code < 0x370) return null
  if (code < 0x400) return code >= 0x386 && code !== 0x387 ? 'Greek' : null
  if (code < 0x530) return code >= 0x483 && code <= 0x489 ? null : 'Cyrillic'
  if (code >= 0x5d0 && code <= 0x5f2) return 'Hebrew'
  if (code >= 0x620 && code <= 0x6ff) return (code >= 0x64b && code <= 0x670) || (code >= 0x6d6 && code <= 0x6ed) || (code >= 0x6f0 && code <= 0x6f9) || code === 0x640 ? null : 'Arabic'
  if (code >= 0x750 && code <= 0x77f) return 'Arabic'
  if (code >= 0x904 && code <= 0x939) return 'Devanagari'
  if (code >= 0x958 && code <= 0x961) return 'Devanagari'
  if (code >= 0x900 && code <= 0x97f) return code >= 0x966 && code <= 0x96f ? null : (code === 0x964 || code === 0x965 ? null : 'Devanagari')
  if (code >= 0x980 && code <= 0x9ff) return code >= 0x9e6 && code <= 0x9ef ? null : 'Bengali'
  if (code >= 0xb80 && code <= 0xbff) return code >= 0xbe6 ? null : 'Tamil'
  if (code >= 0xe01 && code <= 0xe5b) return code >= 0xe50 && code <= 0xe59 ? null : 'Thai'
  if (code >= 0x1e00 && code <= 0x1eff) return 'Latin'
  if (code >= 0x1f00 && code <= 0x1fff) return 'Greek'
  if ((code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f) || (code >= 0xac00 && code <= 0xd7a3)) return 'Hangul'
  if ((code >= 0x3041 && code <= 0x309f) || (code >= 0x30a1 && code <= 0x30ff && code !== 0x30fb) || (code >= 0x31f0 && code <= 0x31ff) || (code >= 0xff66 && code <= 0xff9d)) return 'Kana'
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || code === 0x3005) return 'Han'
  // Supplementary-plane Han arrives as surrogate pairs; the high half stands for the character.
  if (code >= 0xd840 && code <= 0xd87f) return 'Han'
  if ((code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfefc)) return 'Arabic'
  if (code >= 0xff21 && code <= 0xff5a) return code <= 0xff3a || code >= 0xff41 ? 'Latin' : null
  if (code >= 0xdc00 && code <= 0xdfff) return null
  return /\p{L}/u.test(String.fromCharCode(code)) ? 'Other' : null
}

const SCRIPTS: readonly ScriptName[] = ['Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Devanagari', 'Bengali', 'Tamil', 'Thai', 'Hangul', 'Han', 'Kana', 'Other']
/** Code unit → 1 + index in SCRIPTS, 0 for no letter, MARK for a combining mark. */
export const MARK = 0xff
const CYRILLIC = SCRIPTS.indexOf('Cyrillic') + 1
const ARABIC_SCRIPT = SCRIPTS.indexOf('Arabic') + 1
/** Code unit → 1 + index into the script names, 0 for anything but a letter, MARK for a mark. */
export const LETTER_TABLE: Uint8Array = (() => {
  // Every post goes through this loop: one table look-up per code unit beats the range tests.
  const table = new Uint8Array(0x10000)
  for (let code = 0; code < 0x10000; code++) {
    const script = scriptOf(code)
    if (script) table[code] = SCRIPTS.indexOf(script) + 1
    else if (/\p{M}/u.test(String.fromCharCode(code))) table[code] = MARK
  }
  return table
})()

// One table for every call, zeroed each time: a new one per post cost an off-heap allocation.
const perScript = new Uint32Array(256)

export function scriptProfile(text: string): ScriptProfile {
  perScript.fill(0)
  let russian = 0, ukrainian = 0, otherCyrillic = 0, urdu = 0, persian = 0, arabic = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const id = LETTER_TABLE[code]!
    perScript[id]!++
    if (id === CYRILLIC) {
      if (RUSSIAN.has(code)) russian++
      else if (UKRAINIAN.has(code)) ukrainian++
      else if (code < 0x410 || code > 0x44f) otherCyrillic++
    }
    else if (id === ARABIC_SCRIPT) {
      if (URDU.has(code)) urdu++
      else if (PERSIAN.has(code)) persian++
      else if (ARABIC.has(code)) arabic++
    }
  }
  const counts = emptyCounts()
  let letters = 0
  SCRIPTS.forEach((script, index) => {
    counts[script] = perScript[index + 1]!
    letters += counts[script]
  })
  return { counts, letters, russian, ukrainian, otherCyrillic, urdu, persian, arabic }
}

// A CJK character stands for a word or a syllable, not a letter: "iPhone 15 発売" is Japanese.
// Other non-Latin letters weigh a little more than Latin ones too, since a brand or a name in
// Latin letters inside Hindi or Russian prose is common and the reverse is rare.
const WEIGHT: Record<ScriptName, number> = { Latin: 1, Cyrillic: 1.5, Greek: 1.5, Arabic: 1.5, Hebrew: 1.5, Devanagari: 1.5, Bengali: 1.5, Tamil: 1.5, Thai: 1.5, Hangul: 3, Han: 3, Kana: 3, Other: 1.5 }

/** The script that carries the text, and how much of the (weighted) text it carries. */
export function dominantScript(profile: ScriptProfile): { script: ScriptName, share: number } {
  const counts = profile.counts
  // Japanese mixes kana and Han: they carry the text together. A lone の in Chinese is a
  // known borrowing, so one kana among many Han does not make Japanese.
  const japanese = counts.Kana >= 2 || counts.Kana * 5 >= counts.Han ? counts.Kana + counts.Han : 0
  let best: ScriptName = 'Latin'
  let bestWeight = -1
  let total = 0
  for (const script of Object.keys(counts) as ScriptName[]) {
    const weight = counts[script] * WEIGHT[script]
    total += weight
    if (weight > bestWeight) {
      best = script
      bestWeight = weight
    }
  }
  if (japanese * 3 > bestWeight) {
    best = 'Kana'
    bestWeight = japanese * 3
  }
  return { script: best, share: total > 0 ? bestWeight / total : 0 }
}

/** The one language of Chorus written in a script, when there is exactly one. */
export const SINGLE_LANGUAGE_SCRIPTS: Partial<Record<ScriptName, LanguageCode>> = {
  Greek: 'el', Hebrew: 'he', Devanagari: 'hi', Bengali: 'bn', Tamil: 'ta', Thai: 'th', Hangul: 'ko',
}

const SURE_OF_PERSIAN = 25
const SURE_OF_RUSSIAN = 40

/**
 * Among languages sharing a script, the one its letters point to, or null when the letters say
 * nothing (a short Russian or Ukrainian phrase may use none of the letters that differ).
 */
export function languageByLetters(script: ScriptName, profile: ScriptProfile): LanguageCode | null {
  if (script === 'Kana') return 'ja'
  if (script === 'Han') return 'zh'
  if (script === 'Cyrillic') {
    if (profile.ukrainian > profile.russian) return 'uk'
    if (profile.russian > profile.ukrainian) return 'ru'
    // Ukrainian's і, ї, є appear within a few words; a Russian sentence can go without ы э ъ ё.
    return profile.counts.Cyrillic >= SURE_OF_RUSSIAN ? 'ru' : null
  }
  if (script === 'Arabic') {
    // Urdu writes ی and ک like Persian, so its own letters decide first.
    if (profile.urdu > 0 && profile.urdu * 3 >= profile.arabic) return 'ur'
    // A few words of Urdu can miss all of its own letters; a sentence hardly ever does.
    if (profile.persian > profile.arabic) return profile.counts.Arabic >= SURE_OF_PERSIAN ? 'fa' : null
    if (profile.arabic > profile.persian) return 'ar'
    return null
  }
  return SINGLE_LANGUAGE_SCRIPTS[script] ?? null
}
