import { stripVTControlCharacters } from 'node:util'
import { defineCommand, renderUsage, runCommand, runMain } from 'citty'
import { asksForHelp, extraArguments, resolveCommand, unknownOptions } from './options'

const main = defineCommand({
  meta: {
    name: 'chorus',
    description: 'Chorus: social listening and influencer mapping. Set CHORUS_DB to choose the database file.',
  },
  // Each command loads its own modules only when it runs: `nlp match` need not load the web
  // server's, the digest's and the ingesters' code first.
  subCommands: {
    migrate: () => import('./commands/migrate').then((m) => m.default),
    user: () => import('./commands/user').then((m) => m.default),
    ingest: () => import('./commands/ingest').then((m) => m.default),
    import: () => import('./commands/import').then((m) => m.default),
    backup: () => import('./commands/backup').then((m) => m.default),
    demo: () => import('./commands/demo').then((m) => m.default),
    nlp: () => import('./commands/nlp').then((m) => m.default),
    graph: () => import('./commands/graph').then((m) => m.default),
    digest: () => import('./commands/digest').then((m) => m.default),
  },
})

const rawArgs = process.argv.slice(2)
const command = await resolveCommand(main, rawArgs)
const unknown = unknownOptions(command.args, command.rest)
const { extra, declared } = command.hasSubCommands ? { extra: [], declared: [] } : extraArguments(command.args, command.rest)
// A group of commands named alone (`chorus nlp`) lists its commands, as `chorus` alone does.
const bare = command.hasSubCommands && command.rest.length === 0
if (bare || asksForHelp(command.args, command.rest)) {
  // Colours are for a terminal: piped or saved, the usage is plain text.
  const plain = !process.stdout.isTTY
  await runMain(main, {
    rawArgs,
    // citty names a command after its parent alone ("nlp detect"): the usage names the whole
    // command line, and drops the padding its table leaves at the end of each line.
    showUsage: async (cmd) => {
      const parent = command.path.length > 0 ? { meta: { name: ['chorus', ...command.path.slice(0, -1)].join(' ') } } : undefined
      const usage = (await renderUsage(cmd, parent)).replace(/[ \t]+$/gm, '')
      console.log(`${plain ? stripVTControlCharacters(usage) : usage}\n`)
    },
  })
}
else if (unknown.length > 0) {
  console.error(`chorus: ${command.path.join(' ')} does not take ${unknown.join(', ')}: see --help`)
  process.exitCode = 1
}
else if (extra.length > 0) {
  // A file named without --file would otherwise leave `nlp detect` waiting on standard input.
  const takes = declared.length === 0 ? 'takes options only' : `takes ${declared.map((arg) => `<${arg}>`).join(' ')} and options`
  console.error(`chorus: ${command.path.join(' ')} ${takes}, not ${extra.map((arg) => JSON.stringify(arg)).join(', ')}: see --help`)
  process.exitCode = 1
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
