// Runs a compiled query against one indexed post. The boolean test stops at the first proof and
// allocates nothing on the common path (a term that is absent); collecting the matched terms
// walks further, and only runs for queries that matched.

import { compoundParts, localPart } from './keys'
import type { QueryNode } from './parser'
import type { PostIndex } from './post-index'
import type { TermPiece } from './terms'
import type { Vocabulary } from './vocabulary'

export type CompiledNode =
  | { type: 'term'; text: string; slot: number; pieces: readonly TermPiece[] }
  | { type: 'and' | 'or'; children: readonly CompiledNode[] }
  | { type: 'not'; child: CompiledNode }
  | { type: 'near'; distance: number; left: CompiledNode; right: CompiledNode }

type NearNode = Extract<CompiledNode, { type: 'near' }>
type TermNode = Extract<CompiledNode, { type: 'term' }>

/** Where a term (or a NEAR pair) sits, in token positions, and which terms put it there. */
interface Span {
  start: number
  end: number
  terms: readonly string[]
}

export function compile(node: QueryNode, vocabulary: Vocabulary): CompiledNode {
  switch (node.type) {
    case 'term': return { type: 'term', text: node.text, slot: vocabulary.slotOf(node.pieces[0]!), pieces: node.pieces }
    case 'and':
    case 'or': return { type: node.type, children: node.children.map((child) => compile(child, vocabulary)) }
    case 'not': return { type: 'not', child: compile(node.child, vocabulary) }
    case 'near': return { type: 'near', distance: node.distance, left: compile(node.left, vocabulary), right: compile(node.right, vocabulary) }
  }
}

function same(piece: TermPiece, key: string): boolean {
  return piece.prefix ? key.startsWith(piece.key) : key === piece.key
}

// Unspaced words are compared joined: the query's 疫情 matches the post's 疫|情, yet 民主 does
// not match 人民|主权, because the match must start and end on the post's word boundaries.
function joinedEnd(piece: TermPiece, index: PostIndex, start: number): number {
  let joined = ''
  for (let position = start; position < index.size && index.tokens[position]!.kind === 'word'; position++) {
    if (position > start && index.tokens[position]!.start !== index.tokens[position - 1]!.end) return -1
    joined += index.keys[position]
    if (joined.length >= piece.key.length) return same(piece, joined) ? position : -1
    if (!piece.key.startsWith(joined)) return -1
  }
  return -1
}

/** The last position a piece covers when it starts at this one, or -1. */
function pieceEnd(piece: TermPiece, index: PostIndex, position: number): number {
  if (position >= index.size) return -1
  const kind = index.tokens[position]!.kind
  const key = index.keys[position]!
  if (piece.kind === 'mention') {
    return kind === 'mention' && same(piece, piece.withHost ? key : localPart(key)) ? position : -1
  }
  if (piece.kind === 'hashtag' || kind === 'hashtag') {
    return kind === 'hashtag' && same(piece, key) ? position : -1
  }
  if (kind !== 'word') return -1
  if (piece.joined) return joinedEnd(piece, index, position)
  return same(piece, key) || compoundParts(key)?.some((part) => same(piece, part)) ? position : -1
}

/** The last position of the term when it starts here, or -1: a phrase is its pieces in a row. */
function termEnd(term: TermNode, index: PostIndex, start: number): number {
  let end = start - 1
  for (let i = 0; i < term.pieces.length && (i === 0 || end >= 0); i++) end = pieceEnd(term.pieces[i]!, index, end + 1)
  return end
}

function termFound(term: TermNode, index: PostIndex): boolean {
  for (const start of index.startsOf(term.slot)) if (termEnd(term, index, start) >= 0) return true
  return false
}

function termSpans(term: TermNode, index: PostIndex): Span[] {
  const out: Span[] = []
  for (const start of index.startsOf(term.slot)) {
    const end = termEnd(term, index, start)
    if (end >= 0) out.push({ start, end, terms: [term.text] })
  }
  return out
}

// NEAR/n: at most n tokens between the two sides, in either order, at two distinct places.
function nearSpans(node: NearNode, index: PostIndex, firstOnly: boolean): Span[] {
  const lefts = spans(node.left, index)
  if (lefts.length === 0) return []
  const rights = spans(node.right, index)
  const out: Span[] = []
  for (const left of lefts) {
    for (const right of rights) {
      const gap = right.start > left.end ? right.start - left.end - 1 : left.start > right.end ? left.start - right.end - 1 : -1
      if (gap < 0 || gap > node.distance) continue
      out.push({ start: Math.min(left.start, right.start), end: Math.max(left.end, right.end), terms: [...left.terms, ...right.terms] })
      if (firstOnly) return out
    }
  }
  return out
}

function spans(node: CompiledNode, index: PostIndex): Span[] {
  switch (node.type) {
    case 'term': return termSpans(node, index)
    case 'near': return nearSpans(node, index, false)
    case 'or': return node.children.flatMap((child) => spans(child, index))
    default: throw new Error(`${node.type.toUpperCase()} has no place in the text: the parser keeps it away from NEAR`)
  }
}

export function test(node: CompiledNode, index: PostIndex): boolean {
  switch (node.type) {
    case 'term': return termFound(node, index)
    case 'near': return nearSpans(node, index, true).length > 0
    case 'and':
      for (const child of node.children) if (!test(child, index)) return false
      return true
    case 'or':
      for (const child of node.children) if (test(child, index)) return true
      return false
    case 'not': return !test(node.child, index)
  }
}

/** Adds the terms that make a matching node match; terms under NOT never count. */
export function collectTerms(node: CompiledNode, index: PostIndex, out: Set<string>): void {
  switch (node.type) {
    case 'term':
      if (termFound(node, index)) out.add(node.text)
      return
    case 'near':
      for (const span of nearSpans(node, index, false)) span.terms.forEach((term) => out.add(term))
      return
    case 'and':
    case 'or':
      for (const child of node.children) if (test(child, index)) collectTerms(child, index, out)
      return
    case 'not':
      return
  }
}

/** The query's terms in the order they are written, each once. */
export function termsInOrder(node: QueryNode, out: string[] = []): string[] {
  switch (node.type) {
    case 'term':
      if (!out.includes(node.text)) out.push(node.text)
      break
    case 'and':
    case 'or': node.children.forEach((child) => termsInOrder(child, out)); break
    case 'not': termsInOrder(node.child, out); break
    case 'near': termsInOrder(node.left, out); termsInOrder(node.right, out); break
  }
  return out
}
