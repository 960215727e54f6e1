import { stringify } from 'csv-stringify/sync'
import Graph from 'graphology'
import { write } from 'graphology-gexf'
import { edgeSize, nodeSize, rankCommunities, rankedColours } from '../../shared/network-map'
import { MAP_SHADES } from '../../shared/palette'
import type { Db } from '../db'
import { getSnapshot } from '../db/repositories/influencers'
import { csvCell } from './conversations'

// Exports of a network snapshot (PRODUCT.md §4 "Map"): GEXF for Gephi, with the map's positions,
// sizes and community colours, and CSV tables of its nodes and of its edges.

export const GRAPH_EXPORTS = {
  gexf: { suffix: '.gexf', type: 'application/gexf+xml; charset=utf-8' },
  nodes: { suffix: '-nodes.csv', type: 'text/csv; charset=utf-8' },
  edges: { suffix: '-edges.csv', type: 'text/csv; charset=utf-8' },
} as const
export type GraphExportKind = keyof typeof GRAPH_EXPORTS

const FILE = /^(\d{1,12})(\.gexf|-nodes\.csv|-edges\.csv)$/

/** The snapshot and export a path's last segment names (`12.gexf`, `12-nodes.csv`, `12-edges.csv`), or null. */
export function parseGraphExportFile(file: string): { snapshotId: number, kind: GraphExportKind } | null {
  const match = FILE.exec(file)
  if (!match) return null
  const kind = (Object.keys(GRAPH_EXPORTS) as GraphExportKind[]).find((k) => GRAPH_EXPORTS[k].suffix === match[2])!
  const snapshotId = Number(match[1])
  return snapshotId > 0 ? { snapshotId, kind } : null
}

export function graphExportFileName(snapshot: { id: number, fromDay: string, toDay: string }, kind: GraphExportKind): string {
  return `chorus-network-${snapshot.id}-${snapshot.fromDay}-${snapshot.toDay}${GRAPH_EXPORTS[kind].suffix}`
}

/** Why a snapshot cannot be exported (404 or 409), or null when it can. */
export async function exportRefusal(db: Db, snapshotId: number): Promise<{ statusCode: number, message: string } | null> {
  const snapshot = await getSnapshot(db, snapshotId)
  if (!snapshot) return { statusCode: 404, message: `no network snapshot ${snapshotId}` }
  if (snapshot.status !== 'done') return { statusCode: 409, message: `snapshot ${snapshotId} is ${snapshot.status}, not ready to export` }
  return null
}

async function nodeRows(db: Db, snapshotId: number) {
  return db.selectFrom('graphNodes').innerJoin('authors', 'authors.id', 'graphNodes.authorId')
    .select(['graphNodes.rank', 'graphNodes.authorId', 'authors.handle', 'authors.name', 'authors.platform', 'authors.profileUrl',
      'graphNodes.score', 'graphNodes.pagerank', 'graphNodes.inDegree', 'graphNodes.reach', 'graphNodes.engagement',
      'graphNodes.betweenness', 'graphNodes.activity', 'graphNodes.community', 'graphNodes.lang', 'graphNodes.x', 'graphNodes.y'])
    .where('graphNodes.snapshotId', '=', snapshotId).orderBy('graphNodes.rank').execute()
}

const CHUNK = 5000

/** The snapshot's edges a chunk at a time, in key order, so a large network never sits in memory twice. */
async function* edgeRows(db: Db, snapshotId: number) {
  let after: [number, number] | null = null
  for (;;) {
    let query = db.selectFrom('graphEdges').select(['sourceId', 'targetId', 'weight', 'mentions', 'replies', 'reposts', 'quotes'])
      .where('snapshotId', '=', snapshotId)
    if (after) {
      const [source, target] = after
      query = query.where((eb) => eb.or([eb('sourceId', '>', source), eb.and([eb('sourceId', '=', source), eb('targetId', '>', target)])]))
    }
    const rows = await query.orderBy('sourceId').orderBy('targetId').limit(CHUNK).execute()
    if (rows.length) yield rows
    if (rows.length < CHUNK) return
    const last = rows.at(-1)!
    after = [last.sourceId, last.targetId]
  }
}

// Characters XML 1.0 cannot carry at all, even escaped (most control characters, lone
// surrogates): a name holding one would make the whole file unreadable to Gephi.
const xmlAllowed = (c: number) => c === 0x9 || c === 0xA || c === 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000
function xmlText(value: string | null): string {
  let text = ''
  for (const char of value ?? '') if (xmlAllowed(char.codePointAt(0)!)) text += char
  return text
}

