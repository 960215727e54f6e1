import { LANGUAGE_CODES, isLanguageCode, type LanguageCode } from '../../../shared/languages'
import { cleanForDetection } from './clean'
import { declaredLanguage } from './declared'
import { latinDetector } from './latin'
import type { LinguaStage } from './lingua'
import { dominantScript, languageByLetters, scriptProfile, type ScriptName, type ScriptProfile } from './script'
import { DEFAULT_TUNING, type Tuning } from './tuning'

// Detection in stages, cheapest first, each answering only when it is sure:
//   1. the alphabet: 7 of Chorus's languages have one of their own; Russian/Ukrainian,
//      Arabic/Persian/Urdu and Chinese/Japanese are told by the letters that differ;
//   2. Latin script: function words, when one language clearly leads (latin.ts);
//   3. lingua, restricted to the candidates left, for the rest (short text, close calls).
// A declared language only tips close calls: Mastodon declares "en" for whatever its users
// write unless they change a setting.

export type DetectedLanguage = LanguageCode | 'und'

export interface Detection {
  lang: DetectedLanguage
  /** 0..1: how sure the detector is of `lang`; 0 with 'und'. */
  confidence: number
}

export interface LanguageDetector {
  /** The candidate languages, as configured. */
  readonly languages: readonly LanguageCode[]
  /**
   * The language of a post. `declaredLang` is what the platform or the author declared (BCP 47,
   * e.g. "pt-BR"): a hint for close calls, never the answer by itself.
   */
  detect(text: string, declaredLang?: string | null): Detection
}

export interface LanguageDetectorOptions {
  /** The languages this instance works in: detection chooses among them (default: all). */
  languages?: readonly LanguageCode[]
}

/** Which stage answered: 'out-of-set' is a text in a language outside the candidates. */
export type DetectionStage = 'empty' | 'script' | 'letters' | 'words' | 'model' | 'out-of-set'

export interface StagedDetector extends LanguageDetector {
  /** detect(), also saying which stage answered (for the benchmark and the tests). */
  explain(text: string, declaredLang?: string | null): Detection & { stage: DetectionStage }
}

/** The configured languages in the list's order; throws on codes Chorus does not list. */
export function validateLanguages(languages: readonly string[] | undefined): readonly LanguageCode[] {
  if (!languages) return LANGUAGE_CODES
  const unknown = languages.filter((code) => !isLanguageCode(code))
  if (unknown.length > 0) throw new Error(`unknown language code(s): ${unknown.join(', ')} (known: ${LANGUAGE_CODES.join(' ')})`)
  const chosen = LANGUAGE_CODES.filter((code) => languages.includes(code))
  if (chosen.length === 0) throw new Error('at least one language is needed')
  return chosen
}

type Answer = Detection & { stage: DetectionStage }

const round = (x: number) => Math.round(x * 1000) / 1000
const none = (stage: DetectionStage): Answer => ({ lang: 'und', confidence: 0, stage })
const SHARED_SCRIPTS: Partial<Record<ScriptName, readonly LanguageCode[]>> = {
  Cyrillic: ['ru', 'uk'], Arabic: ['ar', 'fa', 'ur'], Han: ['zh', 'ja'], Kana: ['ja'],
}

export function buildDetector(lingua: LinguaStage | null, languages: readonly LanguageCode[], tuning: Tuning = DEFAULT_TUNING): StagedDetector {
  const allowed = new Set<LanguageCode>(languages)
  const latin = latinDetector(languages, lingua, tuning)
  const ours = (lang: LanguageCode | null, confidence: number, stage: DetectionStage): Answer =>
    lang && allowed.has(lang) ? { lang, confidence: round(confidence), stage } : none('out-of-set')

  function sharedScript(script: ScriptName, profile: ScriptProfile, text: string, share: number, declared: LanguageCode | null): Answer {
    // Serbian, Bulgarian-with-Serbian-letters, Kazakh, Belarusian: Cyrillic but neither of ours.
    if (script === 'Cyrillic' && profile.otherCyrillic * 20 > profile.counts.Cyrillic) return none('out-of-set')
    const candidates = SHARED_SCRIPTS[script]!.filter((code) => allowed.has(code))
    const byLetters = languageByLetters(script, profile)
    if (byLetters && script !== 'Han') return ours(byLetters, share, 'letters')
    // Kanji alone can be Japanese: then only the declaration tells.
    if (declared && candidates.includes(declared)) return ours(declared, share * 0.8, 'letters')
    if (script === 'Han') return ours('zh', share, 'letters')
    if (candidates.length <= 1 || !lingua) return ours(candidates[0] ?? null, share * (candidates.length === 1 ? 1 : 0.5), 'model')
    const best = lingua.scores(text, candidates)[0]!
    return ours(best.lang, best.confidence * share, 'model')
  }

  function explain(raw: string, declaredLang?: string | null): Answer {
    const text = cleanForDetection(raw)
    const profile = scriptProfile(text)
    // "ok", "xd": two Latin letters are no language; one CJK character can be a word.
    const cjk = profile.counts.Han + profile.counts.Kana + profile.counts.Hangul
    if (profile.letters < (cjk > 0 ? 1 : 3)) return none('empty')
    const declared = declaredLanguage(declaredLang)
    const hint = declared && allowed.has(declared) ? declared : null
    const { script, share } = dominantScript(profile)
    if (script === 'Latin') {
      const answer = latin(text.normalize('NFC'), hint)
      return answer.lang === 'und' ? none(answer.stage) : { lang: answer.lang, confidence: round(answer.confidence * share), stage: answer.stage }
    }
    if (script === 'Other') return none('out-of-set')
    if (SHARED_SCRIPTS[script]) return sharedScript(script, profile, text, share, hint)
    return ours(languageByLetters(script, profile), share, 'script')
  }

  return {
    languages,
    explain,
    detect(text, declaredLang) {
      const { lang, confidence } = explain(text, declaredLang)
      return { lang, confidence }
    },
  }
}
