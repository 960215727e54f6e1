import type { LanguageCode } from '../../../shared/languages'
import { buildFunctionWordModel, LATIN_LANGUAGES, OTHER_LATIN_LANGUAGES, scoreFunctionWords } from './function-words'
import type { LinguaStage } from './lingua'
import { malayEvidence } from './malay'
import type { Tuning } from './tuning'

// Latin script carries 19 of Chorus's languages. Function words settle a post when one
// language clearly leads and no letter contradicts it; otherwise lingua decides, its
// confidences weighted by the same function-word evidence.

export type LatinStage = 'words' | 'model' | 'out-of-set'

export interface LatinAnswer {
  lang: LanguageCode | 'und'
  /** Before scaling by the share of the text in Latin script. */
  confidence: number
  stage: LatinStage
}

export type LatinDetector = (text: string, declared: LanguageCode | null) => LatinAnswer

export function latinDetector(candidates: readonly LanguageCode[], lingua: LinguaStage | null, tuning: Tuning): LatinDetector {
  const latin = LATIN_LANGUAGES.filter((code) => candidates.includes(code))
  // Chorus's Latin-script languages the caller does not work in. They stay in the running, for
  // the words and for the model, so that a Spanish post read by an English and French instance
  // is 'und' rather than whichever of the two the model finds nearer.
  const rivals = LATIN_LANGUAGES.filter((code) => !candidates.includes(code))
  // What the words and the model weigh, ours first: the scores' indices follow this order.
  const weighed = [...latin, ...rivals]
  // Languages the function words know but the caller does not want: leading among them marks
  // a text as out of the set rather than as its nearest candidate.
  const model = buildFunctionWordModel([...weighed, ...OTHER_LATIN_LANGUAGES])
  const malayan = malayanChooser(latin.includes('id') && latin.includes('ms'))
  // Indonesian and Malay count as one when measuring a lead: their lists overlap by design.
  const partner = weighed.map((code) => (code === 'id' ? weighed.indexOf('ms') : code === 'ms' ? weighed.indexOf('id') : -1))

  // The model's answer as one of ours, if it is. Malay and Indonesian are one for an instance
  // that works in either: the model tells them apart too seldom to call one of them foreign.
  function ours(lang: LanguageCode): LanguageCode | null {
    if (latin.includes(lang)) return lang
    const twin = partner[weighed.indexOf(lang)]!
    return twin >= 0 && twin < latin.length ? latin[twin]! : null
  }

  function lead(scores: Float64Array, top: number): number {
    let second = 0
    for (let i = 0; i < weighed.length; i++) if (i !== top && i !== partner[top] && scores[i]! > second) second = scores[i]!
    return scores[top]! - second
  }

  // The model's cost grows with its candidates and the text's length (about 1 ms for 19
  // languages and 90 characters). Once a text has a few words, languages whose function words
  // barely show are out of the running: the model weighs only the leaders.
  function modelCandidates(text: string, scores: Float64Array, declared: LanguageCode | null): readonly LanguageCode[] {
    if (text.length < tuning.narrowFrom) return weighed
    let top = 0
    for (let i = 0; i < weighed.length; i++) top = Math.max(top, scores[i]!)
    if (top < tuning.narrowMinWords) return weighed
    const evidence = weighed.map((_, i) => Math.max(scores[i]!, scores[partner[i]!] ?? 0))
    const kept = new Set(weighed.filter((code, i) => code === declared || evidence[i]! >= tuning.narrowShare * top))
    // Too few left and a close second may be missing: the best-scoring fill up to narrowKeep, but
    // only languages with some evidence; the list's order is no reason to weigh a language.
    const ranked = weighed.map((_, i) => i).sort((a, b) => evidence[b]! - evidence[a]!)
    for (const i of ranked) {
      if (kept.size >= tuning.narrowKeep || evidence[i] === 0) break
      kept.add(weighed[i]!)
    }
    return kept.size >= 2 ? weighed.filter((code) => kept.has(code)) : weighed
  }

  function modelAnswer(text: string, scores: Float64Array, declared: LanguageCode | null, words: number): LatinAnswer {
    if (!lingua || weighed.length === 1) return { lang: latin[0]!, confidence: 1 - 0.5 * Math.exp(-scores[0]!), stage: 'model' }
    const mode = text.length >= tuning.trigramsFrom ? 'trigrams' : 'full'
    const answers = lingua.scores(text, modelCandidates(text, scores, declared), mode).map(({ lang, confidence }) =>
      ({ lang, confidence: confidence * Math.exp(tuning.wordBlend * scores[weighed.indexOf(lang)]!) }))
    const total = answers.reduce((sum, score) => sum + score.confidence, 0)
    let best = answers[0]!
    for (const score of answers) if (score.confidence > best.confidence) best = score
    // Too flat a distribution is no answer, whatever was declared.
    if (total <= 0 || best.confidence / total < tuning.minConfidence) return { lang: 'und', confidence: 0, stage: 'model' }
    const hint = declared ? answers.find((score) => score.lang === declared) : undefined
    if (hint && hint.confidence * tuning.declaredPrior >= best.confidence) best = hint
    const lang = ours(best.lang)
    if (!lang) return { lang: 'und', confidence: 0, stage: 'out-of-set' }
    const confidence = best.confidence / total
    // One word that is neither a function word of the answer's nor holds one of its letters is too little to outweigh the model's doubt.
    const unsupported = words === 1 && best !== hint && scores[weighed.indexOf(best.lang)] === 0
    if (unsupported && confidence < tuning.oneWordMinConfidence) return { lang: 'und', confidence: 0, stage: 'model' }
    return { lang: malayan(lang, text, declared), confidence, stage: 'model' }
  }

  return (text, declared) => {
    if (latin.length === 0) return { lang: 'und', confidence: 0, stage: 'out-of-set' }
    const { scores, foreign, distinct, words } = scoreFunctionWords(model, text, tuning.letterWeight)
    let top = 0
    for (let i = 1; i < latin.length; i++) if (scores[i]! > scores[top]!) top = i
    // Another language's words leading all of ours: a Finnish or Czech post, say. A word repeated
    // counts once here: it can be a place name ("Belém" is Hungarian for "into me").
    for (let i = latin.length; i < scores.length; i++) {
      if (i === partner[top]) continue
      if (distinct[i]! >= tuning.minWords && scores[i]! - scores[top]! >= tuning.minLead) return { lang: 'und', confidence: 0, stage: 'out-of-set' }
    }
    const topLead = lead(scores, top)
    const hinted = declared ? latin.indexOf(declared) : -1
    // A declared language that the words do not rule out goes to the model, where it can tip a close call.
    const declaredOpen = hinted >= 0 && hinted !== top && hinted !== partner[top] && scores[hinted]! * 2 >= scores[top]!
    if (scores[top]! >= tuning.minWords && topLead >= tuning.minLead + foreign[top]! * tuning.foreignPenalty && !declaredOpen) {
      return { lang: malayan(latin[top]!, text, declared), confidence: 1 - 0.5 * Math.exp(-topLead), stage: 'words' }
    }
    // The declaration and the words agreeing is evidence from two sides: a smaller lead will do.
    const agreed = hinted >= 0 && (hinted === top || hinted === partner[top])
    // One word of the declared language's own, with no other language's beside it, will do too
    // ("Hii 👇" declared sw), except for English: platforms declare it by default, and its list
    // holds words such as "place" and "cases" that other languages write as well.
    const enoughWords = scores[top]! >= tuning.minWords
    const loneWord = !enoughWords && scores[top]! >= 1 && declared !== 'en'
    const leadNeeded = (enoughWords ? tuning.agreedLead : 1) + foreign[top]! * tuning.foreignPenalty
    if (agreed && (enoughWords || loneWord) && topLead >= leadNeeded) {
      return { lang: malayan(latin[top]!, text, declared), confidence: 1 - 0.5 * Math.exp(-topLead - 1), stage: 'words' }
    }
    return modelAnswer(text, scores, declared, words)
  }
}

function malayanChooser(both: boolean) {
  return (lang: LanguageCode, text: string, declared: LanguageCode | null): LanguageCode => {
    if (!both || (lang !== 'id' && lang !== 'ms')) return lang
    const evidence = malayEvidence(text)
    if (evidence !== 0) return evidence > 0 ? 'ms' : 'id'
    return declared === 'id' || declared === 'ms' ? declared : lang
  }
}
