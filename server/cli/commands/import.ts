import { defineCommand } from 'citty'
import { IMPORT_FORMATS, type ImportFormat, importInput } from '../../../ingest/import'
import { createIngestContext } from '../../../ingest/runner'
import { CliError, dbArg, openExisting } from '../db'
import { progressLine } from '../progress'

export default defineCommand({
  meta: { name: 'import', description: 'Import a saved feed, API response or CSV / JSONL export (a file or a URL)' },
  args: {
    input: { type: 'positional', description: 'File path or http(s) URL', required: true },
    format: { type: 'string', description: `One of: ${IMPORT_FORMATS.join(', ')} (default: auto)`, default: 'auto' },
    json: { type: 'boolean', description: 'Print one JSON object: fetched, inserted, duplicates, failed, failures' },
    ...dbArg,
  },
  async run({ args }) {
    if (!(IMPORT_FORMATS as readonly string[]).includes(args.format)) {
      throw new CliError(`unknown format "${args.format}": use one of ${IMPORT_FORMATS.join(', ')}`)
    }
    const { db, sqlite } = await openExisting(args.db)
    const context = createIngestContext(db, sqlite)
    const progress = progressLine('import')
    try {
      const result = await importInput(context, args.input, {
        format: args.format as ImportFormat,
        onProgress: args.json ? undefined : (done, total) => progress.update(done, total, 'posts'),
      })
      if (args.json) {
        const { fetched, inserted, duplicates, failed, failures, kind, notes } = result
        console.log(JSON.stringify({ input: args.input, kind, fetched, inserted, duplicates, failed, failures, notes }))
        return
      }
      progress.done(`${args.input} (${result.kind}): fetched ${result.fetched}, inserted ${result.inserted}, duplicates ${result.duplicates}, failed ${result.failed}`)
      for (const failure of result.failures) console.log(`  failed: ${failure.reason}`)
      for (const note of result.notes) console.log(`  note: ${note}`)
    }
    finally {
      await context.http.close()
      sqlite.close()
    }
  },
})
