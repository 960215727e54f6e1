import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { PLATFORMS } from '~~/ingest/types'
import { type MonitorFilters, monitorFiltersSchema, presetPeriod, RANGE_PRESETS, SENTIMENT_FILTERS, todayUtc } from '~~/shared/schemas/monitor'

// The overview and conversations pages keep their filters in the URL, so a view can be shared,
// bookmarked and reloaded. Query keys: range (7 | 30 | 90 days ending today) or from & to
// (YYYY-MM-DD), topic, lang, platform, source, sentiment (comma-separated lists).

export const DEFAULT_RANGE = 30

export { presetPeriod, todayUtc }

function one(value: LocationQuery[string] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return first ?? undefined
}

function list(value: LocationQuery[string] | undefined): string[] {
  return (one(value) ?? '').split(',').map((v) => v.trim()).filter(Boolean)
}

/** The preset the URL names, if the period is one. */
export function rangePreset(query: LocationQuery): number | null {
  if (one(query.from) || one(query.to)) return null
  const days = Number(one(query.range) ?? DEFAULT_RANGE)
  return (RANGE_PRESETS as readonly number[]).includes(days) ? days : DEFAULT_RANGE
}

/** Filters from a URL query; anything that does not validate falls back to the default. */
export function filtersFromQuery(query: LocationQuery, now = new Date()): MonitorFilters {
  const preset = rangePreset(query)
  const period = preset ? presetPeriod(preset, now) : { from: one(query.from) ?? '', to: one(query.to) ?? '' }
  const topic = Number(one(query.topic))
  const candidate = {
    ...period,
    topicId: Number.isInteger(topic) && topic > 0 ? topic : null,
    langs: list(query.lang),
    platforms: list(query.platform).filter((p) => (PLATFORMS as readonly string[]).includes(p)),
    sourceIds: list(query.source).map(Number).filter((n) => Number.isInteger(n) && n >= 0),
    sentiments: list(query.sentiment).filter((s) => (SENTIMENT_FILTERS as readonly string[]).includes(s)),
  }
  const parsed = monitorFiltersSchema.safeParse(candidate)
  if (parsed.success) return parsed.data
  return monitorFiltersSchema.parse({ ...presetPeriod(DEFAULT_RANGE, now) })
}

/** The URL query for filters; `range` replaces from/to when the period is a preset ending today. */
export function queryFromFilters(filters: MonitorFilters, preset: number | null): LocationQueryRaw {
  const query: LocationQueryRaw = preset ? { range: String(preset) } : { from: filters.from, to: filters.to }
  if (filters.topicId !== null) query.topic = String(filters.topicId)
  if (filters.langs.length) query.lang = filters.langs.join(',')
  if (filters.platforms.length) query.platform = filters.platforms.join(',')
  if (filters.sourceIds.length) query.source = filters.sourceIds.join(',')
  if (filters.sentiments.length) query.sentiment = filters.sentiments.join(',')
  return query
}

const FILTER_KEYS = ['range', 'from', 'to', 'topic', 'lang', 'platform', 'source', 'sentiment']

/**
 * The page's filters, read from and written to the URL. `update` merges a change (a preset, a
 * custom period, a clicked language) and keeps other query keys the page owns (search text...).
 */
export function useMonitorFilters() {
  const route = useRoute()
  const router = useRouter()
  const filters = computed(() => filtersFromQuery(route.query))
  const preset = computed(() => rangePreset(route.query))

  function update(change: Partial<MonitorFilters> & { preset?: number | null }) {
    const { preset: nextPreset, ...rest } = change
    const keepPreset = nextPreset !== undefined ? nextPreset : (rest.from || rest.to ? null : preset.value)
    const next = { ...filters.value, ...rest, ...(nextPreset ? presetPeriod(nextPreset) : {}) }
    const others = Object.fromEntries(Object.entries(route.query).filter(([key]) => !FILTER_KEYS.includes(key)))
    return router.replace({ query: { ...others, ...queryFromFilters(next, keepPreset) } })
  }

  return { filters, preset, update }
}
