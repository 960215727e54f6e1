import { defineCommand } from 'citty'
import { compileTopics, MAX_QUERY_LENGTH, QuerySyntaxError, validateQuery } from '../../../../ingest/nlp/query'
import { declaredLanguage } from '../../../../ingest/nlp/lang/declared'
import { LANGUAGE_CODES } from '../../../../shared/languages'
import { CliError } from '../../db'

// Wide characters take two terminal columns and combining marks none, so the caret under a
// Chinese or Thai query lands on the character the error names.
const WIDE = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{Extended_Pictographic}\uFF01-\uFF60\uFFE0-\uFFE6]/u
const ZERO_WIDTH = /[\p{M}\u200B-\u200D]/u

function columns(text: string): number {
  let width = 0
  for (const char of text) width += ZERO_WIDTH.test(char) ? 0 : WIDE.test(char) ? 2 : 1
  return width
}

/** The query on one line and a caret under the position the error names. */
export function pointAt(query: string, error: QuerySyntaxError): string[] {
  const line = query.replace(/\s/g, ' ')
  return [`  ${line}`, `  ${' '.repeat(columns(line.slice(0, error.position)))}^`]
}

export default defineCommand({
  meta: { name: 'match', description: 'Try a topic query on a text: does it match, and which terms did' },
  args: {
    query: { type: 'string', description: 'The query, as typed in a topic (quote it for the shell)', required: true, valueHint: 'query' },
    text: { type: 'string', description: 'The text of a post', required: true, valueHint: 'text' },
    lang: { type: 'string', description: 'The language of the text (a code or a tag such as pt-BR, or und); the query is tried as that language\'s', valueHint: 'code' },
    json: { type: 'boolean', description: 'Print {"matched":…,"terms":[…]}' },
  },
  run({ args }) {
    // A tag as platforms declare it (pt-BR, EN) names its language.
    const lang = !args.lang || args.lang.trim().toLowerCase() === 'und' ? 'und' : declaredLanguage(args.lang)
    if (!lang) throw new CliError(`unknown language "${args.lang}": use und or one of ${LANGUAGE_CODES.join(', ')}`)
    // The parser refuses it too, but its caret would come under a line of thousands of characters.
    if (args.query.length > MAX_QUERY_LENGTH) throw new CliError(`a query is at most ${MAX_QUERY_LENGTH} characters, as in a topic; this one has ${args.query.length}`)
    const error = validateQuery(args.query)
    if (error) {
      for (const line of pointAt(args.query, error)) console.error(line)
      throw new CliError(error.message)
    }
    const queryLang = lang === 'und' ? '*' : lang
    const [hit] = compileTopics([{ id: 1, queries: [{ lang: queryLang, query: args.query }] }]).match({ lang, text: args.text })
    const terms = hit?.terms ?? []
    if (args.json) console.log(JSON.stringify({ matched: hit !== undefined, terms }))
    else console.log(hit ? `match: ${terms.join(', ')}` : 'no match')
  },
})
