// Cuts a query into operators, parentheses, quoted phrases and bare terms. Only the exact
// upper-case words AND, OR, NOT and NEAR/n are operators, so "and" or "Not" stay searchable.

import { QuerySyntaxError } from './errors'

export type Lexeme =
  | { type: 'and' | 'or' | 'not' | 'open' | 'close'; raw: string; position: number }
  | { type: 'near'; raw: string; position: number; distance: number }
  /** A bare term: everything up to the next space, parenthesis or quote. */
  | { type: 'term'; raw: string; position: number }
  /** A quoted phrase; raw keeps the quotes, content starts one character after position. */
  | { type: 'phrase'; raw: string; position: number; content: string }

// Straight quotes and the curly ones word processors put in when a query is pasted from a brief.
const QUOTES = new Set(['"', '“', '”', '„'])
const MAX_NEAR = 999

function isBareStop(char: string): boolean {
  return char === '(' || char === ')' || QUOTES.has(char) || /\s/.test(char)
}

function operator(raw: string, position: number): Lexeme | null {
  if (raw === 'AND') return { type: 'and', raw, position }
  if (raw === 'OR') return { type: 'or', raw, position }
  if (raw === 'NOT') return { type: 'not', raw, position }
  if (raw !== 'NEAR' && !raw.startsWith('NEAR/')) return null
  const digits = /^NEAR\/(\d+)$/.exec(raw)?.[1]
  if (digits === undefined || Number(digits) > MAX_NEAR) {
    const problem = digits === undefined ? 'expected a distance after NEAR/, as in NEAR/3,' : `NEAR/ takes a distance from 0 to ${MAX_NEAR}, not ${digits},`
    throw new QuerySyntaxError('bad_near', position + Math.min(raw.length, 5), `a distance from 0 to ${MAX_NEAR}, as in NEAR/3`, problem)
  }
  return { type: 'near', raw, position, distance: Number(digits) }
}

export function lex(text: string): Lexeme[] {
  const out: Lexeme[] = []
  let i = 0
  while (i < text.length) {
    const char = text[i]!
    if (/\s/.test(char)) {
      i++
    }
    else if (char === '(' || char === ')') {
      out.push({ type: char === '(' ? 'open' : 'close', raw: char, position: i })
      i++
    }
    else if (QUOTES.has(char)) {
      let close = i + 1
      while (close < text.length && !QUOTES.has(text[close]!)) close++
      if (close >= text.length) throw new QuerySyntaxError('unclosed_quote', i, 'a closing quote (")', 'unclosed quote opened')
      out.push({ type: 'phrase', raw: text.slice(i, close + 1), position: i, content: text.slice(i + 1, close) })
      i = close + 1
    }
    else {
      let end = i + 1
      while (end < text.length && !isBareStop(text[end]!)) end++
      const raw = text.slice(i, end)
      out.push(operator(raw, i) ?? { type: 'term', raw, position: i })
      i = end
    }
  }
  return out
}
