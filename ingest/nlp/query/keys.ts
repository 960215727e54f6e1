// The form both sides of a match are compared in: the shared fold, plus the few equivalences
// the tokenizer leaves to its readers. The query and the post index must both go through here.

const CURLY_APOSTROPHE = /’/g
const COMPOUND_JOINER = /['-]/

/** A folded norm with one apostrophe: "aujourd’hui" and "aujourd'hui" are typed both ways. */
export function canonical(norm: string): string {
  return norm.includes('’') ? norm.replace(CURLY_APOSTROPHE, "'") : norm
}

/**
 * The pieces of a word joined by hyphens or apostrophes ("covid-19", "d'asile"), or null. The
 * tokenizer keeps such words whole; their pieces are indexed at the same position so that
 * `asile` finds "demande d'asile" and `covid` finds "covid-19".
 */
export function compoundParts(key: string): string[] | null {
  // Plain includes() first: most words have no joiner, and this runs on every token.
  if (!key.includes('-') && !key.includes("'")) return null
  return key.split(COMPOUND_JOINER).filter(Boolean)
}

/** "unhcr@mastodon.social" → "unhcr": a query without an instance matches the account anywhere. */
export function localPart(handle: string): string {
  const at = handle.indexOf('@')
  return at < 0 ? handle : handle.slice(0, at)
}

// Characters of scripts written without spaces, where a query word is compared with the post's
// adjacent words joined, because the segmenter may cut the same word differently in context.
const UNSPACED = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u

export function isUnspaced(text: string): boolean {
  return UNSPACED.test(text)
}

export function letterCount(text: string): number {
  return text.match(/[\p{L}\p{N}]/gu)?.length ?? 0
}
