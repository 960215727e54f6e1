import type { Lang, TopicId } from '../model'

// Every sentence of the demo is written by hand, per language, so language detection, topic
// queries and keyphrases meet natural text. Templates take slots filled at generation time:
//   {place} {org} {num} {pct} {money} {when}   and   {@} for a mention.
// Slots sit where grammar does not change with the filler (after "according to", before a
// colon...), so any filler fits any template.

export interface TopicText {
  /** Neutral, reportable statements: social posts and news descriptions. */
  facts: string[]
  /** Opinions, calls to act and questions: social posts only. */
  views: string[]
  /** News headlines. */
  headlines: string[]
  /** Titles of Reddit discussion posts. */
  questions: string[]
  /** Without '#'; the first is the topic's main tag in this language. */
  hashtags: string[]
  /** The RSS <category> an outlet files the topic under. */
  category: string
  /** URL path segment of the outlet's section for the topic. */
  section: string
}

export interface LanguagePack {
  lang: Lang
  topics: Record<TopicId, TopicText>
  /** Openers put before a statement; each ends with a colon or a dash, so capitals stay right. */
  leads: string[]
  /** Short sentences that can end any post. */
  closers: string[]
  /** Put before a shared link. */
  linkIntros: string[]
  /** Sentences that carry a mention: {@}. */
  mentionLines: string[]
  /** Reply openers. */
  replies: string[]
  /** Comments put on a quoted post. */
  quotes: string[]
  when: string[]
  orgs: string[]
  /** Amounts of money: {int} (5-950) and {dec} (1.1-9.9) are replaced by numbers. */
  money: string[]
  /** Percentage: {n} is replaced by the number. */
  percent: string
  /**
   * `lakh`: Indian grouping (12,34,500) instead of groups of three. `myriad`: large counts now
   * and then in units of 万 (ten thousand), as Japanese writes them: 1万2,000.
   */
  digits: { group: string, decimal: string, lakh?: boolean, myriad?: boolean }
  /** What separates two sentences: a space, or nothing in Japanese. Default a space. */
  sentenceGap?: string
  /** Words for Reddit user names. */
  handleWords: string[]
}

/** The cholera outbreak of the demo's spike, in the languages it is discussed in. */
export type SpikeText = Pick<TopicText, 'facts' | 'views' | 'headlines' | 'hashtags' | 'questions'>
