import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { CONVERSATION_SORTS, type MonitorFilters } from '~~/shared/schemas/monitor'
import { queryFromFilters, useMonitorFilters } from './useMonitorFilters'

// The conversation stream's state lives in the URL beside the monitor filters, so a search can
// be shared and bookmarked: q (the search text), author (an author id) and sort (omitted for
// newest first) and community (snapshot:community, from the influencer pages).

export type ConversationSort = (typeof CONVERSATION_SORTS)[number]

export interface ConversationParams {
  filters: MonitorFilters
  q: string
  authorId: number | null
  community: CommunityFilter | null
  sort: ConversationSort
}

export interface CommunityFilter {
  snapshotId: number
  community: number
}

/** `12:3` → community 3 of snapshot 12; anything else → none. */
export function parseCommunity(value: string): CommunityFilter | null {
  const match = /^(\d+):(\d+)$/.exec(value)
  if (!match) return null
  const snapshotId = Number(match[1])
  return snapshotId > 0 ? { snapshotId, community: Number(match[2]) } : null
}

function one(value: LocationQuery[string] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

function searchKeys(params: Omit<ConversationParams, 'filters'>): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (params.q) query.q = params.q
  if (params.authorId !== null) query.author = String(params.authorId)
  if (params.community !== null) query.community = `${params.community.snapshotId}:${params.community.community}`
  if (params.sort !== 'newest') query.sort = params.sort
  return query
}

/** The page query of a search: a saved search opens through this. */
export function conversationsQuery(params: ConversationParams): LocationQueryRaw {
  return { ...queryFromFilters(params.filters, null), ...searchKeys(params) }
}

const SEARCH_KEYS = ['q', 'author', 'community', 'sort']

export function useConversationSearch() {
  const route = useRoute()
  const router = useRouter()
  const { filters, preset, update } = useMonitorFilters()

  const q = computed(() => one(route.query.q).trim())
  const authorId = computed(() => {
    const id = Number(one(route.query.author))
    return Number.isInteger(id) && id > 0 ? id : null
  })
  const community = computed(() => parseCommunity(one(route.query.community)))
  const sort = computed<ConversationSort>(() => {
    const value = one(route.query.sort)
    return (CONVERSATION_SORTS as readonly string[]).includes(value) ? value as ConversationSort : 'newest'
  })
  /** What conversations.search and conversations.count take, besides the sort and the page. */
  const input = computed(() => ({ filters: filters.value, q: q.value, authorId: authorId.value, community: community.value }))
  const params = computed<ConversationParams>(() => ({ ...input.value, sort: sort.value }))

  /** Changes the search, keeping the filters as the URL has them (a preset stays a preset). */
  function set(change: Partial<Omit<ConversationParams, 'filters'>>) {
    const others = Object.fromEntries(Object.entries(route.query).filter(([key]) => !SEARCH_KEYS.includes(key)))
    return router.replace({ query: { ...others, ...searchKeys({ ...params.value, ...change }) } })
  }

  return { filters, preset, update, q, authorId, community, sort, input, params, set }
}
