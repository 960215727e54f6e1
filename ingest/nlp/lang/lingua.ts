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

/**
 * 'full' weighs character n-grams of 1 to 5 letters; 'trigrams' only those of 3 (lingua's
 * low-accuracy mode), about 2.5 times faster on demo posts. Lingua's documentation finds the two
 * modes about as accurate from 120 characters on; ours, from 70 (tuning.ts).
 */
export type LinguaMode = 'full' | 'trigrams'

export interface LinguaStage {
  /** Confidence per candidate, best first (they sum to 1). */
  scores(text: string, candidates: readonly LanguageCode[], mode?: LinguaMode): LinguaScore[]
}

// The same text comes back often (a repost quoting a post, a headline shared on every platform,
// a stock reply): the model's answers for the latest texts are kept, since a call costs ~100x
// a look-up. Bounded, evicting the least recently used.
const CACHE_SIZE = 20_000

const codeByName = new Map<string, LanguageCode>(LANGUAGES.map((language) => [language.name, language.code]))

/**
 * Loads the models of these languages now rather than on first use. The models go into
 * WebAssembly memory, and each time it grows V8 runs a full collection of this thread's heap:
 * loading the 19 Latin-script languages' models cost 3.6 s of CPU beside a 7 MB heap and 9.8 s
 * beside 76 MB. A parse worker preloads before its parsers fill the heap.
 */
export async function preloadModels(languages: readonly LanguageCode[]): Promise<void> {
  if (languages.length === 0) return
  const lingua: Lingua = await import('@bluzzi/lingua')
  // Models are shared by every detector of the process: this one only loads them.
  lingua.LanguageDetectorBuilder.fromISOCodes6391([...languages]).withPreloadedLanguageModels().build().free()
}

export async function loadLingua(): Promise<LinguaStage> {
  const lingua: Lingua = await import('@bluzzi/lingua')
  const detectors = new Map<string, LinguaDetector>()

  function detectorFor(candidates: readonly LanguageCode[], mode: LinguaMode): LinguaDetector {
    const key = `${mode}:${candidates.join(',')}`
    let detector = detectors.get(key)
    if (!detector) {
      const builder = lingua.LanguageDetectorBuilder.fromISOCodes6391([...candidates])
      detector = (mode === 'trigrams' ? builder.withLowAccuracyMode() : builder).build()
      detectors.set(key, detector)
    }
    return detector
  }

  const answers = new Map<string, readonly LinguaScore[]>()

  return {
    scores(text, candidates, mode = 'full') {
      if (candidates.length === 1) return [{ lang: candidates[0]!, confidence: 1 }]
      const key = `${mode}:${candidates.join(',')}\u0000${text}`
      const known = answers.get(key)
      if (known) {
        answers.delete(key)
        answers.set(key, known)
        return known.map((score) => ({ ...score }))
      }
      const values = detectorFor(candidates, mode).computeLanguageConfidenceValues(text) as { language: string, confidence: number }[]
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
