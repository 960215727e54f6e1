import Graph from 'graphology'
import modularity from 'graphology-metrics/graph/modularity.js'
import pagerank from 'graphology-metrics/centrality/pagerank.js'
import { createDb } from '../../server/db'
import { seededRandom } from '../../server/graph/random'
import { DEFAULT_FORMULA, SCORE_PARTS, type ScorePart, type ScorePartDetail } from '../../server/graph/score'
import type { NodeExplanation, SnapshotMethod } from '../../server/graph/snapshot'

// A network snapshot written straight into a server's database, as the background computation
// stores one: a done snapshot, its nodes (metrics, score, explanation, position), edges and
// communities. The network is generated (communities that talk mostly among themselves, a few
// popular voices, some bridges) over the database's own authors first, so profiles have posts,
// then over generated authors when more are asked for.

export interface SeededNode {
  authorId: number
  handle: string
  name: string | null
  rank: number
  score: number
  community: number
  lang: string
}

export interface SeededSnapshot {
  snapshotId: number
  nodes: SeededNode[]
  edgeCount: number
  /** Each node's neighbours (either direction), for checking what a hover highlights. */
  neighbours: Map<number, Set<number>>
}

const LANGS = ['en', 'fr', 'es', 'sw', 'ar', 'pt']
const WORDS = ['shelter', 'water', 'asylum', 'border', 'funding', 'schools', 'climate', 'harvest', 'clinic', 'vaccines', 'rights', 'housing']

function percentiles(values: number[]): number[] {
  const order = values.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value)
  const out = new Array<number>(values.length)
  order.forEach(({ i }, position) => { out[i] = values.length > 1 ? position / (values.length - 1) : 1 })
  return out
}

