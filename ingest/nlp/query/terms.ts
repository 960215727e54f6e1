// Turns a bare term or a quoted phrase into the pieces the matcher looks for, reading it with the
// same tokenizer as the posts so both sides cut and fold words alike.

import { type Token, tokenize } from '../tokens'
import { QuerySyntaxError } from './errors'
import { canonical, isUnspaced, letterCount } from './keys'

export const MIN_WILDCARD_LETTERS = 3
// A character of these scripts is a syllable or a word: 难民*, 난민* are whole words already.
const SYLLABIC = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u
const MIN_SYLLABIC_WILDCARD_LETTERS = 2

export interface TermPiece {
  kind: 'word' | 'hashtag' | 'mention'
  /** Folded and canonical; for a run of unspaced script, its words joined. */
  key: string
  /** Written with a trailing *: matches any key that starts with this one. */
  prefix: boolean
  /** Unspaced script: compared with adjacent post words joined, not word by word. */
  joined: boolean
  /** A mention written with its instance (@user@host): the whole handle must match. */
  withHost: boolean
}

interface Written {
  text: string
  /** Offset of text in the query. */
  offset: number
  quoted: boolean
}

function describe(written: Written): string {
  return written.quoted ? 'a quoted phrase' : `"${written.text}"`
}

type SearchableToken = Token & { kind: TermPiece['kind'] }

function checkStars(written: Written, tokens: readonly Token[]): Set<number> {
  const starred = new Set<number>()
  for (let at = written.text.indexOf('*'); at >= 0; at = written.text.indexOf('*', at + 1)) {
    const index = tokens.findIndex((token) => token.end === at)
    const endsTerm = written.quoted || at === written.text.length - 1
    if (index < 0 || !endsTerm) {
      throw new QuerySyntaxError('unexpected_token', written.offset + at, 'a * right after a word, as in refug*', 'a * goes at the end of a word, as in refug*,')
    }
    starred.add(index)
  }
  return starred
}

function pieceOf(token: SearchableToken, prefix: boolean): TermPiece {
  const kind = token.kind
  return { kind, key: canonical(token.norm), prefix, joined: kind === 'word' && isUnspaced(token.norm), withHost: kind === 'mention' && token.norm.includes('@') }
}

/** Consecutive unspaced words with nothing between them are one word for the matcher. */
function joinable(previous: Token | undefined, last: TermPiece | undefined, piece: TermPiece, token: Token): last is TermPiece {
  return previous !== undefined && last !== undefined && last.joined && piece.joined && previous.end === token.start
}

export function readTerm(written: Written): TermPiece[] {
  const tokens = tokenize(written.text)
  if (!tokens.every((token): token is SearchableToken => token.kind !== 'url')) {
    const url = tokens.find((token) => token.kind === 'url')!
    throw new QuerySyntaxError('unexpected_token', written.offset + url.start, 'a word of the link', 'links are not searched: search a word of it')
  }
  if (tokens.length === 0) {
    const problem = written.quoted ? 'expected words inside the quotes' : `expected letters or digits in ${describe(written)}`
    // An empty phrase is pointed at by its opening quote.
    throw new QuerySyntaxError('expected_term', written.offset - (written.quoted ? 1 : 0), 'a word, #hashtag or @mention', problem)
  }
  const starred = checkStars(written, tokens)
  const pieces: TermPiece[] = []
  tokens.forEach((token, index) => {
    const piece = pieceOf(token, starred.has(index))
    const last = pieces.at(-1)
    if (joinable(tokens[index - 1], last, piece, token)) pieces[pieces.length - 1] = { ...last, key: last.key + piece.key, prefix: piece.prefix }
    else pieces.push(piece)
    const merged = pieces.at(-1)!
    if (merged.prefix && letterCount(merged.key) < (SYLLABIC.test(merged.key) ? MIN_SYLLABIC_WILDCARD_LETTERS : MIN_WILDCARD_LETTERS)) {
      const least = `at least ${MIN_WILDCARD_LETTERS} letters before * (${MIN_SYLLABIC_WILDCARD_LETTERS} in Chinese, Japanese or Korean)`
      throw new QuerySyntaxError('short_wildcard', written.offset + token.end, least, `wildcard needs ${least}`)
    }
  })
  return pieces
}
