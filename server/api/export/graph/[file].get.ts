import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { getSnapshot } from '../../../db/repositories/influencers'
import {
  edgeCsvChunks, exportRefusal, GRAPH_EXPORTS, graphExportFileName, nodeCsvChunks, parseGraphExportFile, snapshotGexf,
} from '../../../export/graph'

// /api/export/graph/<snapshot>.gexf, <snapshot>-nodes.csv and <snapshot>-edges.csv: plain
// endpoints, as files are downloads rather than tRPC values. Roles as for the conversations
// export: the people who work with the data take it elsewhere.
export default defineEventHandler(async (event) => {
  await requireRole(event, ['admin', 'analyst', 'editor'])
  const request = parseGraphExportFile(getRouterParam(event, 'file') ?? '')
  if (!request) throw createError({ statusCode: 404, statusMessage: 'Not Found', message: 'exports are <snapshot>.gexf, <snapshot>-nodes.csv or <snapshot>-edges.csv' })
  const { db } = useDb()
  const refusal = await exportRefusal(db, request.snapshotId)
  if (refusal) throw createError({ ...refusal, statusMessage: refusal.statusCode === 404 ? 'Not Found' : 'Conflict' })
  const snapshot = (await getSnapshot(db, request.snapshotId))!

  setResponseHeaders(event, {
    'content-type': GRAPH_EXPORTS[request.kind].type,
    'content-disposition': `attachment; filename="${graphExportFileName(snapshot, request.kind)}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  if (request.kind === 'gexf') return snapshotGexf(db, request.snapshotId)
  const chunks = request.kind === 'nodes' ? nodeCsvChunks(db, request.snapshotId) : edgeCsvChunks(db, request.snapshotId)
  try {
    await pipeline(Readable.from(chunks), event.node.res)
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') console.error('chorus: network export failed:', error)
  }
})
