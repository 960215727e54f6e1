import { canonical, isUnspaced } from '../nlp/query/keys'
import { type Token, tokenize } from '../nlp/tokens'

// What the full-text index holds for a post, and how a query word is cut to look it up. Both
// sides go through the NLP tokenizer and its fold, so search agrees with topic matching on case,
// accents, apostrophes and Arabic vowel marks; SQLite's unicode61 tokenizer then only splits on
// the spaces (and the hyphens, apostrophes, dots and '@' inside words) of a text already folded.
//
// Scripts written without spaces (Chinese, Japanese, Thai...) are indexed one character per
// token. A word is then a phrase of its characters, found wherever it occurs, however a
// dictionary segmenter would have cut the sentence around it, and two-character words (难民,
// 難民) are searchable, which a trigram index cannot do. Word boundaries are checked afterwards
// by the topic matcher, which every search result goes through.

/** The FTS5 tokenizer of the index: marks are part of words (Devanagari, Thai vowels). */
export const SEARCH_TOKENIZER = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"

/** A folded key (a word, hashtag or mention) as the index's space-separated tokens. */
export function indexForm(key: string): string {
  return isUnspaced(key) ? Array.from(key).join(' ') : key
}

/** The indexed text of a post: its words, hashtags and mentions, folded; links are left out. */
export function searchDocument(tokens: readonly Token[]): string {
  const parts: string[] = []
  for (const token of tokens) {
    if (token.kind === 'url') continue
    parts.push(indexForm(canonical(token.norm)))
  }
  return parts.join(' ')
}

export function searchDocumentOf(text: string): string {
  return searchDocument(tokenize(text))
}

// Rowids of the index are in time order, so "newest first" reads the index backwards and stops
// after a page instead of sorting every match: the creation second in the high bits, and the low
// 20 bits of the post id to tell apart posts of the same second (a clash moves to the next slot).
const SLOTS_PER_SECOND = 2 ** 20

/** The first index rowid of posts created at or after this time. */
export function searchKeyAt(iso: string): number {
  const ms = Date.parse(iso)
  const seconds = Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0
  return seconds * SLOTS_PER_SECOND
}

export function searchKey(createdAt: string, postId: number): number {
  return searchKeyAt(createdAt) + (postId % SLOTS_PER_SECOND)
}
