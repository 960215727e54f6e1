import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'
import { Agent, request } from 'undici'
import { parseJsonBytes } from './json'

// The one polite HTTP client every adapter uses: a User-Agent with a contact, timeouts, a
// response-size cap, retries on 429 and 5xx that honour Retry-After and rate-limit reset
// headers, one request at a time per host, and a guard that keeps user-supplied URLs away
// from loopback, private and link-local addresses.

export type HttpErrorKind =
  | 'timeout' | 'network' | 'too_large' | 'status' | 'blocked_address' | 'rate_limited' | 'bad_url' | 'too_many_redirects'

export class HttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    readonly details: { url?: string, status?: number, retryAt?: Date, body?: string } = {},
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export interface HttpResponse {
  status: number
  /** The URL that answered, after redirects. */
  url: string
  headers: Headers
  body: Buffer
}

export interface RequestOptions {
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  signal?: AbortSignal
}

export interface HttpClientOptions {
  userAgent?: string
  timeoutMs?: number
  maxBytes?: number
  maxRetries?: number
  /** The longest server-requested wait honoured in-line; longer ones fail as rate_limited. */
  maxWaitMs?: number
  perHostConcurrency?: number
  allowPrivateHosts?: boolean
  /** Host names (or literal addresses) let through even when private: one internal server an admin trusts, or a test's replay server. */
  allowedHosts?: string[]
  /** Replaced in tests to observe waits without spending them. */
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

export const DEFAULT_USER_AGENT = `Chorus/0.1 (self-hosted social listening; +${process.env.CHORUS_CONTACT || 'https://github.com/chorus-listening/chorus'})`

const MAX_REDIRECTS = 5
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504])
// Everything that is not ordinary public unicast: loopback, RFC 1918, link-local, unique-local,
// carrier-grade NAT, multicast, reserved, unspecified.
const PUBLIC_RANGES = new Set(['unicast'])

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  const parsed = ipaddr.process(address)
  return PUBLIC_RANGES.has(parsed.range())
}

export function privateHostsAllowed(): boolean {
  return process.env.CHORUS_ALLOW_PRIVATE_HOSTS === '1'
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** dns.lookup that refuses non-public answers, used for every connection the agent opens. */
function guardedLookup(allowed: Set<string>) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const blocked = allowed.has(hostname) ? undefined : addresses.find((a) => !isPublicAddress(a.address))
      if (blocked) {
        const refusal = Object.assign(new Error(`${hostname} resolves to ${blocked.address}, a private address`), { code: 'ECHORUSBLOCKED' })
        return callback(refusal, [])
      }
      const all = (options as { all?: boolean }).all
      if (all) return callback(null, addresses)
      callback(null, addresses[0]!.address, addresses[0]!.family)
    })
  }
}

/** Seconds or an HTTP date (Retry-After), or a reset time from rate-limit headers; ms from now. */
export function retryDelayMs(headers: Headers, now: number): number | null {
  const retryAfter = headers.get('retry-after')
  if (retryAfter) {
    const seconds = Number(retryAfter)
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
    const at = Date.parse(retryAfter)
    if (!Number.isNaN(at)) return Math.max(0, at - now)
  }
  const reset = headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset')
  if (reset) {
    const asNumber = Number(reset)
    if (Number.isFinite(asNumber)) {
      // Epoch seconds (Bluesky) or seconds from now (Reddit, IETF draft).
      return Math.max(0, asNumber > 1e9 ? asNumber * 1000 - now : asNumber * 1000)
    }
    const at = Date.parse(reset) // Mastodon sends an ISO date
    if (!Number.isNaN(at)) return Math.max(0, at - now)
  }
  return null
}

export class HttpClient {
  readonly userAgent: string
  private readonly timeoutMs: number
  private readonly maxBytes: number
  private readonly maxRetries: number
  private readonly maxWaitMs: number
  private readonly perHost: number
  private readonly allowPrivate: boolean
  private readonly allowedHosts: Set<string>
  private readonly sleep: (ms: number) => Promise<void>
  private readonly now: () => number
  private readonly agent: Agent
  private readonly hostQueues = new Map<string, { active: number, waiting: (() => void)[] }>()

