import type { inferRouterOutputs } from '@trpc/server'
import type { AppRouter } from '~~/server/trpc/routers'
import { rankCommunities, rankedColours } from '~~/shared/network-map'
import { MAP_SHADES, type MapShades } from '~~/shared/palette'
import type { MapColour } from './useInfluencerView'

// The colours of a network snapshot as every influencer view uses them: communities ranked by
// size and languages by how many authors write in them, one palette colour each while they last.
// The map, its legend, the list, the communities and the profile all agree through this.

type Outputs = inferRouterOutputs<AppRouter>['influencers']
export type NetworkMap = Outputs['map']
export type MapNode = NetworkMap['nodes'][number]
export type Community = Outputs['communities'][number]

export interface LegendEntry {
  key: string
  colour: string
  count: number
  /** A community number or language code; null for the entry that gathers the rest. */
  value: number | string | null
}

export function useNetworkColours(communities: Ref<Community[]>, map: Ref<NetworkMap | null | undefined>) {
  const colourMode = useColorMode()
  const shades = computed<MapShades>(() => (colourMode.value === 'dark' ? MAP_SHADES.dark : MAP_SHADES.light))

  const communityColour = computed(() => rankedColours(rankCommunities(communities.value), shades.value.other))

  /** The map's languages, most authors first ('und' for none detected). */
  const languages = computed(() => {
    const counts = new Map<string, number>()
    for (const node of map.value?.nodes ?? []) counts.set(node.lang ?? 'und', (counts.get(node.lang ?? 'und') ?? 0) + 1)
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  })
  const langColour = computed(() => rankedColours(languages.value.filter(([code]) => code !== 'und').map(([code]) => code), shades.value.other))

  function colourBy(mode: MapColour): (node: Pick<MapNode, 'community' | 'lang'>) => string {
    const byCommunity = communityColour.value
    const byLang = langColour.value
    return mode === 'lang' ? (node) => byLang(node.lang ?? 'und') : (node) => byCommunity(node.community)
  }

  /** Legend rows: one per coloured community or language, then one for all the others. */
  function legend(mode: MapColour, limit: number): LegendEntry[] {
    const rows = mode === 'lang'
      ? languages.value.map(([code, count]) => ({ key: `lang-${code}`, value: code as string | number, count, colour: langColour.value(code) }))
      : [...communities.value].sort((a, b) => b.size - a.size || a.community - b.community)
          .map((c) => ({ key: `community-${c.community}`, value: c.community as string | number, count: c.size, colour: communityColour.value(c.community) }))
    const shown = rows.filter((row) => row.colour !== shades.value.other).slice(0, limit)
    const rest = rows.filter((row) => !shown.includes(row))
    if (!rest.length) return shown
    return [...shown, { key: 'other', value: null, count: rest.reduce((sum, row) => sum + row.count, 0), colour: shades.value.other }]
  }

  return { shades, communityColour, langColour, languages, colourBy, legend }
}

export type ProfileNetwork = NonNullable<Outputs['profile']['network']>

/**
 * The author's community number. The profile names it inside the community's description,
 * which every community of a snapshot has; null if a snapshot ever lacks one.
 */
export function communityOf(network: ProfileNetwork): number | null {
  return network.community?.community ?? null
}
