// What a post points at: hashtags, mentions, links and their domains, and candidate names.
//
// Names are runs of capitalised words, in the scripts that have capitals. They are candidates,
// not recognised entities: a run is kept mid-sentence, where a capital is chosen; at the start
// of a sentence, where every word has one, a lone word only counts when the text capitalises it
// elsewhere too, and a leading stopword is dropped ("The Red Cross" → "Red Cross"). Lone words
// are not names in German, which capitalises every noun.

import { canonicalUrl } from '../../text'
import { fold } from '../tokens'
import { prepareText, sentenceEndsBetween, spaceBetween, type PreparedText, type TextInput, type Word } from './prepare'
import { hashtagOf, isBareDomain } from './words'

export interface Entities {
  /** Lower-case, without '#'. */
  hashtags: string[]
  /** Lower-case, without '@'; "user@instance" when the instance is written. */
  mentions: string[]
  /** In the canonical form the store keeps (no tracking parameters, no "www."). */
  links: string[]
  /** Host names without "www.". */
  domains: string[]
  /** Candidate names, as first written. */
  names: string[]
}

const CAPITALISED = /^[\p{Lu}\p{Lt}]/u
const SHOUTED = /^[^\p{Ll}]+$/u
const MIN_SHOUTED_WORDS = 3
/** Longer runs are headlines in title case or shouting, not names. */
const MAX_NAME_WORDS = 5
// Lower-case words that stay inside a name: "Bank of America", "Organisation Mondiale de la
// Santé", "Ludwig van Beethoven", "Osama bin Laden". Not "and": "Kenya and Uganda" are two.
// German articles are left out too: every German noun is capitalised, and "Richtung Verona um
// das Gegenteil" is not a name.
const PARTICLES: ReadonlySet<string> = new Set([
  'of', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'des', 'la', 'le', 'les', 'el', 'al',
  'van', 'von', 'der', 'den', 'ter', 'zu', 'bin', 'ibn', 'ben',
])
const GERMAN_PARTICLES: ReadonlySet<string> = new Set(['von', 'zu', 'van', 'de'])
const MAX_PARTICLES_IN_A_ROW = 2

function addUnique(list: string[], seen: Set<string>, value: string): void {
  if (seen.has(value)) return
  seen.add(value)
  list.push(value)
}

function addLink(entities: Entities, seen: Set<string>, url: string): void {
  const canonical = canonicalUrl(url)
  if (!canonical || seen.has(canonical)) return
  seen.add(canonical)
  entities.links.push(canonical)
  const domain = new URL(canonical).hostname
  if (!entities.domains.includes(domain)) entities.domains.push(domain)
}

interface Run {
  words: Word[]
  atSentenceStart: boolean
}

const NONE: ReadonlySet<Word> = new Set()

function isUpperCase(word: Word): boolean {
  return CAPITALISED.test(word.surface) && SHOUTED.test(word.surface)
}

/** Words inside three or more upper-case words in a row: shouting, whatever they are. */
function shoutedWords(prepared: PreparedText): ReadonlySet<Word> {
  const words = prepared.words
  let shouted: Set<Word> | null = null
  // words[from..i) are upper-case and separated by spaces only.
  let from = 0
  for (let i = 0; i <= words.length; i++) {
    const word = words[i]
    const upper = word !== undefined && isUpperCase(word)
    if (upper && i > from && spaceBetween(prepared, words[i - 1]!.end, word.start)) continue
    if (i - from >= MIN_SHOUTED_WORDS) {
      shouted ??= new Set()
      for (let j = from; j < i; j++) shouted.add(words[j]!)
    }
    from = upper ? i : i + 1
  }
  return shouted ?? NONE
}

function isCapitalised(word: Word, shouted: ReadonlySet<Word>): boolean {
  return !word.noise && CAPITALISED.test(word.surface) && !shouted.has(word)
}

