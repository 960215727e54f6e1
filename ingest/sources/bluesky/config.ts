import { z } from 'zod'

// What a Bluesky source is: a search query or one account's feed, read through an XRPC service.

/** Where signed-in calls go: the account's PDS or the bsky.social entryway, which proxies app.bsky.* to the app view. */
export const SIGNED_IN_SERVICE = 'https://bsky.social'
/** The public, unauthenticated app view (https://docs.bsky.app/docs/advanced-guides/api-directory). */
export const PUBLIC_SERVICE = 'https://public.api.bsky.app'

/** A base URL kept without a trailing slash so `/xrpc/...` can be appended. */
const service = z
  .url({ protocol: /^https?$/, error: 'the service must be an http(s) URL, e.g. https://bsky.social' })
  .transform((value) => {
    const url = new URL(value)
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
  })

/** A handle ("alice.bsky.social", leading '@' dropped) or a DID ("did:plc:..."). */
const actor = z
  .string()
  .trim()
  .transform((value) => value.replace(/^@/, ''))
  .pipe(z.string().regex(/^(did:[a-z]+:[\w.:%-]+|([a-z0-9-]+\.)+[a-z0-9-]+)$/i, 'an actor is a handle (alice.bsky.social) or a DID (did:plc:...)'))

const common = {
  service: service.optional(),
  /** Handle, DID or e-mail of the account that signs in; an app password, never the main one. */
  identifier: z.string().trim().min(1).optional(),
  appPassword: z.string().trim().min(1).optional(),
  /** How far back the first run reaches; later runs continue from the newest post already taken. */
  backfillDays: z.number().positive().max(90).default(3),
}

const modes = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('search'), query: z.string().trim().min(1, 'a search query is needed').max(1000), ...common }),
  z.object({ mode: z.literal('author'), actor, ...common }),
])

export const blueskyConfigSchema = modes
  .refine((config) => Boolean(config.identifier) === Boolean(config.appPassword), {
    message: 'identifier and appPassword go together',
    path: ['appPassword'],
  })
  // Anonymous calls only work on the public app view; signed-in ones go to the PDS/entryway.
  .transform((config) => ({ ...config, service: config.service ?? (config.identifier ? SIGNED_IN_SERVICE : PUBLIC_SERVICE) }))

export type BlueskyConfig = z.output<typeof blueskyConfigSchema>
