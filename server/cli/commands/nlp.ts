import { defineCommand } from 'citty'
import detect from './nlp/detect'
import match from './nlp/match'
import rerun from './nlp/rerun'

export default defineCommand({
  meta: { name: 'nlp', description: 'Run the NLP pass on text (detect languages, try topic queries), or again over the stored posts' },
  subCommands: { detect, match, rerun },
})