/** The snapshot as a GEXF 1.3 document: directed, weighted, laid out and coloured as on the map. */
export async function snapshotGexf(db: Db, snapshotId: number): Promise<string> {
  const nodes = await nodeRows(db, snapshotId)
  const sizes = new Map<number, number>()
  for (const node of nodes) sizes.set(node.community, (sizes.get(node.community) ?? 0) + 1)
  const colourOf = rankedColours(rankCommunities([...sizes].map(([community, size]) => ({ community, size }))), MAP_SHADES.light.other)
  const maxScore = Math.max(0, ...nodes.map((node) => node.score))

  const graph = new Graph({ type: 'directed', multi: false, allowSelfLoops: false })
  graph.import({
    nodes: nodes.map((node) => ({
      key: String(node.authorId),
      attributes: {
        label: xmlText(node.handle),
        x: node.x,
        y: node.y,
        size: nodeSize(node.score, maxScore),
        color: colourOf(node.community),
        name: xmlText(node.name),
        platform: node.platform,
        rank: node.rank,
        score: node.score,
        pagerank: node.pagerank,
        in_degree: node.inDegree,
        reach: node.reach,
        engagement: node.engagement,
        betweenness: node.betweenness,
        activity: node.activity,
        community: node.community,
        lang: node.lang ?? 'und',
      },
    })),
  })
  const edges: { source: string, target: string, attributes: Record<string, number> }[] = []
  for await (const rows of edgeRows(db, snapshotId)) {
    for (const edge of rows) {
      const { sourceId, targetId, ...counts } = edge
      edges.push({ source: String(sourceId), target: String(targetId), attributes: counts })
    }
  }
  const maxWeight = Math.max(1, ...edges.map((edge) => edge.attributes.weight!))
  graph.import({ edges: edges.map((edge) => ({ ...edge, attributes: { ...edge.attributes, size: edgeSize(edge.attributes.weight!, maxWeight) } })) })

  return write(graph, {
    version: '1.3',
    formatEdge: (_key, { weight, size, ...counts }) => ({ weight, viz: { thickness: size }, attributes: counts }),
  })
}

const NODE_COLUMNS = ['rank', 'author_id', 'handle', 'name', 'platform', 'profile_url', 'score', 'pagerank', 'in_degree', 'reach', 'engagement',
  'betweenness', 'activity', 'community', 'lang', 'x', 'y'] as const
const EDGE_COLUMNS = ['source_id', 'source_handle', 'target_id', 'target_handle', 'weight', 'mentions', 'replies', 'reposts', 'quotes'] as const

// A BOM so spreadsheets read UTF-8, then the header row, as the conversations export does.
const header = (columns: readonly string[]) => `\uFEFF${stringify([[...columns]])}`
const records = (rows: (string | number | null)[][]) => stringify(rows.map((row) => row.map(csvCell)))

/** The nodes table, by rank: every part of the score, the community, the language and the map position. */
export async function* nodeCsvChunks(db: Db, snapshotId: number): AsyncGenerator<string> {
  yield header(NODE_COLUMNS)
  const nodes = await nodeRows(db, snapshotId)
  for (let i = 0; i < nodes.length; i += CHUNK) {
    yield records(nodes.slice(i, i + CHUNK).map((n) => [n.rank, n.authorId, n.handle, n.name, n.platform, n.profileUrl, n.score, n.pagerank,
      n.inDegree, n.reach, n.engagement, n.betweenness, n.activity, n.community, n.lang, n.x, n.y]))
  }
}

/** The edges table: who addressed whom, how often, and by which kind of interaction. */
export async function* edgeCsvChunks(db: Db, snapshotId: number): AsyncGenerator<string> {
  yield header(EDGE_COLUMNS)
  const handles = new Map((await db.selectFrom('graphNodes').innerJoin('authors', 'authors.id', 'graphNodes.authorId')
    .select(['graphNodes.authorId', 'authors.handle']).where('graphNodes.snapshotId', '=', snapshotId).execute())
    .map((node) => [node.authorId, node.handle]))
  for await (const rows of edgeRows(db, snapshotId)) {
    yield records(rows.map((e) => [e.sourceId, handles.get(e.sourceId) ?? null, e.targetId, handles.get(e.targetId) ?? null,
      e.weight, e.mentions, e.replies, e.reposts, e.quotes]))
  }
}
