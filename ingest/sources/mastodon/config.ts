import { z } from 'zod'

// What a Mastodon source is: one instance and one of four ways of listening to it.

/** The instance's base URL, kept without a trailing slash so API paths can be appended. */
const instance = z
  .url({ protocol: /^https?$/, error: 'the instance must be an http(s) URL, e.g. https://mastodon.social' })
  .transform((value) => {
    const url = new URL(value)
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
  })

const common = {
  instance,
  /** An access token (Bearer); search and mentions need one, public timelines usually do not. */
  token: z.string().trim().min(1).optional(),
  /** Statuses per request: 40 is the maximum of timelines and search (docs.joinmastodon.org/methods/timelines). */
  limit: z.number().int().min(1).max(40).default(40),
}

/** A tag as typed by a user ("#Climate" or "climate"): one word, no leading '#'. */
const tag = z
  .string()
  .trim()
  .transform((value) => value.replace(/^#/, ''))
  .pipe(z.string().min(1, 'a hashtag is needed').regex(/^[^\s/?#]+$/u, 'a hashtag is one word, without spaces or slashes'))

/** An account as user@domain (or user for an account of this instance), leading '@' removed. */
const acct = z
  .string()
  .trim()
  .transform((value) => value.replace(/^@/, ''))
  .pipe(z.string().regex(/^[\w.-]+(@[\w.-]+(:\d+)?)?$/u, 'an account is written user@domain, e.g. Gargron@mastodon.social'))

export const mastodonConfigSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('hashtag'), tag, ...common }),
  z.object({ mode: z.literal('search'), query: z.string().trim().min(1, 'a search query is needed'), ...common }),
  z.object({ mode: z.literal('account'), account: acct, ...common }),
  // Notifications are private to the token's owner: without one there is nothing to read.
  z.object({ mode: z.literal('mentions'), ...common, token: z.string().trim().min(1, 'mentions need an access token') }),
])

export type MastodonConfig = z.output<typeof mastodonConfigSchema>
