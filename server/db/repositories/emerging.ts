import { emergingTerms, type EmergingTerm } from '../../../ingest/nlp/trends/emerging'
import type { Db } from '../index'

// Emerging terms per language (ingest/nlp/trends/emerging.ts): the last seven days of a period
// against the four weeks before. Terms are stems of one language, so they emerge within their
// language; a view over several languages lists each language's emerging terms by score.
//
// Reading a month of daily term counts takes a while on a large corpus, so the scheduler's watch
// stores the lists for the window ending today; a period ending on another day computes them
// when asked, with the same function.

export const EMERGING_WINDOW_DAYS = 7
export const EMERGING_PREVIOUS_WINDOWS = 4
/** Terms kept per language. */
const STORED = 50
const DAY = 86_400_000

export interface EmergingWindow {
  from: string
  to: string
}

export type LangEmergingTerm = EmergingTerm & { lang: string }

function day(t: number): string {
  return new Date(t).toISOString().slice(0, 10)
}

/** The recent window of a period: its last seven days, or all of a shorter one. */
export function emergingWindow(from: string, to: string): EmergingWindow {
  const end = Date.parse(`${to}T00:00:00Z`)
  const start = Math.max(Date.parse(`${from}T00:00:00Z`), end - (EMERGING_WINDOW_DAYS - 1) * DAY)
  return { from: day(start), to }
}

function windowLength(window: EmergingWindow): number {
  return Math.round((Date.parse(`${window.to}T00:00:00Z`) - Date.parse(`${window.from}T00:00:00Z`)) / DAY) + 1
}

/** One language's emerging terms for a window, read from the daily term counts. */
export async function computeEmerging(db: Db, lang: string, window: EmergingWindow, top = STORED): Promise<LangEmergingTerm[]> {
  const length = windowLength(window)
  const start = Date.parse(`${window.from}T00:00:00Z`)
  const first = day(start - length * EMERGING_PREVIOUS_WINDOWS * DAY)
  const rows = await db.selectFrom('termDaily').select(['day', 'term', 'surface', 'docs'])
    .where('lang', '=', lang).where('day', '>=', first).where('day', '<=', window.to).execute()
  const recent = new Map<string, number>()
  const recentDays = Array.from({ length }, () => new Map<string, number>())
  const previous = Array.from({ length: EMERGING_PREVIOUS_WINDOWS }, () => new Map<string, number>())
  const surfaces = new Map<string, string>()
  for (const row of rows) {
    const offset = Math.floor((Date.parse(`${row.day}T00:00:00Z`) - start) / DAY)
    if (offset >= 0) {
      recent.set(row.term, (recent.get(row.term) ?? 0) + row.docs)
      recentDays[offset]?.set(row.term, row.docs)
      surfaces.set(row.term, row.surface)
      continue
    }
    const counts = previous[EMERGING_PREVIOUS_WINDOWS + Math.floor(offset / length)]
    counts?.set(row.term, (counts.get(row.term) ?? 0) + row.docs)
  }
  return emergingTerms({ recent, previous, recentDays, surfaces }, { top }).map((term) => ({ ...term, lang }))
}

async function languagesWithTerms(db: Db, window: EmergingWindow): Promise<string[]> {
  const rows = await db.selectFrom('termDaily').select('lang').distinct().where('day', '>=', window.from).where('day', '<=', window.to).execute()
  return rows.map((row) => row.lang).filter((lang) => lang !== 'und')
}

/** Stores every language's list for the window ending on `now`'s day; older lists are dropped. */
export async function refreshEmergingTerms(db: Db, now: Date): Promise<{ languages: number, terms: number }> {
  const today = day(now.getTime())
  const recent = emergingWindow(day(now.getTime() - (EMERGING_WINDOW_DAYS - 1) * DAY), today)
  const langs = await languagesWithTerms(db, recent)
  const lists = new Map<string, LangEmergingTerm[]>()
  for (const lang of langs) lists.set(lang, await computeEmerging(db, lang, recent))
  let terms = 0
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('emergingTerms').execute()
    for (const [lang, list] of lists) {
      // Marks the language as computed even when nothing emerges in it.
      await trx.insertInto('emergingTerms').values({ lang, windowEnd: recent.to, rank: 0, term: '', surface: '', recent: 0, baselineMean: 0, score: 0, growth: 0 }).execute()
      for (const [index, term] of list.entries()) {
        await trx.insertInto('emergingTerms').values({
          lang, windowEnd: recent.to, rank: index + 1, term: term.key, surface: term.surface,
          recent: term.recent, baselineMean: term.baselineMean, score: term.score, growth: term.growth,
        }).execute()
        terms++
      }
    }
  })
  return { languages: lists.size, terms }
}

/** The emerging terms of a period's last week under a language filter (all languages when empty). */
export async function emergingFor(db: Db, period: { from: string, to: string }, langs: readonly string[], top: number) {
  const window = emergingWindow(period.from, period.to)
  const stored = await db.selectFrom('emergingTerms').selectAll()
    .where('windowEnd', '=', window.to).$if(langs.length > 0, (q) => q.where('lang', 'in', langs)).execute()
  const storedLangs = new Set(stored.map((row) => row.lang))
  // Stored lists are for a full seven-day window ending today.
  const usable = windowLength(window) === EMERGING_WINDOW_DAYS && storedLangs.size > 0
  const wanted = langs.length ? langs : usable ? [...storedLangs] : await languagesWithTerms(db, window)
  const terms: LangEmergingTerm[] = []
  for (const lang of wanted) {
    if (usable && storedLangs.has(lang)) {
      for (const row of stored) {
        if (row.lang === lang && row.rank > 0) terms.push({ key: row.term, surface: row.surface, lang, recent: row.recent, baselineMean: row.baselineMean, score: row.score, growth: row.growth })
      }
    }
    else terms.push(...await computeEmerging(db, lang, window))
  }
  terms.sort((a, b) => b.score - a.score || b.recent - a.recent || a.key.localeCompare(b.key))
  return { window, terms: terms.slice(0, top) }
}
