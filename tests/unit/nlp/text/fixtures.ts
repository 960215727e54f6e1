import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export interface WebSentence {
  lang: string
  text: string
}

/** Six real web sentences per language (tests/fixtures/nlp-text/ORIGIN.md). */
export function webSentences(lang?: string): WebSentence[] {
  const path = fileURLToPath(new URL('../../../fixtures/nlp-text/web-sentences.jsonl', import.meta.url))
  const all = readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as WebSentence)
  return lang ? all.filter((sentence) => sentence.lang === lang) : all
}
