import { defineCommand } from 'citty'
import { rerunNlp } from '../../../../ingest/nlp/rerun'
import { languagesFromEnv, NlpService } from '../../../../ingest/nlp/service'
import { CliError, dbArg, openExisting } from '../../db'
import { progressLine } from '../../progress'

const count = (n: number) => n.toLocaleString('en-US')

export default defineCommand({
  meta: {
    name: 'rerun',
    description: 'Run the NLP pass again over every stored post, with this version\'s detector, CHORUS_LANGUAGES and the enabled topics: '
      + 'languages, sentiment and topic matches are stored anew and the rollups rebuilt from them; analysts\' sentiment corrections stand. '
      + 'One transaction: stopped half-way, it changes nothing. Best run while the server is stopped (its writes wait meanwhile).',
  },
  args: { ...dbArg },
  async run({ args }) {
    let languages
    try {
      languages = languagesFromEnv()
    }
    catch (error) {
      throw new CliError((error as Error).message)
    }
    const { db, sqlite } = await openExisting(args.db)
    const progress = progressLine('nlp rerun')
    try {
      const tagger = await new NlpService(db, { languages }).ready()
      const summary = await rerunNlp(db, tagger, { onProgress: (done, total) => progress.update(done, total, 'posts') })
      const { before, after } = summary.topicMatches
      progress.done(`ran the NLP pass again over ${count(summary.posts)} posts: ${count(summary.languages)} changed language, `
        + `${count(summary.sentiments)} changed sentiment; ${count(after)} topic matches (${count(before)} before)`)
    }
    finally {
      sqlite.close()
    }
  },
})
