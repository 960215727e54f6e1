import { did } from '../formats/ids'
import type { Author, AuthorRole, Channel, CommunitySpec, Declares, InfluencerSpec, Lang, Outlet, SocialPlatform, Weights } from '../model'
import { hashString, Random, WeightedTable } from '../random'
import { COMMUNITIES, INSTANCES, REMOTE_HOMES, SPIKE_DRIVERS } from './communities'
import { PACKS } from '../text'
import { asciiFold, NAMES, ROLES, splitName } from './names'
import { bylineLang, OUTLETS } from './outlets'

// The people of the demo: a fixed cast (influencers, bridges, the spike's drivers) written by
// hand so tests and the UI can name them, and about 2,900 generated accounts with heavy-tailed
// followers and activity.

export const SOCIAL: SocialPlatform[] = ['mastodon', 'bluesky', 'reddit']
const TARGET_AUTHORS = 3000
const DAY = 86_400_000

export interface World {
  communities: CommunitySpec[]
  authors: Author[]
  outlets: Outlet[]
  /** Who writes, per community and social platform (index in SOCIAL), drawn by activity. */
  posters: WeightedTable<Author>[][]
  /** Who gets mentioned, per community and social platform, drawn by attraction. */
  notables: WeightedTable<Author>[][]
  drivers: Author[]
}

interface Draft {
  channel: Channel
  community: number
  role: AuthorRole
  primary: Lang
  secondary?: Lang | null
  username?: string
  displayName?: string
  bio?: string
  bridgeTo?: number
}

export function buildWorld(seed: number, start: number): World {
  const random = Random.derive(seed, 'world')
  const builder = new AuthorBuilder(random, seed, start)
  COMMUNITIES.forEach((community, index) => addCast(builder, community, index))
  const eastAfrica = COMMUNITIES.findIndex((c) => c.id === 'east-africa-health')
  const drivers = SPIKE_DRIVERS.map((d) => builder.add({ channel: d.platform, community: eastAfrica, role: 'driver', primary: 'sw', secondary: 'en', ...d }))
  drivers.push(...builder.authors.filter((a) => a.community === eastAfrica && a.role === 'influencer' && a.channel !== 'reddit').slice(0, 2))
  const outlets = OUTLETS.map((spec) => {
    const community = COMMUNITIES.findIndex((c) => c.id === spec.communityId)
    const outlet: Outlet = { ...spec, community, journalists: [] }
    for (let i = 0; i < spec.bylines; i++) outlet.journalists.push(builder.add({ channel: 'feed', community, role: 'journalist', primary: bylineLang(spec) }))
    return outlet
  })
  const people = TARGET_AUTHORS - builder.authors.length
  COMMUNITIES.forEach((community, index) => {
    const count = Math.round(people * community.volume)
    for (let i = 0; i < count; i++) builder.add(personDraft(random, community, index))
  })
  return { communities: COMMUNITIES, authors: builder.authors, outlets, drivers, ...pools(builder.authors) }
}

function addCast(builder: AuthorBuilder, community: CommunitySpec, index: number): void {
  const fromSpec = (spec: InfluencerSpec, role: AuthorRole, bridgeTo?: number): Draft => ({
    channel: spec.platform, community: index, role, primary: spec.lang, secondary: spec.also ?? null,
    username: spec.username, displayName: spec.displayName, bio: spec.bio, bridgeTo,
  })
  for (const spec of community.influencers) builder.add(fromSpec(spec, 'influencer'))
  for (const spec of community.bridges) builder.add(fromSpec(spec, 'bridge', COMMUNITIES.findIndex((c) => c.id === spec.bridgeTo)))
  for (const name of community.orgs) {
    const platform = builder.random.pick<SocialPlatform>(['mastodon', 'mastodon', 'bluesky'])
    builder.add({ channel: platform, community: index, role: 'org', primary: mainLang(community), displayName: name })
  }
}

