import { type DigestBreakdownRow, type DigestData, type DigestFact, netSentiment } from '../../shared/digest'

// "What changed", as facts drawn from the digest's own figures (no language model): the
// overall volume, the mood, the topic and the language that moved most each way, the strongest
// spike, the influencer who rose most and how the plan was kept.

type Figures = Omit<DigestData, 'summary'>

/** The row whose posts rose (sign 1) or fell (sign −1) the most, if any moved that way. */
function mover(rows: readonly DigestBreakdownRow[], sign: 1 | -1): DigestBreakdownRow | null {
  let best: DigestBreakdownRow | null = null
  for (const row of rows) {
    const delta = sign * (row.current.posts - row.previous.posts)
    if (delta > 0 && (!best || delta > sign * (best.current.posts - best.previous.posts))) best = row
  }
  return best
}

export function summarize(data: Figures): DigestFact[] {
  const facts: DigestFact[] = []
  const { current, previous } = data.totals
  if (current.posts === 0 && previous.posts === 0) facts.push({ kind: 'quiet' })
  else {
    facts.push({ kind: 'volume', posts: current.posts, previous: previous.posts })
    const net = netSentiment(current.sentiment)
    if (net !== null) facts.push({ kind: 'sentiment', net, previousNet: netSentiment(previous.sentiment) })
    for (const [kind, sign] of [['topicUp', 1], ['topicDown', -1]] as const) {
      const row = mover(data.topics, sign)
      if (row) facts.push({ kind, topic: row.label, posts: row.current.posts, previous: row.previous.posts })
    }
    for (const [kind, sign] of [['languageUp', 1], ['languageDown', -1]] as const) {
      const row = mover(data.languages, sign)
      if (row) facts.push({ kind, lang: row.key, posts: row.current.posts, previous: row.previous.posts })
    }
  }
  const spike = data.spikes[0]
  if (spike) facts.push({ kind: 'spikes', count: data.spikes.length, topic: spike.topicName, peakCount: spike.peakCount, peakAt: spike.peakAt })
  const riser = data.network.rising[0]
  if (riser) {
    const community = data.network.communities.find((c) => c.community === riser.community)
    facts.push({ kind: 'rising', handle: riser.handle, change: riser.change, newcomer: riser.previousScore === null, communityTerms: community?.terms.slice(0, 3) ?? [] })
  }
  const planned = data.content.rows.reduce((sum, row) => sum + row.planned, 0)
  if (planned > 0) {
    const published = data.content.rows.reduce((sum, row) => sum + row.published, 0)
    const unpublishedLangs = data.content.rows.filter((row) => row.published < row.planned).map((row) => row.lang)
    facts.push({ kind: 'content', planned, published, unpublishedLangs })
  }
  return facts
}
