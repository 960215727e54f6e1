import { defineCommand } from 'citty'
import { IMPORT_FORMATS, type ImportFormat, importInput } from '../../../ingest/import'
import { createIngestContext } from '../../../ingest/runner'
import { type Platform, PLATFORMS } from '../../../ingest/types'
import { MAPPED_FIELDS } from '../../../ingest/sources/file'
import { mappingOverrideSchema } from '../../../ingest/sources/file/mapping'
import { CliError, cliTagger, dbArg, openExisting } from '../db'
import { progressLine } from '../progress'

function parseMapping(text: string): Record<string, string | null> {
  const mapping: Record<string, string | null> = {}
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=')
    if (at < 1) throw new CliError(`--map takes field=column pairs separated by commas, not "${pair}"`)
    const column = pair.slice(at + 1).trim()
    mapping[pair.slice(0, at).trim()] = column || null
  }
  const checked = mappingOverrideSchema.safeParse(mapping)
  if (!checked.success) {
    throw new CliError(`--map: unknown field(s) ${checked.error.issues.flatMap((i) => ('keys' in i ? i.keys : i.path)).join(', ')}; fields are ${MAPPED_FIELDS.join(', ')}`)
  }
  return mapping
}

export default defineCommand({
  meta: { name: 'import', description: 'Import a saved feed, API response or CSV / JSONL export (a file or a URL)' },
  args: {
    input: { type: 'positional', description: 'File path or http(s) URL', required: true },
    format: { type: 'string', description: `One of: ${IMPORT_FORMATS.join(', ')} (default: auto)`, default: 'auto' },
    json: { type: 'boolean', description: 'Print one JSON object: fetched, inserted, duplicates, failed, failures' },
    map: { type: 'string', description: 'CSV / JSONL: columns for fields, e.g. "text=Full Text,createdAt=Date,authorHandle=Screen Name" (field= to unmap)', valueHint: 'field=column,…' },
    platform: { type: 'string', description: `CSV / JSONL: the platform the posts came from (${PLATFORMS.join(', ')})` },
    ...dbArg,
  },
  async run({ args }) {
    if (!(IMPORT_FORMATS as readonly string[]).includes(args.format)) {
      throw new CliError(`unknown format "${args.format}": use one of ${IMPORT_FORMATS.join(', ')}`)
    }
    if (args.platform && !(PLATFORMS as readonly string[]).includes(args.platform)) {
      throw new CliError(`unknown platform "${args.platform}": use one of ${PLATFORMS.join(', ')}`)
    }
    const mapping = args.map ? parseMapping(args.map) : undefined
    const { db, sqlite } = await openExisting(args.db)
    const context = createIngestContext(db, sqlite, { tagger: await cliTagger(db) })
    const progress = progressLine('import')
    try {
      const result = await importInput(context, args.input, {
        format: args.format as ImportFormat,
        platform: args.platform as Platform | undefined,
        mapping,
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
