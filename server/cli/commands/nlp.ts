import { defineCommand } from 'citty'
import detect from './nlp/detect'
import match from './nlp/match'

export default defineCommand({
  meta: { name: 'nlp', description: 'Run the NLP pass on text: detect languages, try topic queries' },
  subCommands: { detect, match },
})
