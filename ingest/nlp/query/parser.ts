// Recursive descent over the lexemes, one function per precedence level:
// OR < AND (and the binary NOT, "a NOT b" = "a AND NOT b") < NEAR/n < unary NOT < term or group.

import { QuerySyntaxError } from './errors'
import { type Lexeme, lex } from './lexer'
import { readTerm, type TermPiece } from './terms'

export interface TermNode {
  type: 'term'
  /** As written, quotes included: what a match reports back. */
  text: string
  quoted: boolean
  position: number
  pieces: TermPiece[]
}

export type QueryNode =
  | TermNode
  /** position: the first AND / OR joining the children. */
  | { type: 'and' | 'or'; children: QueryNode[]; position: number }
  | { type: 'not'; child: QueryNode; position: number }
  | { type: 'near'; distance: number; left: QueryNode; right: QueryNode; position: number }

const OPERATORS = 'an operator: AND, OR, NOT or NEAR/n'
const MAX_DEPTH = 100
const TERM = 'a term, "phrase", #hashtag, @mention or ( group )'

class Parser {
  private next = 0
  private depth = 0

  constructor(private readonly text: string, private readonly lexemes: readonly Lexeme[]) {}

  query(): QueryNode {
    const node = this.or(null)
    const left = this.peek()
    if (left?.type === 'close') throw new QuerySyntaxError('unbalanced_paren', left.position, 'an opening "(" before it', 'unbalanced ")"')
    if (left) throw missingOperator(left)
    return node
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.next]
  }

  private or(after: string | null): QueryNode {
    const first = this.and(after)
    const children = [first]
    let position = -1
    for (let lexeme = this.peek(); lexeme?.type === 'or'; lexeme = this.peek()) {
      this.next++
      if (position < 0) position = lexeme.position
      children.push(this.and(lexeme.raw))
    }
    return children.length === 1 ? first : { type: 'or', children, position }
  }

  private and(after: string | null): QueryNode {
    const first = this.near(after)
    const children = [first]
    let position = -1
    for (let lexeme = this.peek(); lexeme?.type === 'and' || lexeme?.type === 'not'; lexeme = this.peek()) {
      // A NOT here is binary and stays for the unary level to read: "a NOT b" = "a AND NOT b".
      if (lexeme.type === 'and') this.next++
      if (position < 0) position = lexeme.position
      children.push(this.near(lexeme.raw))
    }
    return children.length === 1 ? first : { type: 'and', children, position }
  }

  private near(after: string | null): QueryNode {
    let left = this.unary(after)
    for (let lexeme = this.peek(); lexeme?.type === 'near'; lexeme = this.peek()) {
      this.next++
      const right = this.unary(lexeme.raw)
      checkNearOperand(left, lexeme.raw)
      checkNearOperand(right, lexeme.raw)
      left = { type: 'near', distance: lexeme.distance, left, right, position: lexeme.position }
    }
    return left
  }

  private unary(after: string | null): QueryNode {
    const lexeme = this.peek()
    if (lexeme?.type !== 'not') return this.primary(after)
    this.next++
    return { type: 'not', child: this.unary(lexeme.raw), position: lexeme.position }
  }

  private primary(after: string | null): QueryNode {
    const lexeme = this.peek()
    if (lexeme?.type === 'term' || lexeme?.type === 'phrase') {
      this.next++
      const quoted = lexeme.type === 'phrase'
      const pieces = readTerm({ text: quoted ? lexeme.content : lexeme.raw, offset: lexeme.position + (quoted ? 1 : 0), quoted })
      return { type: 'term', text: lexeme.raw, quoted, position: lexeme.position, pieces }
    }
    if (lexeme?.type === 'open') return this.group(lexeme.position)
    if (lexeme?.type === 'close' && this.depth === 0) throw new QuerySyntaxError('unbalanced_paren', lexeme.position, 'an opening "(" before it', 'unbalanced ")"')
    const position = lexeme?.position ?? this.text.length
    const problem = after ? `expected a term after ${after}` : lexeme ? `expected a term before ${lexeme.raw}` : 'expected a term'
    throw new QuerySyntaxError('expected_term', position, TERM, problem)
  }

  private group(position: number): QueryNode {
    this.next++
    // Each level is a call: past this many, the stack would run out before the query does.
    if (this.depth === MAX_DEPTH) throw new QuerySyntaxError('too_deep', position, `at most ${MAX_DEPTH} parentheses inside one another`, `more than ${MAX_DEPTH} parentheses inside one another`)
    this.depth++
    const inner = this.or('"("')
    const close = this.peek()
    if (!close) throw new QuerySyntaxError('unbalanced_paren', position, 'a closing ")"', 'unclosed "(" opened')
    if (close.type !== 'close') throw missingOperator(close)
    this.next++
    this.depth--
    return inner
  }
}

function missingOperator(lexeme: Lexeme): QuerySyntaxError {
  const lowerOperator = /^(and|or|not|near(\/\d*)?)$/i.test(lexeme.raw)
  const hint = lowerOperator ? ' (operators are written in capitals)' : ''
  const found = lexeme.type === 'phrase' ? lexeme.raw : `"${lexeme.raw}"`
  return new QuerySyntaxError('missing_operator', lexeme.position, OPERATORS, `expected AND, OR, NOT or NEAR/n before ${found}${hint}`)
}

// Proximity is measured between places in the text, so each side must be something that has a
// place: a term, a phrase, an OR of those, or another NEAR.
function checkNearOperand(node: QueryNode, near: string): void {
  if (node.type === 'or') node.children.forEach((child) => checkNearOperand(child, near))
  if (node.type === 'and' || node.type === 'not') {
    const found = node.type === 'and' ? 'AND' : 'NOT'
    throw new QuerySyntaxError('bad_near', node.position, 'terms, phrases or OR groups on each side of NEAR', `${near} joins terms, phrases or OR groups, not ${found},`)
  }
}

function matchesEmpty(node: QueryNode): boolean {
  switch (node.type) {
    case 'term':
    case 'near': return false
    case 'and': return node.children.every(matchesEmpty)
    case 'or': return node.children.some(matchesEmpty)
    case 'not': return !matchesEmpty(node.child)
  }
}

// The NOT responsible when a query would match a post without any of its terms.
function negativeOnly(node: QueryNode): number {
  if (node.type === 'not') return node.position
  if (node.type === 'and' || node.type === 'or') return negativeOnly(node.children.find(matchesEmpty)!)
  return node.position
}

/** The longest query a topic takes, in characters (UTF-16 units). */
export const MAX_QUERY_LENGTH = 4000

/** Parses a topic query; throws QuerySyntaxError with the offset of the first problem. */
export function parseQuery(text: string): QueryNode {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError('too_long', MAX_QUERY_LENGTH, `at most ${MAX_QUERY_LENGTH} characters`, `a query holds at most ${MAX_QUERY_LENGTH} characters: the rest starts`)
  }
  const node = new Parser(text, lex(text)).query()
  if (matchesEmpty(node)) {
    throw new QuerySyntaxError('only_negative', negativeOnly(node), 'a term to look for, as in refugees NOT spam', 'nothing to look for besides the NOT')
  }
  return node
}

export function validateQuery(text: string): QuerySyntaxError | null {
  try {
    parseQuery(text)
    return null
  }
  catch (error) {
    if (error instanceof QuerySyntaxError) return error
    throw error
  }
}
