import { joinChains, withoutEnclosedWords } from './phrases'
import { assertCount, baselineOf, type Counts, toCountMap, zScore } from './stats'

// Emerging terms and hashtags: the ones rising against their own past, not the most frequent
// (those are the same every week and say nothing new).
//
// The rule, as the UI states it:
//
//   Each term's count in the recent window is compared with its counts in the K previous windows
//   of the same length (a window where it did not appear counts 0).
//   score = (recent − mean) / max(sd, √mean, 1), the same floored z-score as spikes, so a term
//   that went from 0 to 12 scores 12 and one that went from 100 to 130 scores 3.
//   A term emerges when recent ≥ minCount (5) and score ≥ minScore (3).
//   Ranked by score, then by recent count, then alphabetically.
//   Emerging two-word terms that chain ("migrantes deveriam", "deveriam receber") are listed as
//   one phrase ("migrantes deveriam receber") when they rose together: the same count in the
//   recent window (on each of its days, when known) and in every previous window, with no other
//   emerging pair continuing either of them that way. They are the pieces of one sentence that
//   many posts repeat, and listed apart they filled the list with its fragments.
//   A word that rises only inside an emerging two-word term or phrase (as often in the recent
//   window) is left out: it says nothing the phrase does not, as with keyphrases.
//
// Counts are raw, not shares: when a whole topic spikes, its usual terms rise with it. That is
// by design (they are what people are saying now); drivers.ts is the tool that separates what
// is distinctive in a spike.

export interface EmergingInput {
  /** Counts per term (or hashtag) in the recent window. */
  recent: Counts
  /** Counts per term in each of the K previous windows, each as long as the recent one. */
  previous: readonly Counts[]
  /** The recent window's counts day by day, when known: pairs joined into a phrase agree on each. */
  recentDays?: readonly Counts[]
  /** Each term's written form, for display; a term without one shows its key. */
  surfaces?: ReadonlyMap<string, string>
}

export interface EmergingOptions {
  /** Minimum count in the recent window. Default 5. */
  minCount?: number
  /** Minimum score. Default 3. */
  minScore?: number
  /** Terms returned. Default 20. */
  top?: number
}

export interface EmergingTerm {
  /** Stem keys, space-separated for a two-word term or a phrase; '#' + tag for a hashtag. */
  key: string
  surface: string
  recent: number
  /** Mean count over the previous windows. */
  baselineMean: number
  score: number
  /** (recent + 1) ÷ (baselineMean + 1): "×4" for the UI, defined even for brand-new terms. */
  growth: number
}

export function emergingTerms(input: EmergingInput, options: EmergingOptions = {}): EmergingTerm[] {
  const minCount = options.minCount ?? 5
  const minScore = options.minScore ?? 3
  const top = options.top ?? 20
  if (input.previous.length === 0) throw new RangeError('emerging terms need at least one previous window to compare with')
  assertCount(minCount, 'minCount')
  if (!Number.isFinite(minScore)) throw new RangeError(`minScore must be a number, got ${minScore}`)
  if (!Number.isInteger(top) || top < 0) throw new RangeError(`top must be a whole number ≥ 0, got ${top}`)

  const recent = toCountMap(input.recent, 'recent window')
  const previous = input.previous.map((counts, i) => toCountMap(counts, `previous window ${i + 1}`))
  const days = (input.recentDays ?? []).map((counts, i) => toCountMap(counts, `recent day ${i + 1}`))
  const terms: EmergingTerm[] = []
  for (const [key, count] of recent) {
    if (count < minCount) continue
    const baseline = baselineOf(previous.map((window) => window.get(key) ?? 0))
    const score = zScore(count, baseline)
    if (score < minScore) continue
    terms.push({ key, surface: input.surfaces?.get(key) ?? key, recent: count, baselineMean: baseline.mean, score, growth: (count + 1) / (baseline.mean + 1) })
  }
  terms.sort((x, y) => y.score - x.score || y.recent - x.recent || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
  const together = (a: EmergingTerm, b: EmergingTerm) => recent.get(a.key) === recent.get(b.key)
    && previous.every((window) => window.get(a.key) === window.get(b.key))
    && days.every((day) => day.get(a.key) === day.get(b.key))
  const phrases = joinChains(terms, together)
  return withoutEnclosedWords(phrases, (word, phrase) => word.recent === phrase.recent).slice(0, top)
}
