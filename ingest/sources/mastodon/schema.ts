import { z } from 'zod'

// The parts of Mastodon's REST entities that Chorus reads (https://docs.joinmastodon.org/entities/).
// Objects are not strict: every release adds fields, and forks (glitch-soc, Hometown) and other
// servers speaking the same API add their own. Nested statuses (a boost's `reblog`, a quote's
// `quoted_status`) are left unknown here and parsed on their own, so a broken original is
// reported as such instead of hiding the status that carries it.

/** Instance-local ids are strings: "cast from an integer, but not guaranteed to be a number". */
const id = z.string().min(1)
/** Counters are absent on older servers (quotes_count arrived with 4.4): absent is null, not 0. */
const count = z.number().int().nonnegative().nullish()

export const accountSchema = z
  .object({
    id,
    /** `user` for an account of the answering instance, `user@domain` for a remote one. */
    acct: z.string().min(1),
    url: z.string().nullish(),
    /** The ActivityPub actor id; in the REST API since 4.2. */
    uri: z.string().nullish(),
    display_name: z.string().nullish(),
    followers_count: count,
  })
  .refine((account) => Boolean(account.url || account.uri), 'an account without url or uri')

export const mentionSchema = z.object({ id, acct: z.string().min(1), url: z.string().min(1) })

export const statusSchema = z.object({
  id,
  /** The ActivityPub id: the same on every instance, so it is the dedupe key. */
  uri: z.string().min(1),
  url: z.string().nullish(),
  created_at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date'),
  account: accountSchema,
  content: z.string().nullish(),
  /** The content warning, plain text. */
  spoiler_text: z.string().nullish(),
  visibility: z.string().nullish(),
  language: z.string().nullish(),
  in_reply_to_id: z.string().nullish(),
  in_reply_to_account_id: z.string().nullish(),
  mentions: z.array(mentionSchema).nullish(),
  tags: z.array(z.object({ name: z.string().min(1), url: z.string().nullish() })).nullish(),
  card: z.object({ url: z.string().nullish() }).nullish(),
  favourites_count: count,
  reblogs_count: count,
  replies_count: count,
  quotes_count: count,
  reblog: z.unknown().optional(),
  quote: z.unknown().optional(),
})
export type Status = z.output<typeof statusSchema>
export type Account = z.output<typeof accountSchema>
export type Mention = z.output<typeof mentionSchema>

/**
 * Mastodon 4.4 quotes: `{ state, quoted_status }`, where quoted_status is null unless the quote
 * was accepted and is visible; a quote nested inside a quoted status is "shallow"
 * (`quoted_status_id` only). https://docs.joinmastodon.org/entities/Quote/
 */
export const quoteSchema = z.object({
  state: z.string().nullish(),
  quoted_status: z.unknown().optional(),
  quoted_status_id: z.string().nullish(),
})

export const notificationSchema = z.object({ id, type: z.string().min(1), status: z.unknown().optional() })

/** One line naming where a payload item differs from what is expected. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'item'}: ${issue.message}`)
    .join('; ')
}
