import type { Db } from '../db'
import { plannedVersions } from '../db/repositories/content-items'

// Coverage (PRODUCT.md §5): for the coming weeks, the language versions planned in each
// language beside that language's share of the conversation Chorus hears.

const DAY = 86_400_000

export const COVERAGE_RULE = {
  /** Weeks ahead, counted in blocks of seven UTC days from today. */
  weeks: 4,
  /** The conversation's language shares are read over this many complete days. */
  conversationDays: 28,
  /** The most heard languages shown, besides any language the plan uses. */
  topLanguages: 8,
} as const

export interface CoverageRow {
  lang: string
  posts: number
  /** The language's share of the conversation, from 0 to 1. */
  conversationShare: number
  /** Versions planned in each coming week. */
  planned: number[]
  /** The language's share of all versions planned over those weeks, from 0 to 1. */
  planShare: number
}

export interface Coverage {
  weeks: { from: string, to: string }[]
  conversation: { from: string, to: string, posts: number }
  plannedVersions: number
  rows: CoverageRow[]
}

export function coverageWindows(now: Date) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const day = (offset: number) => new Date(today + offset * DAY).toISOString().slice(0, 10)
  return {
    weeks: Array.from({ length: COVERAGE_RULE.weeks }, (_, week) => ({ from: day(week * 7), to: day(week * 7 + 6) })),
    conversation: { from: day(-COVERAGE_RULE.conversationDays), to: day(-1) },
  }
}

/** Pure: conversation counts per language and the planned versions, laid out week by week. */
export function coverage(input: {
  now: Date
  conversation: ReadonlyMap<string, number>
  planned: readonly { lang: string, publishAt: string }[]
}): Coverage {
  const windows = coverageWindows(input.now)
  const posts = [...input.conversation.values()].reduce((a, b) => a + b, 0)
  const weekOf = (publishAt: string) => windows.weeks.findIndex((week) => publishAt.slice(0, 10) >= week.from && publishAt.slice(0, 10) <= week.to)
  const plannedByLang = new Map<string, number[]>()
  let plannedTotal = 0
  for (const version of input.planned) {
    const week = weekOf(version.publishAt)
    if (week < 0) continue
    const counts = plannedByLang.get(version.lang) ?? windows.weeks.map(() => 0)
    counts[week]! += 1
    plannedByLang.set(version.lang, counts)
    plannedTotal += 1
  }
  const heard = [...input.conversation.entries()].filter(([lang, count]) => lang !== 'und' && count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, COVERAGE_RULE.topLanguages).map(([lang]) => lang)
  const langs = [...new Set([...heard, ...[...plannedByLang.keys()].sort()])]
  const rows = langs.map((lang) => {
    const count = input.conversation.get(lang) ?? 0
    const planned = plannedByLang.get(lang) ?? windows.weeks.map(() => 0)
    const total = planned.reduce((a, b) => a + b, 0)
    return {
      lang,
      posts: count,
      conversationShare: posts ? count / posts : 0,
      planned,
      planShare: plannedTotal ? total / plannedTotal : 0,
    }
  })
  return { weeks: windows.weeks, conversation: { ...windows.conversation, posts }, plannedVersions: plannedTotal, rows }
}

export async function readCoverage(db: Db, now: Date): Promise<Coverage> {
  const windows = coverageWindows(now)
  const lastWeek = windows.weeks.at(-1)!
  const [conversation, planned] = await Promise.all([
    db.selectFrom('dailyStats').select(['lang', (eb) => eb.fn.sum<number>('posts').as('posts')])
      .where('topicId', '=', 0).where('day', '>=', windows.conversation.from).where('day', '<=', windows.conversation.to)
      .groupBy('lang').execute(),
    plannedVersions(db, `${windows.weeks[0]!.from}T00:00:00.000Z`, new Date(Date.parse(`${lastWeek.to}T00:00:00.000Z`) + DAY).toISOString()),
  ])
  return coverage({ now, conversation: new Map(conversation.map((row) => [row.lang, Number(row.posts)])), planned })
}
