import { defineCommand } from 'citty'
import { describe, expect, it } from 'vitest'
import { asksForHelp, extraArguments, resolveCommand, unknownOptions } from '../../../server/cli/options'

const detect = defineCommand({ meta: { name: 'detect' }, args: { file: { type: 'string' }, languages: { type: 'string' } } })
const match = defineCommand({ meta: { name: 'match' }, args: { query: { type: 'string' }, text: { type: 'string' }, json: { type: 'boolean' } } })
const root = defineCommand({
  meta: { name: 'chorus' },
  subCommands: {
    nlp: () => Promise.resolve(defineCommand({ meta: { name: 'nlp' }, subCommands: { detect, match } })),
    import: defineCommand({ meta: { name: 'import' }, args: { input: { type: 'positional' }, format: { type: 'string' }, dryRun: { type: 'boolean' } } }),
  },
})

describe('the options a command takes', () => {
  it('follows the command names down to the command, lazy ones too', async () => {
    const found = await resolveCommand(root, ['nlp', 'match', '--query', 'a', '--text', 'b'])
    expect(found.path).toEqual(['nlp', 'match'])
    expect(Object.keys(found.args)).toEqual(['query', 'text', 'json'])
    expect(found.rest).toEqual(['--query', 'a', '--text', 'b'])
  })

  it('names the options a command does not declare, and only those', async () => {
    const { args, rest } = await resolveCommand(root, ['nlp', 'detect', '--langauges', 'en', '--file', '-', '--bogus=1'])
    expect(unknownOptions(args, rest)).toEqual(['--langauges', '--bogus'])
    const imported = await resolveCommand(root, ['import', 'feed.xml', '--format=rss', '--dry-run', '--no-dry-run', '--input', 'x'])
    expect(unknownOptions(imported.args, imported.rest)).toEqual(['--input'])
  })

  it('reads -h as help only where it is not an option\'s value', async () => {
    const asText = await resolveCommand(root, ['nlp', 'match', '--query', 'a', '--text', '-h'])
    expect(asksForHelp(asText.args, asText.rest)).toBe(false)
    const asked = await resolveCommand(root, ['nlp', 'match', '--json', '-h'])
    expect(asksForHelp(asked.args, asked.rest)).toBe(true)
    expect(asksForHelp({}, ['--help'])).toBe(true)
    expect(asksForHelp(asked.args, ['--query', 'a', '--', '--help'])).toBe(false)
  })

  it('names the arguments beyond those a command declares by position, not options\' values', async () => {
    const detect = await resolveCommand(root, ['nlp', 'detect', '--languages', 'en', 'posts.jsonl'])
    expect(detect.hasSubCommands).toBe(false)
    expect(extraArguments(detect.args, detect.rest)).toEqual({ extra: ['posts.jsonl'], declared: [] })
    const imported = await resolveCommand(root, ['import', '--format', 'rss', 'feed.xml', '--dry-run', 'other.xml'])
    expect(extraArguments(imported.args, imported.rest)).toEqual({ extra: ['other.xml'], declared: ['INPUT'] })
    const dashed = await resolveCommand(root, ['import', '--', '-odd-name.xml'])
    expect(extraArguments(dashed.args, dashed.rest).extra).toEqual([])
    const match = await resolveCommand(root, ['nlp', 'match', '--query', 'a', '--text=b', '--json'])
    expect(extraArguments(match.args, match.rest).extra).toEqual([])
    expect((await resolveCommand(root, ['nlp', 'detct'])).hasSubCommands).toBe(true)
  })
})
