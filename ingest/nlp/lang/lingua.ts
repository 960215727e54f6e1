import { LANGUAGES, type LanguageCode } from '../../../shared/languages'

// Lingua (pemistahl/lingua-rs compiled to WebAssembly, npm @bluzzi/lingua, Apache-2.0) is the
// most accurate open detector on short web text, and the slowest: 0.2-0.7 ms a call. It reads
// only what the faster stages leave open.
//
// Its package reads lingua_bg.wasm (74 MB, models included) from its own folder when first
// imported, so it is imported here on demand: a process that never needs it never pays the
// 200 MB. Language models load lazily on first use and are shared by every detector of the
// process, so one detector per candidate set costs nothing extra.

type Lingua = typeof import('@bluzzi/lingua')
type LinguaDetector = ReturnType<ReturnType<Lingua['LanguageDetectorBuilder']['fromISOCodes6391']>['build']>

export interface LinguaScore {
  lang: LanguageCode
  confidence: number
}

export interface LinguaStage {
  /** Confidence per candidate, best first (they sum to 1). */
  scores(text: string, candidates: readonly LanguageCode[]): LinguaScore[]
}

// The same text comes back often (a repost quoting a post, a headline shared on every platform,
// a stock reply): the model's answers for the latest texts are kept, since a call costs ~100x
// a look-up. Bounded, evicting the least recently used.
const CACHE_SIZE = 20_000

const codeByName = new Map<string, LanguageCode>(LANGUAGES.map((language) => [language.name, language.code]))

export async function loadLingua(): Promise<LinguaStage> {
  const lingua: Lingua = await import('@bluzzi/lingua')
  const detectors = new Map<string, LinguaDetector>()

  function detectorFor(candidates: readonly LanguageCode[]): LinguaDetector {
    const key = candidates.join(',')
    let detector = detectors.get(key)
    if (!detector) {
      detector = lingua.LanguageDetectorBuilder.fromISOCodes6391([...candidates]).build()
      detectors.set(key, detector)
    }
    return detector
  }

  const answers = new Map<string, readonly LinguaScore[]>()

  return {
    scores(text, candidates) {
      if (candidates.length === 1) return [{ lang: candidates[0]!, confidence: 1 }]
      const key = `${candidates.join(',')}\u0000${text}`
      const known = answers.get(key)
      if (known) {
        answers.delete(key)
        answers.set(key, known)
        return known.map((score) => ({ ...score }))
      }
      const values = detectorFor(candidates).computeLanguageConfidenceValues(text) as { language: string, confidence: number }[]
      const out: LinguaScore[] = []
      for (const { language, confidence } of values) {
        const lang = codeByName.get(language)
        if (!lang) throw new Error(`lingua answered a language Chorus does not list: ${language}`)
        out.push({ lang, confidence })
      }
      if (answers.size >= CACHE_SIZE) answers.delete(answers.keys().next().value!)
      answers.set(key, out.map((score) => ({ ...score })))
      return out
    },
  }
}
