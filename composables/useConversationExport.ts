import type { ExportFormat } from '~~/server/export/conversations'
import { type ConversationParams, conversationsQuery } from './useConversationSearch'
import { attachmentName, createRowCounter } from './exportProgress'

// Downloads a filtered stream as CSV or JSONL from the streamed export endpoint, counting rows
// as they arrive against the total from conversations.count, and saves the file. Cancelling
// aborts the request; the server then stops reading the database.

/** The server said no (a 400 names what to fix). */
class ExportRefused extends Error {}

type Status = 'idle' | 'counting' | 'downloading' | 'done' | 'failed' | 'cancelled'

export function useConversationExport() {
  const { $trpc } = useNuxtApp()
  const { describe } = useTrpcError()
  const { t } = useI18n()

  const state = reactive({
    status: 'idle' as Status,
    format: 'csv' as ExportFormat,
    total: null as number | null,
    rows: 0,
    bytes: 0,
    fileName: '',
    error: '',
  })
  let controller: AbortController | null = null

  async function start(format: ExportFormat, params: Omit<ConversationParams, 'sort'>) {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    Object.assign(state, { status: 'counting', format, total: null, rows: 0, bytes: 0, fileName: '', error: '' })
    try {
      state.total = (await $trpc.conversations.count.query(params, { signal: mine.signal })).total
      state.status = 'downloading'
      const query = new URLSearchParams({ format })
      for (const [key, value] of Object.entries(conversationsQuery({ ...params, sort: 'newest' }))) query.set(key, String(value))
      const response = await fetch(`/api/export/conversations?${query}`, { signal: mine.signal })
      if (!response.ok || !response.body) {
        const body = await response.json().catch(() => null) as { message?: string } | null
        throw new ExportRefused(body?.message || response.statusText)
      }
      const counter = createRowCounter(format)
      const parts: Uint8Array<ArrayBuffer>[] = []
      const reader = response.body.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        parts.push(value)
        state.bytes += value.byteLength
        state.rows = counter.add(value)
      }
      state.fileName = attachmentName(response.headers.get('content-disposition'), `chorus-conversations.${format}`)
      save(new Blob(parts, { type: response.headers.get('content-type') ?? 'application/octet-stream' }), state.fileName)
      state.status = 'done'
    }
    catch (error) {
      if (mine.signal.aborted) {
        state.status = 'cancelled'
        return
      }
      state.status = 'failed'
      // A TypeError from the reader is the connection breaking off part-way.
      state.error = error instanceof ExportRefused ? error.message
        : error instanceof TypeError ? t('conversations.export.interrupted') : describe(error).message
    }
    finally {
      if (controller === mine) controller = null
    }
  }

  function cancel() {
    controller?.abort()
  }

  function reset() {
    state.status = 'idle'
  }

  onBeforeUnmount(cancel)
  return { state, start, cancel, reset }
}

// The URL lives a moment after the click starts the download; revoked at once, some browsers
// lose the file.
const REVOKE_AFTER_MS = 10_000

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS)
}
