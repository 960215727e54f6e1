// A post's tokens read once against the vocabulary of all compiled queries: keys by position for
// phrases and proximity, and for each vocabulary slot the positions where it may start.

import type { Token } from '../tokens'
import { canonical, compoundParts, localPart } from './keys'
import { BUCKET_LENGTH, bucketOf, type Lookup, type PrefixEntry, shortBucketOf, type Vocabulary } from './vocabulary'

const NONE: readonly number[] = []

export class PostIndex {
  /** Links are left out: they are not searched, and should not push words apart for NEAR. */
  readonly tokens: readonly Token[]
  /** The tokens' norms in the form queries are compared in. */
  readonly keys: string[]
  /** By vocabulary slot: candidate start positions, ascending; only the slots the post has. */
  private readonly hits = new Map<number, number[]>()

  constructor(tokens: readonly Token[], private readonly vocabulary: Vocabulary) {
    this.tokens = tokens.some((token) => token.kind === 'url') ? tokens.filter((token) => token.kind !== 'url') : tokens
    this.keys = new Array<string>(this.tokens.length)
    for (let position = 0; position < this.tokens.length; position++) {
      const token = this.tokens[position]!
      const key = canonical(token.norm)
      this.keys[position] = key
      if (token.kind === 'mention') {
        this.look('mentions', key, position)
        if (key.includes('@')) this.look('mentions', localPart(key), position)
        continue
      }
      // A plain term matches words, their pieces and hashtags alike.
      this.look('words', key, position)
      if (token.kind === 'hashtag') this.look('hashtags', key, position)
      else for (const part of compoundParts(key) ?? []) this.look('words', part, position)
    }
  }

  get size(): number {
    return this.keys.length
  }

  /** Where the slot's piece may start; the caller checks the piece there. */
  startsOf(slot: number): readonly number[] {
    return this.hits.get(slot) ?? NONE
  }

  private look(lookup: Lookup, key: string, position: number): void {
    const exact = this.vocabulary.exact[lookup].get(key)
    if (exact) for (const slot of exact) this.record(slot, position)
    const prefixes = this.vocabulary.prefixes[lookup]
    if (prefixes.size === 0) return
    if (this.vocabulary.shortPrefixes[lookup] && key.length >= 2) this.lookIn(prefixes.get(shortBucketOf(key)), key, position)
    if (key.length >= BUCKET_LENGTH) this.lookIn(prefixes.get(bucketOf(key)), key, position)
  }

  private lookIn(bucket: readonly PrefixEntry[] | undefined, key: string, position: number): void {
    if (bucket) for (const entry of bucket) if (key.startsWith(entry.prefix)) this.record(entry.slot, position)
  }

  private record(slot: number, position: number): void {
    const positions = this.hits.get(slot)
    if (!positions) this.hits.set(slot, [position])
    else if (positions[positions.length - 1] !== position) positions.push(position)
  }
}
