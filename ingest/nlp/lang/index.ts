import type { LanguageCode } from '../../../shared/languages'
import { buildDetector, validateLanguages, type LanguageDetector, type LanguageDetectorOptions } from './detect'
import { LATIN_LANGUAGES } from './function-words'
import { loadLingua, preloadModels } from './lingua'

export type { Detection, DetectedLanguage, LanguageDetector, LanguageDetectorOptions } from './detect'
export { cleanForDetection } from './clean'

// The candidates letters cannot tell apart, which only the statistical model can. In Latin
// script the model also weighs Chorus's languages outside the set, to call their texts 'und'
// (latin.ts), so it needs them all as soon as one of them is ours.
function modelLanguages(languages: readonly LanguageCode[]): LanguageCode[] {
  const latin = LATIN_LANGUAGES.some((code) => languages.includes(code)) ? LATIN_LANGUAGES : []
  const groups = [['ru', 'uk'], ['ar', 'fa', 'ur']] as const
  return [...latin, ...groups.flatMap((group) => {
    const chosen = group.filter((code) => languages.includes(code))
    return chosen.length > 1 ? chosen : []
  })]
}

/**
 * A language detector over Chorus's languages (or the subset `languages`). Creating one loads
 * the model; detecting is synchronous, so it fits the ingest's tagging step and worker threads.
 * Throws on a code Chorus does not list.
 */
export async function createLanguageDetector(options: LanguageDetectorOptions = {}): Promise<LanguageDetector> {
  const languages = validateLanguages(options.languages)
  const lingua = modelLanguages(languages).length > 0 ? await loadLingua() : null
  const { detect } = buildDetector(lingua, languages)
  return { languages, detect }
}

/** Loads the model's data for these candidate languages (default: all) now, rather than on first use. */
export async function preloadLanguageModels(languages?: readonly string[]): Promise<void> {
  await preloadModels(modelLanguages(validateLanguages(languages)))
}