function personDraft(random: Random, community: CommunitySpec, index: number): Draft {
  const weights = SOCIAL.map((platform) => community.channels[platform])
  const channel = SOCIAL[random.weightedIndex(weights)]!
  const primary = pickWeighted(random, community.langs)
  const main = mainLang(community)
  let secondary: Lang | null = null
  if (primary !== 'en' && community.langs.en && random.chance(0.35)) secondary = 'en'
  else if (primary === 'en' && main !== 'en' && random.chance(0.4)) secondary = main
  return { channel, community: index, role: 'person', primary, secondary }
}

export function pickWeighted<K extends string>(random: Random, weights: Weights<K>): K {
  const keys = Object.keys(weights) as K[]
  return keys[random.weightedIndex(keys.map((k) => weights[k] ?? 0))]!
}

export function mainLang(community: CommunitySpec): Lang {
  return pickMax(community.langs)
}

function pickMax<K extends string>(weights: Weights<K>): K {
  return (Object.keys(weights) as K[]).reduce((best, key) => ((weights[key] ?? 0) > (weights[best] ?? 0) ? key : best))
}

function pools(authors: Author[]): Pick<World, 'posters' | 'notables'> {
  const posters: WeightedTable<Author>[][] = []
  const notables: WeightedTable<Author>[][] = []
  COMMUNITIES.forEach((_, community) => {
    posters.push(SOCIAL.map((platform) => {
      const members = authors.filter((a) => a.channel === platform && (a.community === community || a.bridgeTo === community))
      // A bridge writes mostly for its own community and now and then for the other one.
      return new WeightedTable(members, (a) => (a.community === community ? a.activity : a.activity * 0.6))
    }))
    notables.push(SOCIAL.map((platform) => {
      const members = authors.filter((a) => a.channel === platform && (a.community === community || a.bridgeTo === community))
      return new WeightedTable(members, (a) => a.attract)
    }))
  })
  return { posters, notables }
}

/** Turns drafts into authors: names, handles, homes and the heavy-tailed numbers. */
class AuthorBuilder {
  readonly authors: Author[] = []
  private readonly taken = new Set<string>()

  constructor(readonly random: Random, private readonly seed: number, private readonly start: number) {}

  add(draft: Draft): Author {
    const index = this.authors.length
    const named = this.name(draft)
    const numbers = this.numbers(draft.role)
    const community = COMMUNITIES[draft.community]!
    const author: Author = {
      index,
      channel: draft.channel,
      community: draft.community,
      bridgeTo: draft.bridgeTo ?? null,
      role: draft.role,
      username: named.username,
      displayName: named.displayName,
      home: this.home(draft, community),
      did: draft.channel === 'bluesky' ? did(hashString(named.username, this.seed)) : '',
      primary: draft.primary,
      secondary: draft.secondary ?? null,
      secondaryShare: draft.role === 'bridge' ? 0.45 : 0.1 + this.random.next() * 0.2,
      declares: this.declares(draft),
      ...numbers,
      createdAt: this.start - this.random.int(60, 3000) * DAY,
      bio: draft.bio ?? `${this.random.pick(ROLES[draft.primary])} · ${this.random.pick(placesOf(community, draft.primary))}`,
      posted: 0,
      lastPostAt: 0,
    }
    this.authors.push(author)
    return author
  }

  private numbers(role: AuthorRole): Pick<Author, 'followers' | 'following' | 'baseStatuses' | 'activity' | 'attract'> {
    const r = this.random
    const profile = {
      influencer: { followers: 40_000, activity: 9, attract: 60 },
      driver: { followers: 6_000, activity: 1.5, attract: 25 },
      bridge: { followers: 5_000, activity: 5, attract: 14 },
      org: { followers: 2_500, activity: 2.5, attract: 7 },
      journalist: { followers: 3_000, activity: 1, attract: 1 },
      person: { followers: 180, activity: 1, attract: 0 },
    }[role]
    const followers = Math.round(Math.min(400_000, r.logNormal(profile.followers, role === 'person' ? 1.3 : 0.6)))
    const activity = role === 'person' ? Math.min(20, Math.max(0.12, r.logNormal(1, 1))) : profile.activity * r.logNormal(1, 0.3)
    // Ordinary accounts draw attention roughly with the log of their audience.
    const attract = profile.attract || 0.5 + Math.log10(1 + followers) / 2
    return { followers, following: Math.round(r.logNormal(role === 'person' ? 260 : 900, 0.9)), baseStatuses: Math.round(r.logNormal(800, 1.1)), activity, attract }
  }

