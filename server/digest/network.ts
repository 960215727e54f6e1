import type { DigestCommunity, DigestData, DigestNetwork, RisingInfluencer, WeekBounds } from '../../shared/digest'
import type { ConversationAnalysis } from '../graph'
import type { Db } from '../db'
import { analyse, gather, type GatheredNetwork } from '../snapshots/compute'

// Who rose in the conversation: the network of each of the two weeks is analysed as a snapshot
// is (same interactions, scores and communities), over the week's exact instants, and each
// author's influence score this week is set against the one they had the week before.

const RISING = 10
/**
 * A newcomer is listed only when they enter the week's top ten: most authors of a week were not
 * in the week before, and their whole score would otherwise crowd out those who truly climbed.
 */
const NEWCOMER_TOP = 10
const COMMUNITIES = 6
const TERMS = 6
const MEMBERS = 5

interface WeekNetwork {
  gathered: GatheredNetwork
  analysis: ConversationAnalysis | null
}

async function networkOf(db: Db, week: WeekBounds): Promise<WeekNetwork> {
  const gathered = await gather(db, { topicId: null, lang: null, from: week.monday, to: week.sunday, period: { start: week.start, end: week.end } })
  return { gathered, analysis: gathered.rows.length ? analyse(gathered) : null }
}

function summaryOf(network: WeekNetwork): DigestNetwork {
  const analysis = network.analysis
  if (!analysis) return { authors: 0, ties: 0, communities: 0, modularity: null }
  return { authors: analysis.graph.order, ties: analysis.graph.size, communities: analysis.communities.count, modularity: analysis.communities.modularity }
}

/** `pause` lets the server's other requests in between the two weeks' analyses. */
export async function weekNetworks(db: Db, week: WeekBounds, previousWeek: WeekBounds, pause: () => Promise<unknown> = async () => {}): Promise<DigestData['network']> {
  const current = await networkOf(db, week)
  await pause()
  const previous = await networkOf(db, previousWeek)
  const network = { current: summaryOf(current), previous: summaryOf(previous) }
  if (!current.analysis) return { ...network, rising: [], communities: [] }

  const before = new Map((previous.analysis?.scores ?? []).map((score) => [score.id, score]))
  const people = new Map(current.gathered.activity.map((author) => [String(author.authorId), author]))
  const community = current.analysis.communities.membership
  const rising: RisingInfluencer[] = current.analysis.scores.map((score) => {
    const earlier = before.get(score.id)
    const author = people.get(score.id)!
    return {
      authorId: Number(score.id), handle: author.handle, name: author.name, profileUrl: null,
      score: score.score, previousScore: earlier?.score ?? null, change: score.score - (earlier?.score ?? 0),
      rank: score.rank, previousRank: earlier?.rank ?? null, community: community[score.id] ?? -1, lang: author.lang,
    }
  })
    .filter((author) => (author.previousScore === null ? author.rank <= NEWCOMER_TOP : author.change > 0))
    .sort((a, b) => b.change - a.change || a.rank - b.rank || a.authorId - b.authorId)
    .slice(0, RISING)

  if (rising.length) {
    const profiles = await db.selectFrom('authors').select(['id', 'profileUrl']).where('id', 'in', rising.map((r) => r.authorId)).execute()
    const urls = new Map(profiles.map((row) => [row.id, row.profileUrl]))
    for (const author of rising) author.profileUrl = urls.get(author.authorId) ?? null
  }

  const communities: DigestCommunity[] = [...current.analysis.descriptions]
    .sort((a, b) => b.size - a.size || a.community - b.community)
    .slice(0, COMMUNITIES)
    .map((description) => ({
      community: description.community,
      size: description.size,
      terms: description.terms.slice(0, TERMS).map((term) => term.term),
      hashtags: description.hashtags.slice(0, TERMS).map((term) => term.term),
      languages: description.languages.map((lang) => ({ lang: lang.lang, share: lang.share })),
      members: description.members.slice(0, MEMBERS).map((member) => ({ authorId: Number(member.id), handle: member.handle })),
      rising: rising.filter((author) => author.community === description.community).length,
    }))
  return { ...network, rising, communities }
}
