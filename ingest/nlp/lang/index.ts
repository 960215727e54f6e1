import type { LanguageCode } from '../../../shared/languages'
import { buildDetector, validateLanguages, type LanguageDetector, type LanguageDetectorOptions } from './detect'
import { LATIN_LANGUAGES } from './function-words'
import { loadLingua } from './lingua'

export type { Detection, DetectedLanguage, LanguageDetector, LanguageDetectorOptions } from './detect'
export { cleanForDetection } from './clean'

// Only candidate sets that letters cannot settle need the statistical model.
function needsModel(languages: readonly LanguageCode[]): boolean {
  const count = (group: readonly LanguageCode[]) => group.filter((code) => languages.includes(code)).length
  return count(LATIN_LANGUAGES) > 1 || count(['ru', 'uk']) > 1 || count(['ar', 'fa', 'ur']) > 1
}

/**
 * A language detector over Chorus's languages (or the subset `languages`). Creating one loads
 * the model; detecting is synchronous, so it fits the ingest's tagging step and worker threads.
 * Throws on a code Chorus does not list.
 */
export async function createLanguageDetector(options: LanguageDetectorOptions = {}): Promise<LanguageDetector> {
  const languages = validateLanguages(options.languages)
  const lingua = needsModel(languages) ? await loadLingua() : null
  const { detect } = buildDetector(lingua, languages)
  return { languages, detect }
}
