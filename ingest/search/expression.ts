import { parseQuery, QuerySyntaxError, type QueryNode, type TermNode } from '../nlp/query'
import { indexForm } from './document'

// A search box takes the topic query language (PRODUCT.md §2), with one allowance: words side
// by side mean AND, as in every search box, where a topic query asks for the operator.
//
// The query becomes an FTS5 expression that finds every post the query can match, and possibly
// a few more: NOT, NEAR and the difference between a word, a #hashtag and an @mention are left to
// the topic matcher, which checks each candidate. The index narrows, the matcher decides.

export interface SearchQuery {
  /** The query as matched: the user's text with the implied ANDs written out. */
  text: string
  node: QueryNode
  /** The FTS5 MATCH expression, or null when the query constrains no word (a OR NOT b). */
  fts: string | null
}

/** Parses a search; a QuerySyntaxError's position points into the text as the user typed it. */
export function parseSearch(input: string): SearchQuery {
  let text = input
  const inserted: number[] = []
  for (;;) {
    try {
      const node = parseQuery(text)
      return { text, node, fts: ftsExpression(node) }
    }
    catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error
      if (error.code === 'missing_operator' && inserted.length < 100) {
        text = `${text.slice(0, error.position)}AND ${text.slice(error.position)}`
        inserted.push(error.position)
        continue
      }
      const shift = inserted.filter((at) => at < error.position).length * 4
      throw new QuerySyntaxError(error.code, error.position - shift, error.expected, error.message.replace(/ at \d+$/, ''))
    }
  }
}

function quote(tokens: string): string {
  return `"${tokens.replaceAll('"', '""')}"`
}

function termExpression(term: TermNode): string {
  const tokens = term.pieces.map((piece) => indexForm(piece.key)).join(' ')
  return term.pieces.at(-1)?.prefix ? `${quote(tokens)}*` : quote(tokens)
}

/** The FTS5 expression for a parsed query; null means "no constraint on words". */
export function ftsExpression(node: QueryNode): string | null {
  switch (node.type) {
    case 'term':
      return termExpression(node)
    case 'not':
      return null
    case 'near': {
      // Distances count the tokenizer's words; the index splits "covid-19" in two, so the
      // distance is left to the matcher and both sides are simply required.
      return combine('AND', [ftsExpression(node.left), ftsExpression(node.right)])
    }
    case 'and':
      return combine('AND', node.children.map(ftsExpression))
    case 'or': {
      const children = node.children.map(ftsExpression)
      return children.includes(null) ? null : combine('OR', children)
    }
  }
}

function combine(operator: 'AND' | 'OR', parts: (string | null)[]): string | null {
  const present = parts.filter((part): part is string => part !== null)
  if (present.length === 0) return null
  if (present.length === 1) return present[0]!
  return present.map((part) => `(${part})`).join(` ${operator} `)
}
