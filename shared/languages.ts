// The languages Chorus tags posts with (PRODUCT.md §2): one list for the UI filters, the
// language detector, stopwords and sentiment. Codes are ISO 639-1; 'und' (undetermined, as in
// BCP 47) is the answer when a post's language cannot be told, and is deliberately not in it.
//
// `scripts` are the writing systems a post in the language is normally written in. The detector
// reads them: a language alone in its script needs no statistical model at all.

export type Script =
  | 'Latin' | 'Cyrillic' | 'Greek' | 'Arabic' | 'Hebrew' | 'Devanagari' | 'Bengali' | 'Tamil'
  | 'Thai' | 'Hangul' | 'Han' | 'Kana'

export interface LanguageInfo {
  readonly code: string
  /** English name, for logs and the English UI. */
  readonly name: string
  /** The language's own name for itself, for pickers read by speakers of it. */
  readonly nativeName: string
  readonly scripts: readonly Script[]
}

export const LANGUAGES = [
  { code: 'ar', name: 'Arabic', nativeName: 'العربية', scripts: ['Arabic'] },
  { code: 'bn', name: 'Bengali', nativeName: 'বাংলা', scripts: ['Bengali'] },
  { code: 'ca', name: 'Catalan', nativeName: 'català', scripts: ['Latin'] },
  { code: 'de', name: 'German', nativeName: 'Deutsch', scripts: ['Latin'] },
  { code: 'el', name: 'Greek', nativeName: 'Ελληνικά', scripts: ['Greek'] },
  { code: 'en', name: 'English', nativeName: 'English', scripts: ['Latin'] },
  { code: 'es', name: 'Spanish', nativeName: 'español', scripts: ['Latin'] },
  { code: 'fa', name: 'Persian', nativeName: 'فارسی', scripts: ['Arabic'] },
  { code: 'fr', name: 'French', nativeName: 'français', scripts: ['Latin'] },
  { code: 'he', name: 'Hebrew', nativeName: 'עברית', scripts: ['Hebrew'] },
  { code: 'hi', name: 'Hindi', nativeName: 'हिन्दी', scripts: ['Devanagari'] },
  { code: 'id', name: 'Indonesian', nativeName: 'Bahasa Indonesia', scripts: ['Latin'] },
  { code: 'it', name: 'Italian', nativeName: 'italiano', scripts: ['Latin'] },
  { code: 'ja', name: 'Japanese', nativeName: '日本語', scripts: ['Kana', 'Han'] },
  { code: 'ko', name: 'Korean', nativeName: '한국어', scripts: ['Hangul', 'Han'] },
  { code: 'ms', name: 'Malay', nativeName: 'Bahasa Melayu', scripts: ['Latin'] },
  { code: 'nl', name: 'Dutch', nativeName: 'Nederlands', scripts: ['Latin'] },
  { code: 'pl', name: 'Polish', nativeName: 'polski', scripts: ['Latin'] },
  { code: 'pt', name: 'Portuguese', nativeName: 'português', scripts: ['Latin'] },
  { code: 'ro', name: 'Romanian', nativeName: 'română', scripts: ['Latin'] },
  { code: 'ru', name: 'Russian', nativeName: 'русский', scripts: ['Cyrillic'] },
  { code: 'so', name: 'Somali', nativeName: 'Soomaali', scripts: ['Latin'] },
  { code: 'sv', name: 'Swedish', nativeName: 'svenska', scripts: ['Latin'] },
  { code: 'sw', name: 'Swahili', nativeName: 'Kiswahili', scripts: ['Latin'] },
  { code: 'ta', name: 'Tamil', nativeName: 'தமிழ்', scripts: ['Tamil'] },
  { code: 'th', name: 'Thai', nativeName: 'ไทย', scripts: ['Thai'] },
  { code: 'tl', name: 'Tagalog', nativeName: 'Tagalog', scripts: ['Latin'] },
  { code: 'tr', name: 'Turkish', nativeName: 'Türkçe', scripts: ['Latin'] },
  { code: 'uk', name: 'Ukrainian', nativeName: 'українська', scripts: ['Cyrillic'] },
  { code: 'ur', name: 'Urdu', nativeName: 'اردو', scripts: ['Arabic'] },
  { code: 'vi', name: 'Vietnamese', nativeName: 'Tiếng Việt', scripts: ['Latin'] },
  { code: 'yo', name: 'Yoruba', nativeName: 'Yorùbá', scripts: ['Latin'] },
  { code: 'zh', name: 'Chinese', nativeName: '中文', scripts: ['Han'] },
] as const satisfies readonly LanguageInfo[]

export type LanguageCode = (typeof LANGUAGES)[number]['code']

/** Every code, in the list's (alphabetical) order. */
export const LANGUAGE_CODES: readonly LanguageCode[] = LANGUAGES.map((language) => language.code)

const byCode: ReadonlyMap<string, LanguageInfo> = new Map(LANGUAGES.map((language) => [language.code, language]))

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && byCode.has(value)
}

export function languageInfo(code: LanguageCode): LanguageInfo {
  return byCode.get(code)!
}

/** English name of a code; 'und' and unknown codes read as "Undetermined" / the code itself. */
export function languageName(code: string): string {
  if (code === 'und') return 'Undetermined'
  return byCode.get(code)?.name ?? code
}
