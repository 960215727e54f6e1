import { readFileSync } from 'node:fs'
import { HttpClient, type HttpClientOptions } from '../../ingest/http'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// A real HTTP server on 127.0.0.1 that replays recorded responses, so network code is tested
// over the wire: pagination, rate limits, errors, slow and broken answers.

export interface Reply {
  status?: number
  headers?: Record<string, string>
  /** The body as text or bytes, or `file` to read a recorded response from disk. */
  body?: string | Buffer
  file?: string
  /** Wait this long before answering (tests client timeouts). */
  delayMs?: number
  /** Announce the full length, send only this many bytes, then cut the connection. */
  truncateAt?: number
}

export interface RecordedRequest {
  method: string
  url: URL
  headers: IncomingMessage['headers']
  body: string
}

export type Responder = (request: RecordedRequest) => Reply | Promise<Reply>

export interface Route {
  method?: string
  path: string | RegExp
  respond: Reply | Responder
}

export interface ReplayServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string
  host: string
  requests: RecordedRequest[]
  close: () => Promise<void>
}

export async function startReplayServer(routes: Route[]): Promise<ReplayServer> {
  const requests: RecordedRequest[] = []
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const recorded: RecordedRequest = { method: req.method ?? 'GET', url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
    requests.push(recorded)
    const route = routes.find((r) => (!r.method || r.method === recorded.method)
      && (typeof r.path === 'string' ? r.path === url.pathname : r.path.test(url.pathname)))
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no recorded response for ${recorded.method} ${url.pathname}`)
      return
    }
    const reply = typeof route.respond === 'function' ? await route.respond(recorded) : route.respond
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs))
    if (res.destroyed) return
    const body = reply.file ? readFileSync(reply.file) : Buffer.from(reply.body ?? '')
    const headers = { 'content-length': String(body.length), ...reply.headers }
    res.writeHead(reply.status ?? 200, headers)
    if (reply.truncateAt !== undefined) {
      res.write(body.subarray(0, reply.truncateAt), () => res.socket?.destroy())
      return
    }
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

/**
 * The shared HTTP client aimed at a replay server: the address guard stays on with only the
 * replay host allowed, timeouts are short, and waits are recorded instead of spent.
 */
export function replayClient(server: Pick<ReplayServer, 'host'>, extra: HttpClientOptions = {}) {
  const waits: number[] = []
  const http = new HttpClient({
    allowPrivateHosts: false,
    allowedHosts: [server.host],
    timeoutMs: 500,
    sleep: async (ms) => { waits.push(ms) },
    ...extra,
  })
  return { http, waits }
}
