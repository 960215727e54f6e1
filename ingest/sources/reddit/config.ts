import { z } from 'zod'

// Subreddit names are 3-21 letters, digits or underscores (older ones are 2); '+' joins several
// into one multireddit listing (/r/a+b/new).
const SUBREDDIT = /^[A-Za-z0-9_]{2,21}(\+[A-Za-z0-9_]{2,21})*$/

export const redditConfigSchema = z.object({
  /** Listing host. Defaults to https://www.reddit.com, or https://oauth.reddit.com with app credentials. */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  authUrl: z.url({ protocol: /^https?$/ }).default('https://www.reddit.com/api/v1/access_token'),
  mode: z.enum(['search', 'subreddit']),
  query: z.string().trim().min(1).max(512).optional(),
  subreddit: z.string().trim().regex(SUBREDDIT, 'a subreddit name such as "worldnews" (without r/)').optional(),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
}).superRefine((config, ctx) => {
  if (config.mode === 'search' && !config.query) {
    ctx.addIssue({ code: 'custom', path: ['query'], message: 'search mode needs a query' })
  }
  if (config.mode === 'subreddit' && !config.subreddit) {
    ctx.addIssue({ code: 'custom', path: ['subreddit'], message: 'subreddit mode needs a subreddit' })
  }
  if (Boolean(config.clientId) !== Boolean(config.clientSecret)) {
    ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: 'app-only OAuth needs both clientId and clientSecret' })
  }
})

export type RedditConfig = z.infer<typeof redditConfigSchema>

export function usesOAuth(config: RedditConfig): boolean {
  return Boolean(config.clientId && config.clientSecret)
}

/** OAuth tokens are only accepted on oauth.reddit.com; anonymous reads go to www. */
export function listingBase(config: RedditConfig): string {
  const base = config.baseUrl ?? (usesOAuth(config) ? 'https://oauth.reddit.com' : 'https://www.reddit.com')
  return base.replace(/\/+$/, '')
}
