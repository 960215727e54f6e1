import type { InfluencerSort } from '~~/shared/schemas/influencers'

// How a network snapshot and its score are named in the reader's language: the scope
// ("Refugees · French · 1–30 Nov 2026"), the parts of the score, their values and a community.

interface Scope { topicName: string | null, lang: string | null, fromDay: string, toDay: string }

export function useSnapshotLabels() {
  const { t, locale } = useI18n()
  const { languageLabel } = useLanguageNames()

  const { dayRange: period } = useFormat()

  function scopeLabel(scope: Scope): string {
    return [
      scope.topicName ?? t('influencers.scope.allTopics'),
      scope.lang ? languageLabel(scope.lang) : t('influencers.scope.allLanguages'),
      period(scope.fromDay, scope.toDay),
    ].join(' · ')
  }

  const partLabel = (part: InfluencerSort) => t(`influencers.parts.${part}`)

  const percent = (share: number, digits = 0) => new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: digits }).format(share)

  /** A metric as measured: PageRank and betweenness are small fractions, the rest are counts; unknown stays unknown. */
  function metric(part: InfluencerSort, value: number | null): string {
    if (value === null) return t('influencers.parts.unknown')
    if (part === 'pagerank' || part === 'betweenness') {
      return new Intl.NumberFormat(locale.value, { maximumSignificantDigits: 3 }).format(value)
    }
    return new Intl.NumberFormat(locale.value, { maximumFractionDigits: 1 }).format(value)
  }

  const communityLabel = (community: number) => t('influencers.community', { n: community })

  const list = (items: string[]) => new Intl.ListFormat(locale.value, { style: 'long', type: 'conjunction' }).format(items)

  return { scopeLabel, period, partLabel, percent, metric, communityLabel, list }
}
