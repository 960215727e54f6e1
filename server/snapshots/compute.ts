import { matchText } from '../../ingest/nlp/tagger'
import { isHashtagTerm, termsOf } from '../../ingest/nlp/text'
import { analyzeConversation, type AuthorDocument, type ConversationAnalysis, defaultIterations, layoutForceAtlas2, type Positions } from '../graph'
import type { NodeExplanation, SnapshotMethod } from '../graph/snapshot'
import type { Db } from '../db'
import { type AuthorActivity, authorActivity, authorTexts, interactions, type NetworkScope } from '../db/repositories/network'

// One network snapshot, from the database to the database: gather the scope's interactions in
// SQL, run the pure analytics (server/graph/), lay out the map, and store it all in one
// transaction, so the pages only ever see finished snapshots.

// The analysis runs in one synchronous stretch (build, metrics, communities, scores,
// descriptions), so it reports as one phase.
export const SNAPSHOT_PHASES = ['gathering', 'analysing', 'layout', 'storing'] as const
export type SnapshotPhase = (typeof SNAPSHOT_PHASES)[number]

export interface SnapshotProgress {
  phase: SnapshotPhase
  /** Phases finished, of `total`. */
  done: number
  total: number
}

export interface ComputeOptions {
  progress: (step: SnapshotProgress) => Promise<void>
  now: () => Date
  /** The runner's claim on the snapshot (SnapshotRunner): should another runner have taken it over, nothing is stored. */
  claim?: string
}

const step = (phase: SnapshotPhase): SnapshotProgress => ({ phase, done: SNAPSHOT_PHASES.indexOf(phase), total: SNAPSHOT_PHASES.length })

/** What each author wrote, as the NLP pass's terms (stems, bigrams) and hashtags. */
async function documentsOf(db: Db, scope: NetworkScope, authorIds: readonly number[]): Promise<AuthorDocument[]> {
  const byAuthor = new Map<number, { tokens: string[], hashtags: string[] }>()
  for (const post of await authorTexts(db, scope, authorIds)) {
    const doc = byAuthor.get(post.authorId) ?? { tokens: [], hashtags: [] }
    for (const term of termsOf(matchText(post.title, post.text), post.lang ?? 'und')) {
      if (!isHashtagTerm(term)) doc.tokens.push(term.surface.toLowerCase())
    }
    doc.hashtags.push(...post.hashtags.map((tag) => `#${tag}`))
    byAuthor.set(post.authorId, doc)
  }
  return [...byAuthor].map(([author, doc]) => ({ author, ...doc }))
}

/** The scope's interactions, its authors' activity and their words: what the analysis reads. */
export async function gather(db: Db, scope: NetworkScope) {
  const rows = await interactions(db, scope)
  const ids = [...new Set(rows.flatMap((row) => [row.sourceId, row.targetId]))]
  const activity = await authorActivity(db, scope, ids)
  const documents = await documentsOf(db, scope, ids)
  return { rows, activity, documents }
}

export type GatheredNetwork = Awaited<ReturnType<typeof gather>>

export function analyse(gathered: GatheredNetwork): ConversationAnalysis {
  return analyzeConversation({
    authors: gathered.activity.map((author) => ({
      id: author.authorId, handle: author.handle, followers: author.followers, engagement: author.engagement,
      activity: author.activity, languages: author.lang ? [author.lang] : [],
    })),
    interactions: gathered.rows.map((row) => ({
      source: row.sourceId, target: row.targetId, weight: row.weight,
      kinds: { mention: row.mentions, reply: row.replies, repost: row.reposts, quote: row.quotes },
    })),
    documents: gathered.documents,
  })
}