export async function seedSnapshot(dbFile: string, options: { authors: number, edges: number, seed?: number, hostileName?: string }): Promise<SeededSnapshot> {
  // The same network for the same seed, run after run.
  const rand = seededRandom(options.seed ?? 7)
  const { db, sqlite } = createDb(dbFile, { mustExist: true })
  try {
    const now = new Date().toISOString()
    const known = await db.selectFrom('authors').select(['id', 'handle', 'name', 'followers']).orderBy('id').limit(options.authors).execute()
    const addAuthor = sqlite.prepare(`INSERT INTO authors (platform, external_id, handle, name, profile_url, followers, first_seen_at, updated_at)
      VALUES ('mastodon', ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
    const authors = [...known]
    sqlite.transaction(() => {
      for (let i = known.length; i < options.authors; i++) {
        const handle = `@voice${i}@network.example`
        const followers = Math.round(20 / (rand() + 0.01))
        const { id } = addAuthor.get(`https://network.example/users/voice${i}`, handle, `Voice ${i}`, `https://network.example/@voice${i}`, followers, now, now) as { id: number }
        authors.push({ id, handle, name: `Voice ${i}`, followers })
      }
    })()
    if (options.hostileName) {
      await db.updateTable('authors').set({ name: options.hostileName }).where('id', '=', authors[0]!.id).execute()
      authors[0]!.name = options.hostileName
    }

    // Communities of uneven sizes, each with a language most of its members write in.
    const n = authors.length
    const k = Math.max(3, Math.round(Math.sqrt(n) / 4))
    const shares = Array.from({ length: k }, (_, c) => 1 / (c + 1))
    const total = shares.reduce((a, b) => a + b, 0)
    const pick = () => {
      let r = rand() * total
      for (let c = 0; c < k; c++) if ((r -= shares[c]!) <= 0) return c
      return k - 1
    }
    const community = authors.map(() => pick())
    const lang = community.map((c) => (rand() < 0.8 ? LANGS[c % LANGS.length]! : LANGS[Math.floor(rand() * LANGS.length)]!))
    const popularity = authors.map(() => 1 / (rand() ** 1.6 + 0.02))
    const members = Array.from({ length: k }, () => [] as number[])
    community.forEach((c, i) => members[c]!.push(i))
    const popularIn = (list: number[]) => {
      const sum = list.reduce((s, i) => s + popularity[i]!, 0)
      let r = rand() * sum
      for (const i of list) if ((r -= popularity[i]!) <= 0) return i
      return list.at(-1)!
    }
    const everyone = authors.map((_, i) => i)

    const weights = new Map<string, number>()
    const target = Math.min(options.edges, n * (n - 1))
    while (weights.size < target) {
      const s = Math.floor(rand() * n)
      const t = rand() < 0.85 ? popularIn(members[community[s]!]!) : popularIn(everyone)
      if (s === t) continue
      const key = `${s}>${t}`
      weights.set(key, (weights.get(key) ?? 0) + 1)
    }
    const edges = [...weights].map(([key, weight]) => {
      const [s, t] = key.split('>').map(Number) as [number, number]
      return { s, t, weight }
    })

    const graph = new Graph({ type: 'directed' })
    graph.import({
      nodes: everyone.map((i) => ({ key: String(i), attributes: { community: community[i] } })),
      edges: edges.map((e) => ({ source: String(e.s), target: String(e.t), attributes: { weight: e.weight } })),
    })
    const ranks = pagerank(graph, { getEdgeWeight: 'weight' })
    const inDegree = new Array<number>(n).fill(0)
    const outCount = new Array<number>(n).fill(0)
    const crossing = new Array<number>(n).fill(0)
    const incoming = everyone.map(() => [] as { from: number, weight: number }[])
    const reaches = everyone.map(() => new Map<number, number>())
    for (const e of edges) {
      inDegree[e.t]! += e.weight
      outCount[e.s]! += 1
      incoming[e.t]!.push({ from: e.s, weight: e.weight })
      for (const [a, b] of [[e.s, e.t], [e.t, e.s]] as const) reaches[a]!.set(community[b]!, (reaches[a]!.get(community[b]!) ?? 0) + e.weight)
      if (community[e.s] !== community[e.t]) {
        crossing[e.s]! += e.weight
        crossing[e.t]! += e.weight
      }
    }
    const metrics: Record<ScorePart, number[]> = {
      pagerank: everyone.map((i) => ranks[String(i)] ?? 0),
      inDegree,
      reach: authors.map((a) => a.followers ?? 0),
      engagement: everyone.map((i) => Math.round(inDegree[i]! * 3 + popularity[i]! * 2)),
      betweenness: crossing.map((c) => c / Math.max(1, n)),
      activity: everyone.map((i) => outCount[i]! + 1),
    }
    // The score as the analytics define it: percentile of each part, weighted, scaled to 0–100.
    const normalised = Object.fromEntries(SCORE_PARTS.map((part) => [part, percentiles(metrics[part])])) as Record<ScorePart, number[]>
    const formulaWeights = DEFAULT_FORMULA.weights
    const weightSum = SCORE_PARTS.reduce((sum, part) => sum + formulaWeights[part], 0)
    const parts = everyone.map((i) => SCORE_PARTS.map((part): ScorePartDetail => {
      const weight = formulaWeights[part] / weightSum
      return { part, weight, value: metrics[part][i]!, normalised: normalised[part][i]!, contribution: weight * normalised[part][i]! * 100 }
    }))
    const score = parts.map((list) => list.reduce((sum, p) => sum + p.contribution, 0))
    const order = [...everyone].sort((a, b) => score[b]! - score[a]!)
    const rank = new Array<number>(n)
    order.forEach((i, position) => { rank[i] = position + 1 })

    // Each community in a ring around the centre, its most popular voices nearest its middle.
    const radius = Math.sqrt(n) * 10
    const position = everyone.map((i) => {
      const angle = (2 * Math.PI * community[i]!) / k
      const spread = Math.sqrt(members[community[i]!]!.length) * 9 * (0.15 + rand())
      const turn = rand() * 2 * Math.PI
      return { x: radius * Math.cos(angle) + spread * Math.cos(turn), y: radius * Math.sin(angle) + spread * Math.sin(turn) }
    })

    const method: SnapshotMethod = {
      betweenness: n > 2000 ? { method: 'sampled', samples: 500 } : { method: 'exact', samples: null },
      formula: DEFAULT_FORMULA,
      layoutIterations: 0,
    }
    const snapshot = await db.insertInto('graphSnapshots').values({
      topicId: null, lang: null, fromDay: now.slice(0, 10), toDay: now.slice(0, 10), status: 'done', phase: 'done', done: n, total: n, error: null,
      requestedBy: null, requestedAt: now, startedAt: now, finishedAt: now, nodeCount: n, edgeCount: edges.length, communityCount: k,
      modularity: modularity(graph, { getEdgeWeight: 'weight' }), method: JSON.stringify(method),
    }).returning('id').executeTakeFirstOrThrow()

    const addNode = sqlite.prepare(`INSERT INTO graph_nodes (snapshot_id, author_id, community, score, rank, pagerank, in_degree, reach, engagement,
      activity, betweenness, lang, x, y, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const addEdge = sqlite.prepare(`INSERT INTO graph_edges (snapshot_id, source_id, target_id, weight, mentions, replies, reposts, quotes)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    const addCommunity = sqlite.prepare(`INSERT INTO graph_communities (snapshot_id, community, size, terms, hashtags, languages, members)
      VALUES (?, ?, ?, ?, ?, ?, ?)`)
    sqlite.transaction(() => {
      for (const i of everyone) {
        const interactors = incoming[i]!.sort((a, b) => b.weight - a.weight).slice(0, 5)
          .map(({ from, weight }) => ({ id: String(authors[from]!.id), handle: authors[from]!.handle, weight }))
        const links = [...reaches[i]!].sort((a, b) => b[1] - a[1] || a[0] - b[0])
        const all = links.reduce((sum, [, w]) => sum + w, 0)
        const connects = links.map(([c, weight]) => ({ community: c, weight, share: all ? weight / all : 0 }))
        const explanation: NodeExplanation = {
          parts: parts[i]!,
          interactors,
          connects,
          bridge: connects.length ? 1 - connects.reduce((sum, link) => sum + link.share * link.share, 0) : 0,
        }
        addNode.run(snapshot.id, authors[i]!.id, community[i], score[i], rank[i], metrics.pagerank[i], inDegree[i], metrics.reach[i],
          metrics.engagement[i], metrics.activity[i], metrics.betweenness[i], lang[i], position[i]!.x, position[i]!.y, JSON.stringify(explanation))
      }
      for (const e of edges) {
        const mentions = Math.ceil(e.weight / 2)
        const replies = Math.floor((e.weight - mentions) / 2)
        addEdge.run(snapshot.id, authors[e.s]!.id, authors[e.t]!.id, e.weight, mentions, replies, e.weight - mentions - replies, 0)
      }
      members.forEach((list, c) => {
        const langs = new Map<string, number>()
        for (const i of list) langs.set(lang[i]!, (langs.get(lang[i]!) ?? 0) + 1)
        const words = [0, 1, 2, 3].map((j) => WORDS[(c * 3 + j) % WORDS.length]!)
        addCommunity.run(snapshot.id, c, list.length,
          JSON.stringify(words.map((term, j) => ({ term, score: 1 / (j + 1), authors: Math.max(1, Math.round(list.length / (j + 2))) }))),
          JSON.stringify(words.slice(0, 2).map((term, j) => ({ term: `#${term}`, score: 1 / (j + 1), authors: Math.max(1, Math.round(list.length / (j + 3))) }))),
          JSON.stringify([...langs].sort((a, b) => b[1] - a[1]).map(([code, count]) => ({ lang: code, share: count / list.length }))),
          JSON.stringify([...list].sort((a, b) => rank[a]! - rank[b]!).slice(0, 5).map((i) => authors[i]!.id)))
      })
    })()

    const neighbours = new Map<number, Set<number>>(authors.map((a) => [a.id, new Set<number>()]))
    for (const e of edges) {
      neighbours.get(authors[e.s]!.id)!.add(authors[e.t]!.id)
      neighbours.get(authors[e.t]!.id)!.add(authors[e.s]!.id)
    }
    return {
      snapshotId: snapshot.id,
      nodes: everyone.map((i) => ({ authorId: authors[i]!.id, handle: authors[i]!.handle, name: authors[i]!.name, rank: rank[i]!, score: score[i]!, community: community[i]!, lang: lang[i]! }))
        .sort((a, b) => a.rank - b.rank),
      edgeCount: edges.length,
      neighbours,
    }
  }
  finally {
    sqlite.close()
  }
}
