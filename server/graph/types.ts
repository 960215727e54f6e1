import type { AbstractGraph } from 'graphology-types'

/** An author's id as the database or a file names it; the graph keys it as a string. */
export type AuthorId = string | number

export const INTERACTION_KINDS = ['mention', 'reply', 'repost', 'quote'] as const
export type InteractionKind = (typeof INTERACTION_KINDS)[number]
export type KindCounts = Partial<Record<InteractionKind, number>>

/**
 * How often `source` addressed `target` (mentioned, replied to, reposted, quoted) in the scope:
 * one row per pair, summed in SQL before the graph is built.
 */
export interface Interaction {
  source: AuthorId
  target: AuthorId
  weight: number
  kinds?: KindCounts
}

/** What is known of an author in the scope; anything left out is unknown or zero as stated. */
export interface AuthorInput {
  id: AuthorId
  handle?: string
  /** Unknown stays null, never 0: a platform that hides followers says nothing about reach. */
  followers?: number | null
  /** Likes, reposts, replies and quotes their posts received. */
  engagement?: number
  /** Posts in the scope. */
  activity?: number
  /** Languages they post in, most used first. */
  languages?: readonly string[]
}

export interface AuthorAttributes {
  handle: string
  followers: number | null
  engagement: number
  activity: number
  languages: string[]
}

export interface TieAttributes {
  weight: number
  kinds?: KindCounts
}

/** Authors are nodes; interactions are edges, directed from who spoke to who was addressed. */
export type ConversationGraph = AbstractGraph<AuthorAttributes, TieAttributes>