async function store(db: Db, id: number, analysis: ConversationAnalysis, gathered: GatheredNetwork, positions: Positions, method: SnapshotMethod, now: Date, claim?: string) {
  const activity = new Map<string, AuthorActivity>(gathered.activity.map((author) => [String(author.authorId), author]))
  const metrics = new Map(analysis.metrics.authors.map((row) => [row.id, row]))
  const explanations = new Map(analysis.explanations.map((row) => [row.id, row]))
  const nodes = analysis.scores.map((score) => {
    const m = metrics.get(score.id)!
    const e = explanations.get(score.id)!
    const explanation: NodeExplanation = { parts: e.parts, interactors: e.interactors, connects: e.connects, bridge: e.bridge }
    return {
      snapshotId: id, authorId: Number(score.id), community: e.community, score: score.score, rank: score.rank,
      pagerank: m.pagerank, inDegree: m.inDegree, reach: m.reach ?? 0, engagement: m.engagement, activity: m.activity, betweenness: m.betweenness,
      lang: activity.get(score.id)?.lang ?? null, x: positions[score.id]!.x, y: positions[score.id]!.y, explanation: JSON.stringify(explanation),
    }
  })
  const edges = gathered.rows.map((row) => ({
    snapshotId: id, sourceId: row.sourceId, targetId: row.targetId, weight: row.weight,
    mentions: row.mentions, replies: row.replies, reposts: row.reposts, quotes: row.quotes,
  }))
  const communities = analysis.descriptions.map((d) => ({
    snapshotId: id, community: d.community, size: d.size,
    terms: JSON.stringify(d.terms.map((t) => ({ term: t.term, score: t.score, authors: t.authors }))),
    hashtags: JSON.stringify(d.hashtags.map((t) => ({ term: t.term, score: t.score, authors: t.authors }))),
    languages: JSON.stringify(d.languages),
    members: JSON.stringify(d.members.map((member) => Number(member.id))),
  }))
  await db.transaction().execute(async (trx) => {
    if (claim !== undefined && (await trx.selectFrom('graphSnapshots').select('claim').where('id', '=', id).executeTakeFirst())?.claim !== claim) return
    // SQLite allows a limited number of bound values per statement: insert in slices.
    for (let i = 0; i < nodes.length; i += 500) await trx.insertInto('graphNodes').values(nodes.slice(i, i + 500)).execute()
    for (let i = 0; i < edges.length; i += 1000) await trx.insertInto('graphEdges').values(edges.slice(i, i + 1000)).execute()
    for (let i = 0; i < communities.length; i += 500) await trx.insertInto('graphCommunities').values(communities.slice(i, i + 500)).execute()
    await trx.updateTable('graphSnapshots').set({
      status: 'done', phase: null, done: SNAPSHOT_PHASES.length, total: SNAPSHOT_PHASES.length, finishedAt: now.toISOString(),
      nodeCount: nodes.length, edgeCount: edges.length, communityCount: analysis.communities.count,
      modularity: analysis.communities.modularity, method: JSON.stringify(method), error: null,
    }).where('id', '=', id).execute()
  })
}

/** Computes and stores snapshot `id` (its row holds the scope). Throws on failure; nothing is stored then. */
export async function computeSnapshot(db: Db, id: number, options: ComputeOptions): Promise<void> {
  const row = await db.selectFrom('graphSnapshots').select(['topicId', 'lang', 'fromDay', 'toDay']).where('id', '=', id).executeTakeFirstOrThrow()
  const scope: NetworkScope = { topicId: row.topicId, lang: row.lang, from: row.fromDay, to: row.toDay }
  await options.progress(step('gathering'))
  const gathered = await gather(db, scope)
  await options.progress(step('analysing'))
  const analysis = analyse(gathered)
  await options.progress(step('layout'))
  const iterations = defaultIterations(analysis.graph.order)
  const positions = layoutForceAtlas2(analysis.graph, { iterations })
  await options.progress(step('storing'))
  const method: SnapshotMethod = {
    betweenness: { method: analysis.metrics.betweenness.method, samples: analysis.metrics.betweenness.samples },
    formula: analysis.formula,
    layoutIterations: iterations,
  }
  await store(db, id, analysis, gathered, positions, method, options.now(), options.claim)
}
