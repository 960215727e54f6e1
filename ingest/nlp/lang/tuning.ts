// The numbers the detection stages decide with. They were tuned on the even-numbered lines of
// the development set (shared fixtures langid/dev-web.jsonl) and checked on the odd ones; see
// bench/langid.ts.

export interface Tuning {
  /** Least function-word evidence (in words) for the fast path to answer. */
  minWords: number
  /** Least lead of the first language over the second for the fast path to answer. */
  minLead: number
  /** Extra lead the fast path needs per letter its answer never writes (names, mis-decoded text). */
  foreignPenalty: number
  /** What an accented letter a language writes counts for, against a function word's 1. */
  letterWeight: number
  /**
   * How much function words weigh beside the model when the model decides: its confidences
   * are multiplied by exp(wordBlend × evidence). Lifts sentences by about 0.4 points.
   */
  wordBlend: number
  /** Least lead for the fast path when the declared language is the one leading. */
  agreedLead: number
  /** The declared language wins when its confidence is at least the best's divided by this. */
  declaredPrior: number
  /** Below this model confidence the answer is 'und'. */
  minConfidence: number
  /**
   * Below this model confidence, a text of one word is 'und' unless the answer is the declared
   * language or the word is one of its function words or holds one of its letters: one word is
   * often written alike in several languages ("Exacto." read as Romanian). On the development
   * set's word pairs split into single words (bench/langid.ts), wrong answers fell from 18.5 to
   * 10.5 % and right ones from 81.4 to 77.2 %; 0.3 kept the most right answers less wrong ones
   * on the even lines (0.25 and 0.35 tried), and on the odd ones too.
   */
  oneWordMinConfidence: number
  /**
   * From this many characters on, and with at least `narrowMinWords` of function-word evidence
   * for the leader, the model only weighs the languages with at least `narrowShare` of the
   * leader's evidence, topped up to the `narrowKeep` best that have any (all of them when fewer
   * than two remain). On the development set: accuracy
   * unchanged on word pairs and held-out lines, one tuning sentence in 1,650 lost; the model's
   * calls on demo posts 2-3x cheaper.
   */
  narrowFrom: number
  narrowMinWords: number
  narrowShare: number
  narrowKeep: number
  /**
   * From this many characters on, the model reads trigrams alone. On the development set:
   * accuracy unchanged on word pairs, sentences and real feeds, one held-out sentence in 1,650
   * lost; the model's calls on demo posts a third cheaper.
   */
  trigramsFrom: number
}

export const DEFAULT_TUNING: Tuning = {
  minWords: 2,
  minLead: 1.5,
  foreignPenalty: 1,
  letterWeight: 1,
  wordBlend: 1,
  // 2 keeps a wrong declaration (Mastodon's default "en") from costing more than 0.1-0.4 points
  // while a right one gains 2-4.
  declaredPrior: 2,
  agreedLead: 0.5,
  minConfidence: 0.1,
  oneWordMinConfidence: 0.3,
  narrowFrom: 25,
  narrowMinWords: 0.5,
  narrowShare: 0.25,
  narrowKeep: 4,
  trigramsFrom: 70,
}
