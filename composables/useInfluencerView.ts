import type { InjectionKey, Ref } from 'vue'
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { INFLUENCER_SORTS, type InfluencerSort } from '~~/shared/schemas/influencers'

// The influencers page keeps what the reader is looking at in the URL, so a view can be shared,
// bookmarked and reloaded: snapshot, tab, the selected author (profile panel), the map's colour,
// filters, search and focused author, and the list's sort, filters and page.
// Query keys: snapshot, tab, author, colour (community | lang), top, weight, community, q, focus,
// sort, dir, lang, watched (1), page.

export const INFLUENCER_TABS = ['map', 'list', 'communities', 'watchlist'] as const
export type InfluencerTab = (typeof INFLUENCER_TABS)[number]
export type MapColour = 'community' | 'lang'

/** What the map shows of the network: the top N by score, edges of at least a weight, one community. */
export interface MapFilters {
  top: number | null
  minWeight: number
  community: number | null
}

export const TOP_CHOICES = [50, 100, 250, 500, 1000, 2500] as const
export const LIST_PAGE_SIZE = 50

/**
 * Where the open profile panel begins on screen (its left edge, in pixels), or null while it is
 * closed. The panel slides over the right of the page without pushing it aside: the map keeps
 * the selected author to the left of it.
 */
export const PROFILE_PANEL_EDGE: InjectionKey<Readonly<Ref<number | null>>> = Symbol('profile panel edge')

function one(value: LocationQuery[string] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return first ?? undefined
}

function whole(value: LocationQuery[string] | undefined, min: number): number | null {
  const text = one(value)
  if (text === undefined || !/^\d{1,9}$/.test(text)) return null
  const n = Number(text)
  return n >= min ? n : null
}

export type ViewChange = Partial<{
  snapshot: number | null
  tab: InfluencerTab
  author: number | null
  colour: MapColour
  top: number | null
  weight: number
  community: number | null
  q: string
  focus: number | null
  sort: InfluencerSort
  dir: 'asc' | 'desc'
  lang: string | null
  watched: boolean
  page: number
}>

// Changing what the list holds sends it back to its first page.
const LIST_SHAPING: readonly (keyof ViewChange)[] = ['snapshot', 'community', 'q', 'sort', 'dir', 'lang', 'watched']

export function useInfluencerView() {
  const route = useRoute()
  const router = useRouter()

  const snapshot = computed(() => whole(route.query.snapshot, 1))
  const tab = computed<InfluencerTab>(() => INFLUENCER_TABS.find((t) => t === one(route.query.tab)) ?? 'map')
  const author = computed(() => whole(route.query.author, 1))
  const colour = computed<MapColour>(() => (one(route.query.colour) === 'lang' ? 'lang' : 'community'))
  const filters = computed<MapFilters>(() => ({
    top: whole(route.query.top, 1),
    minWeight: whole(route.query.weight, 1) ?? 1,
    community: whole(route.query.community, 0),
  }))
  const q = computed(() => (one(route.query.q) ?? '').slice(0, 200))
  const focus = computed(() => whole(route.query.focus, 1))
  const list = computed(() => ({
    sort: INFLUENCER_SORTS.find((s) => s === one(route.query.sort)) ?? 'score',
    dir: one(route.query.dir) === 'asc' ? 'asc' as const : 'desc' as const,
    lang: one(route.query.lang) || null,
    watchedOnly: one(route.query.watched) === '1',
    page: whole(route.query.page, 1) ?? 1,
  }))

  /** Merges a change into the URL; a value at its default leaves the URL. */
  function set(change: ViewChange) {
    const query: LocationQueryRaw = { ...route.query }
    const put = (key: string, value: string | null) => {
      if (value === null) delete query[key]
      else query[key] = value
    }
    for (const [key, value] of Object.entries(change) as [keyof ViewChange, ViewChange[keyof ViewChange]][]) {
      if (key === 'tab') put(key, value === 'map' ? null : String(value))
      else if (key === 'colour') put(key, value === 'community' ? null : String(value))
      else if (key === 'weight') put(key, value === 1 ? null : String(value))
      else if (key === 'sort') put(key, value === 'score' ? null : String(value))
      else if (key === 'dir') put(key, value === 'desc' ? null : String(value))
      else if (key === 'watched') put(key, value ? '1' : null)
      else if (key === 'page') put(key, value === 1 ? null : String(value))
      else put(key, value === null || value === '' || value === undefined ? null : String(value))
    }
    if (LIST_SHAPING.some((key) => key in change) && !('page' in change)) delete query.page
    return router.replace({ query })
  }

  return { snapshot, tab, author, colour, filters, q, focus, list, set }
}
