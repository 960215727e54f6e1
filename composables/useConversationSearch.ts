import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { CONVERSATION_SORTS, type MonitorFilters } from '~~/shared/schemas/monitor'
import { queryFromFilters, useMonitorFilters } from './useMonitorFilters'

// The conversation stream's state lives in the URL beside the monitor filters, so a search can
// be shared and bookmarked: q (the search text), author (an author id) and sort (omitted for
// newest first).

export type ConversationSort = (typeof CONVERSATION_SORTS)[number]

export interface ConversationParams {
  filters: MonitorFilters
  q: string
  authorId: number | null
  sort: ConversationSort
}

function one(value: LocationQuery[string] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

function searchKeys(params: Omit<ConversationParams, 'filters'>): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (params.q) query.q = params.q
  if (params.authorId !== null) query.author = String(params.authorId)
  if (params.sort !== 'newest') query.sort = params.sort
  return query
}

/** The page query of a search: a saved search opens through this. */
export function conversationsQuery(params: ConversationParams): LocationQueryRaw {
  return { ...queryFromFilters(params.filters, null), ...searchKeys(params) }
}

const SEARCH_KEYS = ['q', 'author', 'sort']

export function useConversationSearch() {
  const route = useRoute()
  const router = useRouter()
  const { filters, preset, update } = useMonitorFilters()

  const q = computed(() => one(route.query.q).trim())
  const authorId = computed(() => {
    const id = Number(one(route.query.author))
    return Number.isInteger(id) && id > 0 ? id : null
  })
  const sort = computed<ConversationSort>(() => {
    const value = one(route.query.sort)
    return (CONVERSATION_SORTS as readonly string[]).includes(value) ? value as ConversationSort : 'newest'
  })
  /** What conversations.search and conversations.count take, besides the sort and the page. */
  const input = computed(() => ({ filters: filters.value, q: q.value, authorId: authorId.value }))
  const params = computed<ConversationParams>(() => ({ ...input.value, sort: sort.value }))

  /** Changes the search, keeping the filters as the URL has them (a preset stays a preset). */
  function set(change: Partial<Omit<ConversationParams, 'filters'>>) {
    const others = Object.fromEntries(Object.entries(route.query).filter(([key]) => !SEARCH_KEYS.includes(key)))
    return router.replace({ query: { ...others, ...searchKeys({ ...params.value, ...change }) } })
  }

  return { filters, preset, update, q, authorId, sort, input, params, set }
}
