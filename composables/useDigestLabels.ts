import type { inferRouterOutputs } from '@trpc/server'
import type { AppRouter } from '~~/server/trpc/routers'
import { type DigestFact, ISO_WEEK } from '~~/shared/digest'
import type { DigestChartLabels } from '~~/shared/digest-charts'

// The weekly digest in the reader's language: week names, dates in the instance's zone, net
// sentiment, and "what changed" as sentences. One place, so the page, its print view and the
// archive say things alike.

type Outputs = inferRouterOutputs<AppRouter>['digest']
export type DigestInfo = Outputs['info']
export type DigestArchiveEntry = Outputs['list'][number]
export type StoredDigest = Outputs['get']

// A Monday (1 January 2024) and the six days after it, for the weekday names.
const A_MONDAY = Date.UTC(2024, 0, 1)
const DAY = 86_400_000

/**
 * Words from posts (terms, names, handles) set inside a sentence: isolated, so a word in Arabic or
 * Hebrew does not reorder the sentence around it (Unicode bidi isolates, FSI … PDI).
 */
const isolate = (text: string) => `\u2068${text}\u2069`

export function useDigestLabels() {
  const { t, locale } = useI18n()
  const { number, dayRange } = useFormat()
  const { languageLabel } = useLanguageNames()

  /** "Week 47, 2026" for 2026-W47. */
  function weekTitle(week: string): string {
    const match = ISO_WEEK.exec(week)
    return match ? t('digest.weekTitle', { number: Number(match[2]), year: match[1] }) : week
  }

  /** Monday to Sunday as calendar dates: "17–23 Nov 2026". */
  function weekDates(bounds: { monday: string, sunday: string }): string {
    return dayRange(bounds.monday, bounds.sunday)
  }

  /** An instant as the wall-clock time of the instance's zone, the zone the week is cut in. */
  function inZone(instant: string, timeZone: string): string {
    return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(instant))
  }

  /**
   * Net sentiment on the −100 to +100 scale people read it on: positive minus negative, as a
   * share of the scored posts.
   */
  function net(value: number | null): string {
    if (value === null) return '—'
    return new Intl.NumberFormat(locale.value, { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(Math.round(value * 100))
  }

  function percent(share: number): string {
    return new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: share > 0 && share < 0.01 ? 1 : 0 }).format(share)
  }

  function signedPercent(change: number): string {
    return new Intl.NumberFormat(locale.value, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: Math.abs(change) < 0.1 ? 1 : 0 }).format(change)
  }

  /**
   * A language's name inside a sentence: French and Spanish write it in lower case ("en
   * anglais"), which the capitalised labels of lists and tables are not.
   */
  function languageInSentence(code: string): string {
    if (code === 'und') return t('digest.facts.undetermined')
    return new Intl.DisplayNames([locale.value], { type: 'language', fallback: 'none' }).of(code) ?? languageLabel(code)
  }

  function list(items: string[]): string {
    return new Intl.ListFormat(locale.value, { style: 'long', type: 'conjunction' }).format(items)
  }

  /** Short weekday names, Monday first. */
  const weekdays = computed(() => {
    const format = new Intl.DateTimeFormat(locale.value, { weekday: 'short', timeZone: 'UTC' })
    return Array.from({ length: 7 }, (_, day) => format.format(new Date(A_MONDAY + day * DAY)))
  })

  const chartLabels = computed<DigestChartLabels>(() => ({
    thisWeek: t('digest.charts.thisWeek'),
    previousWeek: t('digest.charts.previousWeek'),
    days: weekdays.value,
    posts: t('digest.figures.posts'),
    planned: t('digest.content.planned'),
    published: t('digest.content.published'),
    language: (code: string) => languageLabel(code),
  }))

  /** A count moving from one week to the next, in words. */
  function countChange(posts: number, previous: number): string {
    if (previous === 0) return t('digest.facts.fromNone', { previous: number(previous) })
    if (posts === previous) return t('digest.facts.unchanged', { previous: number(previous) })
    return t('digest.facts.change', { change: signedPercent((posts - previous) / previous), previous: number(previous) })
  }

  /** One fact of "what changed" as a sentence; times are the instance's, as the week is. */
  function factText(fact: DigestFact, timeZone: string): string {
    switch (fact.kind) {
      case 'quiet':
        return t('digest.facts.quiet')
      case 'volume':
        return t('digest.facts.volume', { posts: number(fact.posts), change: countChange(fact.posts, fact.previous) }, fact.posts)
      case 'sentiment':
        if (fact.previousNet === null) return t('digest.facts.sentimentFirst', { net: net(fact.net) })
        if (net(fact.net) === net(fact.previousNet)) return t('digest.facts.sentimentHeld', { net: net(fact.net) })
        return t('digest.facts.sentiment', { net: net(fact.net), previous: net(fact.previousNet) })
      case 'topicUp':
      case 'topicDown':
        return t(`digest.facts.${fact.kind}`, { topic: isolate(fact.topic), posts: number(fact.posts), previous: number(fact.previous) }, fact.posts)
      case 'languageUp':
      case 'languageDown':
        return t(`digest.facts.${fact.kind}`, { language: languageInSentence(fact.lang), posts: number(fact.posts), previous: number(fact.previous) }, fact.posts)
      case 'spikes':
        return t('digest.facts.spikes', { count: number(fact.count), topic: isolate(fact.topic), peak: number(fact.peakCount), when: inZone(fact.peakAt, timeZone) }, fact.count)
      case 'rising': {
        const who = fact.newcomer
          ? t('digest.facts.risingNewcomer', { handle: isolate(fact.handle), score: number(Math.round(fact.change)) })
          : t('digest.facts.rising', { handle: isolate(fact.handle), change: number(Math.round(fact.change)) })
        return fact.communityTerms.length ? `${who} ${t('digest.facts.risingCommunity', { terms: list(fact.communityTerms.map(isolate)) })}` : who
      }
      case 'content':
        if (fact.published >= fact.planned) return t('digest.facts.contentAll', { planned: number(fact.planned) }, fact.planned)
        return t('digest.facts.content', {
          published: number(fact.published),
          planned: number(fact.planned),
          languages: list(fact.unpublishedLangs.map(languageInSentence)),
        }, fact.planned)
    }
  }

  const FACT_ICONS: Record<DigestFact['kind'], string> = {
    quiet: 'i-lucide-moon',
    volume: 'i-lucide-messages-square',
    sentiment: 'i-lucide-smile',
    topicUp: 'i-lucide-trending-up',
    topicDown: 'i-lucide-trending-down',
    languageUp: 'i-lucide-languages',
    languageDown: 'i-lucide-languages',
    spikes: 'i-lucide-activity',
    rising: 'i-lucide-user-round-plus',
    content: 'i-lucide-calendar-check',
  }

  return { weekTitle, weekDates, inZone, net, percent, signedPercent, list, chartLabels, factText, factIcon: (fact: DigestFact) => FACT_ICONS[fact.kind] }
}

/**
 * A period of the monitor pages (UTC days, inclusive) that covers a span of instants, for links
 * from the digest to the overview and the conversations. The end is exclusive.
 */
export function monitorDays(start: string, end: string): { from: string, to: string } {
  return { from: start.slice(0, 10), to: new Date(Date.parse(end) - 1).toISOString().slice(0, 10) }
}