function isParticle(word: Word, lang: string): boolean {
  return word.surface === word.lower && (lang === 'de' ? GERMAN_PARTICLES : PARTICLES).has(word.lower)
}

/** Runs of capitalised words joined by spaces and at most two particles in a row. */
function capitalisedRuns(prepared: PreparedText): Run[] {
  const shouted = shoutedWords(prepared)
  const runs: Run[] = []
  let current: Run | null = null
  let particles = 0
  let previous: Word | null = null
  for (const word of prepared.words) {
    const joined = current !== null && previous !== null && spaceBetween(prepared, previous.end, word.start)
    if (current && joined && isCapitalised(word, shouted)) {
      current.words.push(word)
      particles = 0
    }
    else if (current && joined && isParticle(word, prepared.lang) && particles < MAX_PARTICLES_IN_A_ROW) {
      current.words.push(word)
      particles++
    }
    else {
      if (current) runs.push(current)
      current = null
      particles = 0
      if (isCapitalised(word, shouted)) {
        const atSentenceStart = previous === null || sentenceEndsBetween(prepared, previous.end, word.start)
        current = { words: [word], atSentenceStart }
      }
    }
    previous = word
  }
  if (current) runs.push(current)
  // A run ends on a capitalised word, not on a particle.
  for (const run of runs) while (run.words.length > 1 && run.words.at(-1)!.surface === run.words.at(-1)!.lower) run.words.pop()
  return runs
}

function nameText(prepared: PreparedText, words: readonly Word[]): string {
  if (prepared.text === null) return words.map((word) => word.surface).join(' ')
  return prepared.text.slice(words[0]!.start, words.at(-1)!.end).replace(/\s+/gu, ' ')
}

function names(prepared: PreparedText): string[] {
  const runs = capitalisedRuns(prepared)
  // How often each word is written capitalised: a lone word at a sentence start needs another.
  const capitalised = new Map<string, number>()
  for (const run of runs) for (const word of run.words) if (word.surface !== word.lower) capitalised.set(word.norm, (capitalised.get(word.norm) ?? 0) + 1)
  const found: string[] = []
  const seen = new Set<string>()
  for (const run of runs) {
    let words = run.words
    if (run.atSentenceStart && words.length > 1 && words[0]!.stop) words = words.slice(1)
    if (words.length > MAX_NAME_WORDS) continue
    if (words.length === 1) {
      const word = words[0]!
      if (word.stop || prepared.lang === 'de') continue
      // After a dropped "The", the word was not the one the sentence start capitalised.
      if (run.atSentenceStart && words === run.words && (capitalised.get(word.norm) ?? 0) < 2) continue
    }
    const text = nameText(prepared, words)
    const key = fold(text)
    if (!seen.has(key)) {
      seen.add(key)
      found.push(text)
    }
  }
  return found
}

/** The entities of a text already read by `prepareText`, each list in order of appearance. */
export function entitiesOfPrepared(prepared: PreparedText): Entities {
  const entities: Entities = { hashtags: [], mentions: [], links: [], domains: [], names: names(prepared) }
  const seenTags = new Set<string>()
  const seenMentions = new Set<string>()
  const seenLinks = new Set<string>()
  for (const token of prepared.tokens) {
    if (token.kind === 'hashtag') {
      const tag = hashtagOf(token.text)
      if (tag) addUnique(entities.hashtags, seenTags, tag)
    }
    else if (token.kind === 'mention') addUnique(entities.mentions, seenMentions, token.text.toLowerCase())
    else if (token.kind === 'url') addLink(entities, seenLinks, token.text)
    else if (token.kind === 'word' && token.text.includes('.') && isBareDomain(token.norm)) addLink(entities, seenLinks, `https://${token.text}`)
  }
  return entities
}

/** Hashtags, mentions, links, domains and candidate names of a text in a language. */
export function entitiesOf(input: TextInput, lang: string): Entities {
  return entitiesOfPrepared(prepareText(input, lang))
}
