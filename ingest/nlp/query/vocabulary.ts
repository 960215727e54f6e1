// Every piece a set of queries can start on, gathered when the queries are compiled. A post is
// then read once against this dictionary: each of its tokens costs a lookup or two, whatever the
// number of topics, and only the pieces that occur get positions.

import type { TermPiece } from './terms'

export type Lookup = 'words' | 'hashtags' | 'mentions'

export interface PrefixEntry {
  prefix: string
  slot: number
}

// Wildcard prefixes are bucketed by their first three UTF-16 units, packed in one number: a
// prefix has at least three letters, so a key it matches shares those units. In Chinese,
// Japanese and Korean a prefix may have two (terms.ts): those are bucketed by their two, in
// numbers below any of three units' (no unit is 0).
export const BUCKET_LENGTH = 3

export function bucketOf(key: string): number {
  return (key.charCodeAt(0) * 65536 + key.charCodeAt(1)) * 65536 + key.charCodeAt(2)
}

export function shortBucketOf(key: string): number {
  return key.charCodeAt(0) * 65536 + key.charCodeAt(1)
}

function lookupOf(piece: TermPiece): Lookup {
  return piece.kind === 'word' ? 'words' : piece.kind === 'hashtag' ? 'hashtags' : 'mentions'
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (!list) map.set(key, [value])
  else if (!list.includes(value)) list.push(value)
}

export class Vocabulary {
  /** Exact keys: words (with their pieces and hashtags), hashtags, mention handles and local parts. */
  readonly exact: Record<Lookup, Map<string, number[]>> = { words: new Map(), hashtags: new Map(), mentions: new Map() }
  readonly prefixes: Record<Lookup, Map<number, PrefixEntry[]>> = { words: new Map(), hashtags: new Map(), mentions: new Map() }
  /** Whether any prefix is shorter than a bucket, so that a post's tokens need a second look. */
  readonly shortPrefixes: Record<Lookup, boolean> = { words: false, hashtags: false, mentions: false }
  private readonly slots = new Map<string, number>()

  /** The slot a piece's start positions are recorded in; equal pieces share one. */
  slotOf(piece: TermPiece): number {
    const signature = `${piece.kind}|${piece.prefix}|${piece.withHost}|${piece.key}`
    const known = this.slots.get(signature)
    if (known !== undefined) return known
    const slot = this.slots.size
    this.slots.set(signature, slot)
    const lookup = lookupOf(piece)
    if (piece.prefix && piece.key.length < BUCKET_LENGTH) {
      push(this.prefixes[lookup], shortBucketOf(piece.key), { prefix: piece.key, slot })
      this.shortPrefixes[lookup] = true
    }
    else if (piece.prefix) push(this.prefixes[lookup], bucketOf(piece.key), { prefix: piece.key, slot })
    else push(this.exact[lookup], piece.key, slot)
    // Words in unspaced scripts may start on a post word that is only the beginning of the key.
    if (piece.joined) {
      for (let length = 1; length < piece.key.length; length++) push(this.exact.words, piece.key.slice(0, length), slot)
    }
    return slot
  }
}
