// Syntax errors carry a stable code and an offset so the topic editor can translate the message
// and underline the spot; the English message is for the CLI and the logs.

export type QueryErrorCode =
  | 'unclosed_quote'
  | 'expected_term'
  | 'unexpected_token'
  | 'missing_operator'
  | 'unbalanced_paren'
  | 'short_wildcard'
  | 'bad_near'
  | 'only_negative'
  | 'too_deep'
  | 'too_long'

export class QuerySyntaxError extends Error {
  override readonly name = 'QuerySyntaxError'

  constructor(
    readonly code: QueryErrorCode,
    /** UTF-16 offset into the query, counted from 0. */
    readonly position: number,
    /** What the parser wanted to find there, in words. */
    readonly expected: string,
    /** The problem, without the position: the message adds " at <position>". */
    problem: string,
  ) {
    super(`${problem} at ${position}`)
  }
}