  constructor(options: HttpClientOptions = {}) {
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT
    this.timeoutMs = options.timeoutMs ?? 20_000
    this.maxBytes = options.maxBytes ?? 10 * 1024 * 1024
    this.maxRetries = options.maxRetries ?? 3
    this.maxWaitMs = options.maxWaitMs ?? 60_000
    this.perHost = options.perHostConcurrency ?? 1
    this.allowPrivate = options.allowPrivateHosts ?? privateHostsAllowed()
    this.allowedHosts = new Set(options.allowedHosts ?? [])
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.now = options.now ?? Date.now
    this.agent = new Agent({
      connect: this.allowPrivate ? {} : { lookup: guardedLookup(this.allowedHosts) as never },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    })
  }

  async close(): Promise<void> {
    await this.agent.close()
  }

  /** GET or POST with retries; any status other than 2xx ends as an HttpError('status'). */
  async request(url: string, options: RequestOptions = {}): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.once(url, options)
      if (response.status >= 200 && response.status < 300) return response
      const retriable = RETRY_STATUSES.has(response.status)
      const requested = retryDelayMs(response.headers, this.now())
      if (retriable && attempt < this.maxRetries) {
        const wait = requested ?? Math.min(30_000, 1000 * 2 ** attempt)
        if (wait <= this.maxWaitMs) {
          await this.sleep(wait)
          continue
        }
      }
      if (response.status === 429 || (requested !== null && retriable)) {
        const retryAt = new Date(this.now() + (requested ?? 60_000))
        throw new HttpError('rate_limited', `${hostOf(url)} asks to wait until ${retryAt.toISOString()} (HTTP ${response.status})`, { url, status: response.status, retryAt })
      }
      throw new HttpError('status', `${hostOf(url)} answered HTTP ${response.status}${snippet(response.body)}`, {
        url, status: response.status, body: response.body.subarray(0, 10_000).toString('utf8'),
      })
    }
  }

  async json<T = unknown>(url: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.request(url, { ...options, headers: { accept: 'application/json', ...options.headers } })
    return parseJsonBody<T>(response)
  }

  /** One exchange, following redirects, each hop checked against the address guard. */
  private async once(url: string, options: RequestOptions): Promise<HttpResponse> {
    let current = url
    let hopOptions = options
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const target = this.checkUrl(current)
      const response = await this.withHostSlot(target.host, () => this.exchange(target, hopOptions))
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        const next = new URL(response.headers.get('location')!, target)
        // Credentials are for the host they were given to: never forward them to another origin.
        if (next.origin !== target.origin) hopOptions = { ...hopOptions, headers: withoutCredentials(hopOptions.headers) }
        current = next.toString()
        continue
      }
      return response
    }
    throw new HttpError('too_many_redirects', `more than ${MAX_REDIRECTS} redirects from ${url}`, { url })
  }

  private checkUrl(raw: string): URL {
    let url: URL
    try {
      url = new URL(raw)
    }
    catch {
      throw new HttpError('bad_url', `not a URL: ${raw}`, { url: raw })
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new HttpError('bad_url', `only http and https URLs are fetched, not ${url.protocol}`, { url: raw })
    }
    const host = url.hostname.replace(/^\[|\]$/g, '')
    if (!this.allowPrivate && !this.allowedHosts.has(host) && isIP(host) && !isPublicAddress(host)) {
      throw new HttpError('blocked_address', `${host} is a private or loopback address (set CHORUS_ALLOW_PRIVATE_HOSTS=1 to allow)`, { url: raw })
    }
    return url
  }

  private async exchange(url: URL, options: RequestOptions): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(this.timeoutMs)
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
    try {
      const response = await request(url, {
        method: options.method ?? 'GET',
        headers: { 'user-agent': this.userAgent, 'accept-encoding': 'gzip, deflate, br', ...options.headers },
        body: options.body,
        signal,
        dispatcher: this.agent,
      })
      const headers = new Headers()
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
      }
      const declared = Number(headers.get('content-length'))
      if (Number.isFinite(declared) && declared > this.maxBytes) {
        // Destroying a body that is still arriving emits an abort error: it is expected here.
        response.body.on('error', () => {})
        response.body.destroy()
        throw new HttpError('too_large', `${url.host} sent ${declared} bytes, over the ${this.maxBytes}-byte limit`, { url: url.toString() })
      }
      const body = await this.readCapped(response.body, url)
      return { status: response.statusCode, url: url.toString(), headers, body: await decompress(body, headers.get('content-encoding')) }
    }
    catch (error) {
      throw this.classify(error, url, timeout)
    }
  }

  private async readCapped(stream: AsyncIterable<Buffer> & { destroy: () => void }, url: URL): Promise<Buffer> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of stream) {
      size += chunk.length
      if (size > this.maxBytes) {
        stream.destroy()
        throw new HttpError('too_large', `${url.host} sent more than the ${this.maxBytes}-byte limit`, { url: url.toString() })
      }
      chunks.push(chunk)
    }
    return Buffer.concat(chunks)
  }

  private classify(error: unknown, url: URL, timeout: AbortSignal): HttpError {
    if (error instanceof HttpError) return error
    const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException }
    const code = err.code ?? err.cause?.code
    const where = url.toString()
    if (code === 'ECHORUSBLOCKED' || err.cause?.code === 'ECHORUSBLOCKED') {
      return new HttpError('blocked_address', `${(err.cause ?? err).message} (set CHORUS_ALLOW_PRIVATE_HOSTS=1 to allow)`, { url: where })
    }
    if (timeout.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new HttpError('timeout', `${url.host} did not answer within ${this.timeoutMs / 1000} s`, { url: where })
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new HttpError('network', `${url.host} could not be found (DNS)`, { url: where })
    if (code === 'ECONNREFUSED') return new HttpError('network', `${url.host} refused the connection`, { url: where })
    if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
      return new HttpError('network', `${url.host} closed the connection before the whole response arrived`, { url: where })
    }
    return new HttpError('network', `${url.host}: ${err.message}`, { url: where })
  }

  private async withHostSlot<T>(host: string, work: () => Promise<T>): Promise<T> {
    let queue = this.hostQueues.get(host)
    if (!queue) {
      queue = { active: 0, waiting: [] }
      this.hostQueues.set(host, queue)
    }
    if (queue.active >= this.perHost) await new Promise<void>((resolve) => queue!.waiting.push(resolve))
    queue.active++
    try {
      return await work()
    }
    finally {
      queue.active--
      const next = queue.waiting.shift()
      if (next) next()
      else if (queue.active === 0) this.hostQueues.delete(host)
    }
  }
}

