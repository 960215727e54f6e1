import { z } from 'zod'

// A feed source is one URL: RSS 0.9x/2.0, RDF (RSS 1.0), Atom or JSON Feed, found out on fetch.
// The URL is configuration like every adapter's base URL, so tests point it at a replay server.

export const feedConfigSchema = z.object({
  url: z.string().trim().pipe(z.url({ protocol: /^https?$/, error: 'the feed must be an http(s) URL, e.g. https://example.org/feed.xml' })),
})

export type FeedConfig = z.output<typeof feedConfigSchema>
