import { defineCommand } from 'citty'
import { createIngestContext, runSource } from '../../../ingest/runner'
import { SourceBusyError } from '../../db/repositories/ingest'
import { dueSources, getSource, listSources } from '../../db/repositories/sources'
import { CliError, cliTagger, dbArg, openExisting } from '../db'

export default defineCommand({
  meta: {
    name: 'ingest',
    description: 'Run sources now: the due ones, one (--source), or all enabled (--all). A source that another process (the server, another ingest) is fetching is skipped.',
  },
  args: {
    source: { type: 'string', description: 'Id of the source to run', valueHint: 'id' },
    all: { type: 'boolean', description: 'Run every enabled source, due or not' },
    ...dbArg,
  },
  async run({ args }) {
    const { db, sqlite } = await openExisting(args.db)
    const context = createIngestContext(db, sqlite, { tagger: await cliTagger(db) })
    let failures = 0
    try {
      let ids: number[]
      if (args.source) {
        const source = await getSource(db, Number(args.source))
        if (!source) throw new CliError(`no source with id ${args.source}`)
        ids = [source.id]
      }
      else if (args.all) ids = (await listSources(db)).filter((s) => s.enabled).map((s) => s.id)
      else ids = (await dueSources(db, new Date())).map((s) => s.id)
      if (ids.length === 0) console.log('no sources to run')
      for (const id of ids) {
        const run = await runSource(context, id, {
          trigger: 'cli',
          onProgress: (r) => process.stderr.write(process.stderr.isTTY
            ? `\r${r.label}: page ${r.pages}, ${r.fetched} fetched, ${r.inserted} new`
            : `${r.label}: page ${r.pages}, ${r.fetched} fetched, ${r.inserted} new\n`),
        }).catch((error: unknown) => {
          if (!(error instanceof SourceBusyError)) throw error
          console.log(`skipped: ${error.message}`)
          // Asked for by id, the source did not run: say so in the exit status too.
          if (args.source) failures++
          return null
        })
        if (!run) continue
        if (process.stderr.isTTY) process.stderr.write('\r\x1B[K')
        console.log(`${run.label}: ${run.status} — fetched ${run.fetched}, inserted ${run.inserted}, duplicates ${run.duplicates}, failed ${run.failed}${run.error ? ` — ${run.error}` : ''}`)
        if (run.status !== 'ok') failures++
      }
    }
    finally {
      await context.http.close()
      sqlite.close()
    }
    if (failures) throw new CliError(`${failures} source(s) failed`)
  },
})