function withoutCredentials(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return headers
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^(authorization|cookie)$/i.test(name)))
}

async function decompress(body: Buffer, encoding: string | null): Promise<Buffer> {
  if (!encoding || encoding === 'identity' || body.length === 0) return body
  const zlib = await import('node:zlib')
  const { promisify } = await import('node:util')
  try {
    if (encoding.includes('br')) return await promisify(zlib.brotliDecompress)(body)
    if (encoding.includes('gzip')) return await promisify(zlib.gunzip)(body)
    if (encoding.includes('deflate')) return await promisify(zlib.inflate)(body)
  }
  catch (error) {
    throw new HttpError('network', `the ${encoding} body could not be decompressed (truncated?): ${(error as Error).message}`)
  }
  return body
}

export class MalformedResponseError extends Error {
  constructor(message: string, readonly url?: string) {
    super(message)
    this.name = 'MalformedResponseError'
  }
}

/** Parses a JSON body, saying where and what went wrong instead of a bare SyntaxError. */
export function parseJsonBody<T>(response: HttpResponse): T {
  try {
    return parseJsonBytes(response.body) as T
  }
  catch (error) {
    throw new MalformedResponseError(`${hostOf(response.url)} sent malformed JSON (${(error as Error).message}; ${response.body.length} bytes)`, response.url)
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  }
  catch {
    return url
  }
}

function snippet(body: Buffer): string {
  const text = body.subarray(0, 200).toString('utf8').replace(/\s+/g, ' ').trim()
  return text ? `: ${text}` : ''
}
