import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { CHANNELS, CONTENT_STATUSES } from '~~/shared/calendar'
import { isLanguageCode } from '~~/shared/languages'
import type { CalendarFilters } from '~~/shared/schemas/calendar'

// The calendar page keeps what it shows in the URL, so a view can be shared and reloaded:
// view (month | week | list), date (a day in the period shown, YYYY-MM-DD), lang, channel,
// status, owner (comma-separated lists) and colour (status | lang).

export const CALENDAR_VIEWS = ['month', 'week', 'list'] as const
export type CalendarView = (typeof CALENDAR_VIEWS)[number]
export const COLOUR_MODES = ['status', 'lang'] as const
export type ColourMode = (typeof COLOUR_MODES)[number]

const DAY = /^\d{4}-\d{2}-\d{2}$/

function one(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value
  return first ?? ''
}

function list(value: LocationQuery[string] | undefined): string[] {
  return one(value).split(',').map((v) => v.trim()).filter(Boolean)
}

function oneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value)
}

export interface CalendarState {
  view: CalendarView
  /** A day of the period shown; null for the period holding today. */
  date: string | null
  colour: ColourMode
  filters: CalendarFilters
}

/** What the URL asks for; anything that does not make sense is left out. */
export function calendarStateFromQuery(query: LocationQuery): CalendarState {
  const view = one(query.view)
  const colour = one(query.colour)
  const date = one(query.date)
  return {
    view: oneOf(CALENDAR_VIEWS, view) ? view : 'month',
    date: DAY.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? date : null,
    colour: oneOf(COLOUR_MODES, colour) ? colour : 'status',
    filters: {
      langs: list(query.lang).filter(isLanguageCode),
      channels: list(query.channel).filter((c) => oneOf(CHANNELS, c)),
      statuses: list(query.status).filter((s) => oneOf(CONTENT_STATUSES, s)),
      ownerIds: list(query.owner).map(Number).filter((n) => Number.isInteger(n) && n > 0),
    } as CalendarFilters,
  }
}

export function queryFromCalendarState(state: CalendarState): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (state.view !== 'month') query.view = state.view
  if (state.date) query.date = state.date
  if (state.colour !== 'status') query.colour = state.colour
  if (state.filters.langs.length) query.lang = state.filters.langs.join(',')
  if (state.filters.channels.length) query.channel = state.filters.channels.join(',')
  if (state.filters.statuses.length) query.status = state.filters.statuses.join(',')
  if (state.filters.ownerIds.length) query.owner = state.filters.ownerIds.join(',')
  return query
}

export function useCalendarView() {
  const route = useRoute()
  const router = useRouter()
  const state = computed(() => calendarStateFromQuery(route.query))

  function update(change: Partial<Omit<CalendarState, 'filters'>> & { filters?: Partial<CalendarFilters> }) {
    const next = { ...state.value, ...change, filters: { ...state.value.filters, ...change.filters } }
    return router.replace({ query: queryFromCalendarState(next) })
  }

  return { state, update }
}
