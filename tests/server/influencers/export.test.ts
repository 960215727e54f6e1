import { parse as parseCsv } from 'csv-parse/sync'
import Graph from 'graphology'
import { parse as parseGexf } from 'graphology-gexf'
import { beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import { edgeCsvChunks, exportRefusal, graphExportFileName, nodeCsvChunks, parseGraphExportFile, snapshotGexf } from '../../../server/export/graph'

// A network snapshot's exports: GEXF for Gephi and CSV tables, whatever the authors' names hold.

let db: Db
const at = '2026-11-30T10:00:00.000Z'

async function anAuthor(handle: string, name: string | null) {
  const row = await db.insertInto('authors').values({ platform: 'mastodon', externalId: `https://example.social/${handle}`, handle, name, profileUrl: null, followers: 10, firstSeenAt: at, updatedAt: at })
    .returning('id').executeTakeFirstOrThrow()
  return row.id
}

async function aSnapshot(status: 'done' | 'running' = 'done') {
  const row = await db.insertInto('graphSnapshots').values({
    topicId: null, lang: null, fromDay: '2026-11-01', toDay: '2026-11-30', status, phase: null, error: null, requestedBy: null, requestedAt: at,
    startedAt: at, finishedAt: at, modularity: 0.4, method: null,
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

const node = (snapshotId: number, authorId: number, rank: number, community: number) => ({
  snapshotId, authorId, rank, community, score: 100 - rank * 10, pagerank: 0.1 * rank, inDegree: rank, reach: 10, engagement: 3, activity: 2,
  betweenness: 0, lang: 'fr', x: rank, y: -rank, explanation: '{}',
})

beforeEach(async () => {
  ({ db } = createDb(':memory:'))
  await migrateToLatest(db)
})

async function text(chunks: AsyncGenerator<string>) {
  let out = ''
  for await (const chunk of chunks) out += chunk
  return out.replace(/^\uFEFF/, '')
}

describe('network exports', () => {
  it('names its files and refuses what cannot be exported', async () => {
    expect(parseGraphExportFile('12.gexf')).toEqual({ snapshotId: 12, kind: 'gexf' })
    expect(parseGraphExportFile('12-nodes.csv')).toEqual({ snapshotId: 12, kind: 'nodes' })
    expect(parseGraphExportFile('12-edges.csv')).toEqual({ snapshotId: 12, kind: 'edges' })
    for (const bad of ['0.gexf', '12.csv', '../12.gexf', '12.gexf.exe', 'x.gexf']) expect(parseGraphExportFile(bad)).toBeNull()
    expect(graphExportFileName({ id: 3, fromDay: '2026-11-01', toDay: '2026-11-30' }, 'edges')).toBe('chorus-network-3-2026-11-01-2026-11-30-edges.csv')

    expect(await exportRefusal(db, 99)).toEqual({ statusCode: 404, message: 'no network snapshot 99' })
    expect((await exportRefusal(db, await aSnapshot('running')))?.statusCode).toBe(409)
  })

  it('writes a GEXF Gephi reads back, and CSV cells a spreadsheet will not run', async () => {
    const id = await aSnapshot()
    const ana = await anAuthor('@ana', '=HYPERLINK("http://evil.example")')
    const ben = await anAuthor('@ben', 'Ben \u0007<b>bold</b> & co')
    const cy = await anAuthor('@cy', null)
    await db.insertInto('graphNodes').values([node(id, ana, 1, 0), node(id, ben, 2, 0), node(id, cy, 3, 1)]).execute()
    await db.insertInto('graphEdges').values([
      { snapshotId: id, sourceId: ben, targetId: ana, weight: 3, mentions: 2, replies: 1, reposts: 0, quotes: 0 },
      { snapshotId: id, sourceId: cy, targetId: ana, weight: 1, mentions: 0, replies: 0, reposts: 1, quotes: 0 },
    ]).execute()

    const graph = parseGexf(Graph, await snapshotGexf(db, id))
    expect([graph.order, graph.size, graph.type]).toEqual([3, 2, 'directed'])
    expect(graph.getNodeAttribute(String(ben), 'name')).toBe('Ben <b>bold</b> & co')
    expect(graph.getNodeAttribute(String(ana), 'label')).toBe('@ana')
    // The two authors of community 0 share its colour; community 1 has another.
    expect(graph.getNodeAttribute(String(ana), 'color')).toBe(graph.getNodeAttribute(String(ben), 'color'))
    expect(graph.getNodeAttribute(String(cy), 'color')).not.toBe(graph.getNodeAttribute(String(ana), 'color'))
    expect(graph.getEdgeAttribute(graph.edge(String(ben), String(ana)), 'weight')).toBe(3)

    const nodes = parseCsv(await text(nodeCsvChunks(db, id)), { columns: true }) as Record<string, string>[]
    // Handles start with @, which spreadsheets read as a formula too: quoted like every such cell.
    expect(nodes.map((row) => row.handle)).toEqual(['\'@ana', '\'@ben', '\'@cy'])
    expect(nodes[0]!.name).toBe('\'=HYPERLINK("http://evil.example")')
    const edges = parseCsv(await text(edgeCsvChunks(db, id)), { columns: true }) as Record<string, string>[]
    expect(edges).toEqual([
      { source_id: String(ben), source_handle: '\'@ben', target_id: String(ana), target_handle: '\'@ana', weight: '3', mentions: '2', replies: '1', reposts: '0', quotes: '0' },
      { source_id: String(cy), source_handle: '\'@cy', target_id: String(ana), target_handle: '\'@ana', weight: '1', mentions: '0', replies: '0', reposts: '1', quotes: '0' },
    ].sort((a, b) => Number(a.source_id) - Number(b.source_id)))
  })
})
