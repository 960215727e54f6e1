import { stripVTControlCharacters } from 'node:util'
import { defineCommand, runCommand, runMain } from 'citty'
import backup from './commands/backup'
import demo from './commands/demo'
import digest from './commands/digest'
import graph from './commands/graph'
import importCommand from './commands/import'
import ingest from './commands/ingest'
import migrate from './commands/migrate'
import nlp from './commands/nlp'
import user from './commands/user'

const main = defineCommand({
  meta: {
    name: 'chorus',
    description: 'Chorus: social listening and influencer mapping. Set CHORUS_DB to choose the database file.',
  },
  subCommands: { migrate, user, ingest, import: importCommand, backup, demo, nlp, graph, digest },
})

const rawArgs = process.argv.slice(2)
if (rawArgs.length === 0 || rawArgs.some((arg) => arg === '--help' || arg === '-h')) {
  await runMain(main, { rawArgs })
}
else {
  // Each failure is one line on stderr and a non-zero exit; --help shows the usage.
  try {
    await runCommand(main, { rawArgs })
  }
  catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.error(`chorus: ${stripVTControlCharacters(message)}`)
    process.exitCode = 1
  }
}
