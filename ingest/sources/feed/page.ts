import type { Page } from '../../types'
import { readFeed } from './entries'
import { feedIdentity, normaliseFeed } from './normalise'
import { type DocumentSource, parseFeedDocument } from './parse'

/**
 * A feed body, fetched or saved, as one page: parse, read, normalise. Pure. Feeds have no paging,
 * so the page is always the last; the caller sets the cursor.
 */
export function feedBodyToPage(body: Uint8Array, source: DocumentSource & { now: Date }): Omit<Page, 'nextCursor'> {
  const document = parseFeedDocument(body, source)
  const read = readFeed(document.feed)
  const normalised = normaliseFeed(read, { feedUrl: feedIdentity(read.channel, source.origin), now: source.now })
  return {
    posts: normalised.posts,
    failures: [...document.failures, ...normalised.failures],
    done: true,
    notes: [...document.notes, ...normalised.notes],
  }
}
