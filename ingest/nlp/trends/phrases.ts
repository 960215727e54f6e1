// Ranked lists of terms (emerging terms, a spike's drivers, a post's keyphrases) read better when
// a sentence that many posts repeat is listed once: its two-word terms chain ("migrantes
// deveriam", "deveriam receber"), and its words rise with them. Both rules here take the
// caller's test of "rose together", since each list counts in its own windows.

export interface PhraseTerm {
  /** Words (stems or written forms) separated by single spaces; '#' + tag for a hashtag. */
  key: string
  /** The written form shown. */
  surface: string
}

function pairWords(term: PhraseTerm): [string, string] | null {
  if (term.key.startsWith('#')) return null
  const words = term.key.split(' ')
  return words.length === 2 ? [words[0]!, words[1]!] : null
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/**
 * Chains of two-word terms ("a b", "b c") that rose together, each replaced by one phrase ("a b c")
 * where its first pair ranked. A pair joins the next only when no other pair of the list could
 * continue it, or lead to that next one, the same way: with a choice, which sentence it came from
 * is unknown. Pairs that write their shared word differently stay apart, and so do pairs whose
 * joined form `written` refuses (one post's keyphrases: not in its text).
 */
export function joinChains<T extends PhraseTerm>(terms: readonly T[], together: (a: T, b: T) => boolean, written: (surface: string) => boolean = () => true): T[] {
  const byFirst = new Map<string, T[]>()
  const byLast = new Map<string, T[]>()
  for (const term of terms) {
    const words = pairWords(term)
    if (!words) continue
    push(byFirst, words[0], term)
    push(byLast, words[1], term)
  }
  const next = new Map<T, T>()
  for (const [last, pairs] of byLast) {
    for (const pair of pairs) {
      const followers = (byFirst.get(last) ?? []).filter((other) => other !== pair && together(pair, other))
      if (followers.length !== 1) continue
      const follower = followers[0]!
      const leaders = pairs.filter((other) => other !== follower && together(other, follower))
      const surface = leaders.length === 1 ? joinedSurface(pair.surface, follower.surface) : null
      if (surface !== null && written(surface)) next.set(pair, follower)
    }
  }
  const followers = new Set(next.values())
  const replaced = new Map<T, T | null>()
  for (const head of next.keys()) {
    if (followers.has(head)) continue
    let { key, surface } = head
    const chain = new Set([head])
    for (let pair = next.get(head); pair && !chain.has(pair); pair = next.get(pair)) {
      key += ` ${pairWords(pair)![1]}`
      surface = joinedSurface(surface, pair.surface)!
      chain.add(pair)
      replaced.set(pair, null)
    }
    replaced.set(head, { ...head, key, surface })
  }
  return terms.flatMap((term) => {
    const phrase = replaced.get(term)
    return phrase === undefined ? [term] : phrase === null ? [] : [phrase]
  })
}

/**
 * Leaves out each single word that a longer term of the list holds and that rose only inside it
 * (`within` compares their counts): it says nothing the longer term does not.
 */
export function withoutEnclosedWords<T extends PhraseTerm>(terms: readonly T[], within: (word: T, phrase: T) => boolean): T[] {
  const holders = new Map<string, T[]>()
  for (const term of terms) {
    if (term.key.startsWith('#') || !term.key.includes(' ')) continue
    for (const word of new Set(term.key.split(' '))) push(holders, word, term)
  }
  return terms.filter((term) => !(holders.get(term.key) ?? []).some((phrase) => within(term, phrase)))
}

/**
 * Two written forms, the second starting with the word the first ends with, as one phrase; null
 * when they write that word differently. Scripts without spaces (Chinese, Japanese, Thai) join
 * their words directly, so there the longest overlap is the shared word.
 */
export function joinedSurface(left: string, right: string): string | null {
  const space = right.search(/\s/u)
  if (space > 0) {
    const word = right.slice(0, space)
    const before = left.length - word.length - 1
    return left.endsWith(word) && (before < 0 || /\s/u.test(left[before]!)) ? left + right.slice(space) : null
  }
  for (let overlap = Math.min(left.length, right.length) - 1; overlap > 0; overlap--) {
    if (left.endsWith(right.slice(0, overlap))) return left + right.slice(overlap)
  }
  return null
}