  private declares(draft: Draft): Declares {
    if (draft.channel === 'reddit' || draft.channel === 'feed' || draft.role === 'influencer' || draft.role === 'driver') return 'right'
    const roll = this.random.next()
    const wrong = draft.channel === 'mastodon' ? 0.14 : 0.1
    if (roll < wrong) return 'default-en'
    return roll < wrong + 0.07 ? 'none' : 'right'
  }

  private home(draft: Draft, community: CommunitySpec): string {
    if (draft.channel === 'bluesky') return 'bsky.social'
    if (draft.channel !== 'mastodon') return ''
    if (draft.role !== 'person' || this.random.chance(0.78)) return community.instance
    return this.random.chance(0.5) ? this.random.pick(INSTANCES) : this.random.pick(REMOTE_HOMES)
  }

  private name(draft: Draft): { username: string, displayName: string } {
    if (draft.username) return { username: this.claim(draft.username), displayName: draft.displayName ?? draft.username }
    if (draft.displayName) return { username: this.claim(orgHandle(draft.displayName, draft.channel)), displayName: splitName(draft.displayName).shown }
    const names = NAMES[draft.primary]
    const first = splitName(this.random.pick(names.first))
    const last = splitName(this.random.pick(names.last))
    const shown = names.familyFirst ? `${last.shown}${first.shown}` : `${first.shown} ${last.shown}`
    const latinShown = `${cap(first.latin)} ${cap(last.latin)}`
    if (draft.channel === 'feed') return { username: shown, displayName: shown }
    const displayName = this.random.chance(0.8) ? shown : this.random.chance(0.5) ? latinShown : first.shown
    return { username: this.claim(this.handle(draft.channel, first.latin, last.latin, draft.primary)), displayName }
  }

  private handle(channel: Channel, first: string, last: string, lang: Lang): string {
    const r = this.random
    if (channel === 'reddit') {
      const word = r.pick(PACKS[lang].handleWords)
      return r.chance(0.5) ? `${cap(first)}_${word}${r.int(1, 99)}` : `${word}${cap(last)}${r.chance(0.5) ? r.int(10, 999) : ''}`
    }
    const join = channel === 'bluesky' ? '-' : '_'
    const stems = [`${first}${last}`, `${first}${join}${last}`, `${first}${last[0]}`, `${first[0]}${last}`, `${first}${join}${last}${r.int(1, 99)}`]
    return r.pick(stems)
  }

  /** Unique per platform namespace: a digit suffix settles collisions, as sign-up forms do. */
  private claim(wanted: string): string {
    let name = wanted
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = `${wanted}${n}`
    this.taken.add(name.toLowerCase())
    return name
  }
}

/** Organisations in non-Latin scripts give their handle after '|', as names do. */
function orgHandle(entry: string, channel: Channel): string {
  const [name, handle] = entry.split('|')
  if (handle) return handle
  const words = name!.split(/\s+/).map((w) => asciiFold(w)).filter(Boolean)
  const joined = words.length > 0 ? words.slice(0, 3).join(channel === 'bluesky' ? '' : '_') : `org${hashString(name!) % 10_000}`
  return joined.slice(0, 24)
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

export function placesOf(community: CommunitySpec, lang: Lang): string[] {
  return community.places[lang] ?? community.places.default ?? []
}
