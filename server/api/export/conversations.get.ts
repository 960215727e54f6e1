import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { EXPORT_TYPES, exportChunks, exportFileName, parseExportQuery } from '../../export/conversations'

// A plain endpoint rather than a procedure: tRPC answers with one JSON value, and an export of
// any size has to stream. Roles as for saved searches: the people who work the stream.
export default defineEventHandler(async (event) => {
  await requireRole(event, ['admin', 'analyst', 'editor'])
  const request = parseExportQuery(getQuery(event))
  if (!request.ok) throw createError({ statusCode: 400, statusMessage: 'Bad Request', message: request.message })

  setResponseHeaders(event, {
    'content-type': EXPORT_TYPES[request.format],
    'content-disposition': `attachment; filename="${exportFileName(request.format, new Date())}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  // pipeline waits for the socket to drain between chunks, and stops reading the database when
  // the client goes away (a cancelled download).
  try {
    await pipeline(Readable.from(exportChunks(useDb().db, request.input, request.format)), event.node.res)
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') console.error('chorus: conversations export failed:', error)
  }
})
