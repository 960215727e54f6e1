import { describe, expect, it } from 'vitest'
import { type QueryNode, parseQuery, QuerySyntaxError, validateQuery } from '../../../../ingest/nlp/query'

/** The tree as a compact S-expression: terms as written, operators in lower case. */
function shape(node: QueryNode): string {
  switch (node.type) {
    case 'term': return node.text
    case 'and':
    case 'or': return `(${node.type} ${node.children.map(shape).join(' ')})`
    case 'not': return `(not ${shape(node.child)})`
    case 'near': return `(near/${node.distance} ${shape(node.left)} ${shape(node.right)})`
  }
}

function errorOf(query: string): QuerySyntaxError {
  const error = validateQuery(query)
  if (!error) throw new Error(`expected "${query}" to be refused`)
  return error
}

describe('query errors: each names its code, the position and what was expected', () => {
  it.each([
    ['refugees AND "camp de', 'unclosed_quote', 13, 'unclosed quote opened at 13'],
    ['refugees AND ', 'expected_term', 13, 'expected a term after AND at 13'],
    ['refugees AND OR camp', 'expected_term', 13, 'expected a term after AND at 13'],
    ['(refugees OR ) AND camp', 'expected_term', 13, 'expected a term after OR at 13'],
    ['refugees NOT', 'expected_term', 12, 'expected a term after NOT at 12'],
    ['OR camp', 'expected_term', 0, 'expected a term before OR at 0'],
    ['camp AND ()', 'expected_term', 10, 'expected a term after "(" at 10'],
    ['camp AND ""', 'expected_term', 9, 'expected words inside the quotes at 9'],
    ['camp OR #', 'expected_term', 8, 'expected letters or digits in "#" at 8'],
    ['   ', 'expected_term', 3, 'expected a term at 3'],
    ['refugees) OR camp', 'unbalanced_paren', 8, 'unbalanced ")" at 8'],
    ['(a OR b)) AND c', 'unbalanced_paren', 8, 'unbalanced ")" at 8'],
    ['camp AND (refugees OR migrants', 'unbalanced_paren', 9, 'unclosed "(" opened at 9'],
    ['camp OR re*', 'short_wildcard', 10, 'wildcard needs at least 3 letters before * (2 in Chinese, Japanese or Korean) at 10'],
    ['#re*', 'short_wildcard', 3, 'wildcard needs at least 3 letters before * (2 in Chinese, Japanese or Korean) at 3'],
    ['难*', 'short_wildcard', 1, 'wildcard needs at least 3 letters before * (2 in Chinese, Japanese or Korean) at 1'],
    ['"camp re*"', 'short_wildcard', 8, 'wildcard needs at least 3 letters before * (2 in Chinese, Japanese or Korean) at 8'],
    ['refugee NEAR camp', 'bad_near', 12, 'expected a distance after NEAR/, as in NEAR/3, at 12'],
    ['refugee NEAR/x camp', 'bad_near', 13, 'expected a distance after NEAR/, as in NEAR/3, at 13'],
    ['refugee NEAR/1000 camp', 'bad_near', 13, 'NEAR/ takes a distance from 0 to 999, not 1000, at 13'],
    [`${'('.repeat(101)}camp${')'.repeat(101)}`, 'too_deep', 100, 'more than 100 parentheses inside one another at 100'],
    [Array(801).fill('camp').join(' '), 'too_long', 4000, 'a query holds at most 4000 characters: the rest starts at 4000'],
    ['(refugee AND camp) NEAR/3 winter', 'bad_near', 9, 'NEAR/3 joins terms, phrases or OR groups, not AND, at 9'],
    ['refugee NEAR/3 NOT camp', 'bad_near', 15, 'NEAR/3 joins terms, phrases or OR groups, not NOT, at 15'],
    ['refugee camp', 'missing_operator', 8, 'expected AND, OR, NOT or NEAR/n before "camp" at 8'],
    ['refugees (camp OR shelter)', 'missing_operator', 9, 'expected AND, OR, NOT or NEAR/n before "(" at 9'],
    ['ref*gee', 'unexpected_token', 3, 'a * goes at the end of a word, as in refug*, at 3'],
    ['camp OR *gee', 'unexpected_token', 8, 'a * goes at the end of a word, as in refug*, at 8'],
    ['https://example.org/camp', 'unexpected_token', 0, 'links are not searched: search a word of it at 0'],
    ['NOT spam', 'only_negative', 0, 'nothing to look for besides the NOT at 0'],
    ['refugees OR NOT spam', 'only_negative', 12, 'nothing to look for besides the NOT at 12'],
  ])('%j → %s at %i', (query, code, position, message) => {
    const error = errorOf(query)
    expect(error).toBeInstanceOf(QuerySyntaxError)
    expect({ code: error.code, position: error.position, message: error.message }).toEqual({ code, position, message })
    expect(error.expected).not.toBe('')
  })

  it('hints that operators are written in capitals when a lower-case one sits between terms', () => {
    expect(errorOf('refugees and migrants').message).toBe('expected AND, OR, NOT or NEAR/n before "and" (operators are written in capitals) at 9')
    expect(errorOf('refugee near/3 camp').message).toMatch(/before "near\/3" \(operators are written in capitals\)/)
  })

  it('reports the first problem from the left', () => {
    expect(errorOf('(refugees AND "camp').code).toBe('unclosed_quote')
    expect(errorOf('ab* AND (camp').code).toBe('short_wildcard')
  })

  it('throws the same error from parseQuery', () => {
    expect(() => parseQuery('refugees AND')).toThrow(QuerySyntaxError)
    expect(() => parseQuery('refugees AND')).toThrow('expected a term after AND at 12')
  })
})

describe('parseQuery', () => {
  it('accepts every operator, phrases, hashtags, mentions and wildcards', () => {
    expect(validateQuery('(refug* OR "camp de réfugiés" OR #refugees) AND @unhcr NOT spam')).toBeNull()
    expect(validateQuery('refugee NEAR/0 camp AND NOT (spam OR advert*)')).toBeNull()
  })

  it('binds NOT, then NEAR, then AND, then OR', () => {
    expect(shape(parseQuery('a OR b AND c NEAR/2 d NOT e'))).toBe('(or a (and b (near/2 c d) (not e)))')
    expect(shape(parseQuery('NOT a AND b OR c'))).toBe('(or (and (not a) b) c)')
  })

  it('reads "a NOT b" as "a AND NOT b"', () => {
    expect(shape(parseQuery('a NOT b'))).toBe(shape(parseQuery('a AND NOT b')))
  })

  it('lets parentheses override precedence and NEAR take OR groups', () => {
    expect(shape(parseQuery('(a OR b) AND c'))).toBe('(and (or a b) c)')
    expect(shape(parseQuery('(refugee OR migrant) NEAR/3 camp'))).toBe('(near/3 (or refugee migrant) camp)')
    expect(shape(parseQuery('a NEAR/1 b NEAR/2 c'))).toBe('(near/2 (near/1 a b) c)')
  })

  it('treats and, or, not and Near in any case but capitals as words', () => {
    expect(shape(parseQuery('"salt and pepper" OR not OR Near'))).toBe('(or "salt and pepper" not Near)')
  })

  it('accepts curly quotes pasted from a word processor', () => {
    expect(shape(parseQuery('“camp de réfugiés” AND hiver'))).toBe('(and “camp de réfugiés” hiver)')
  })

  it('allows NOT inside a group that also looks for something', () => {
    expect(validateQuery('refugees AND (camp OR NOT spam)')).toBeNull()
    expect(validateQuery('NOT spam AND refugees')).toBeNull()
  })
})
