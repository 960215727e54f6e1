// npm run bench:langid [-- --file <jsonl>]
// Language identification: Chorus's detector next to lingua (the model it calls for what its
// own stages leave open), both choosing among the same 33 languages, measured in one run on
//   - the development set (shared fixtures langid/dev-web.jsonl: real web text, 100 sentences
//     and 100 word pairs per language): accuracy per language and kind, and for the even lines
//     (the thresholds in ingest/nlp/lang/tuning.ts were tuned on these) and the odd lines (held
//     out) separately;
//   - "posts": consecutive sentences of one language joined to 150-300 characters, the length
//     of a typical post, for speed;
//   - real feed headlines and summaries (tests/fixtures/langid/feeds.jsonl);
//   - single words: the word pairs split in two (words of three letters or more), with the
//     share of right, wrong and 'und' answers, since Chorus says 'und' for a word it cannot tell.
// Speed is texts per second of CPU time of this process (one core), so other work on the
// machine disturbs it less than wall-clock time would; models are loaded before timing.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildDetector, type DetectionStage } from '../ingest/nlp/lang/detect'
import { loadLingua } from '../ingest/nlp/lang/lingua'
import { LANGUAGE_CODES } from '../shared/languages'

interface Labelled { text: string, lang: string, kind: string, index: number }

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({ options: { file: { type: 'string', default: join(root, '../shared/fixtures/langid/dev-web.jsonl') } } })

function readJsonl(file: string): Labelled[] {
  return readFileSync(file, 'utf8').trim().split('\n')
    .map((line, index) => ({ kind: 'feed', ...(JSON.parse(line) as { text: string, lang: string, kind?: string }), index }))
}

/** The development set's word pairs as single words, each keeping its line's index. */
function singleWords(rows: readonly Labelled[]): Labelled[] {
  return rows.filter((row) => row.kind === 'word-pair').flatMap((row) => row.text.split(/\s+/)
    .filter((word) => /\p{L}{3}/u.test(word))
    .map((word) => ({ ...row, text: word, kind: 'word' })))
}

function joinPosts(rows: readonly Labelled[]): Labelled[] {
  const posts: Labelled[] = []
  for (const lang of LANGUAGE_CODES) {
    let text = ''
    for (const row of rows) {
      if (row.lang !== lang || row.kind !== 'sentence') continue
      text = text ? `${text} ${row.text}` : row.text
      if (text.length >= 150) {
        posts.push({ text: text.slice(0, 300), lang, kind: 'post', index: posts.length })
        text = ''
      }
    }
  }
  return posts
}

type Guess = (text: string) => string

function run(guess: Guess, rows: readonly Labelled[]): { guesses: string[], perSecond: number } {
  const start = process.cpuUsage()
  const guesses = rows.map((row) => guess(row.text))
  const used = process.cpuUsage(start)
  return { guesses, perSecond: rows.length / ((used.user + used.system) / 1e6) }
}

const pct = (hits: number, total: number) => (total === 0 ? '-' : ((100 * hits) / total).toFixed(1))
function accuracy(rows: readonly Labelled[], guesses: readonly string[], keep: (row: Labelled) => boolean): string {
  let hits = 0
  let total = 0
  rows.forEach((row, i) => {
    if (!keep(row)) return
    total++
    if (guesses[i] === row.lang) hits++
  })
  return pct(hits, total)
}

function table(header: string[], lines: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...lines.map((line) => line[i]!.length)))
  const format = (line: string[]) => line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n')
}

async function main() {
  let file = values.file
  if (!existsSync(file)) {
    file = join(root, 'tests/fixtures/langid/sample.jsonl')
    console.log(`(development set not found; using the 495-line sample ${file})`)
  }
  const dev = readJsonl(file)
  const posts = joinPosts(dev)
  const feeds = readJsonl(join(root, 'tests/fixtures/langid/feeds.jsonl'))
  const words = singleWords(dev)
  process.stderr.write('loading lingua and its models (not timed)…\n')
  const lingua = await loadLingua()
  const chorus = buildDetector(lingua, LANGUAGE_CODES)
  for (const row of dev.filter((_, i) => i % 10 === 0)) lingua.scores(row.text, LANGUAGE_CODES)

  const stages: DetectionStage[] = []
  const detectors: [string, Guess][] = [
    ['chorus', (text) => {
      const answer = chorus.explain(text)
      stages.push(answer.stage)
      return answer.lang
    }],
    ['lingua', (text) => lingua.scores(text, LANGUAGE_CODES)[0]!.lang],
  ]
  const results = detectors.map(([name, guess]) => {
    process.stderr.write(`${name}…\n`)
    stages.length = 0
    const onDev = run(guess, dev)
    const devStages = [...stages]
    stages.length = 0
    const onPosts = run(guess, posts)
    const postStages = [...stages]
    return { name, onDev, devStages, onPosts, postStages, onFeeds: run(guess, feeds), onWords: run(guess, words) }
  })

  const kinds = [['sentence', 'sent'], ['word-pair', 'pair']] as const
  const perLanguage = LANGUAGE_CODES.map((lang) => [lang, ...results.flatMap((r) =>
    kinds.map(([kind]) => accuracy(dev, r.onDev.guesses, (row) => row.lang === lang && row.kind === kind)))])
  const header = ['lang', ...results.flatMap((r) => kinds.map(([, short]) => `${r.name} ${short}`))]
  console.log(`\nAccuracy (%) per language on ${file.replace(`${resolve(root, '..')}/`, '')}\n`)
  console.log(table(header, perLanguage))

  const halves: [string, (row: Labelled) => boolean][] = [
    ['all lines', () => true],
    ['even lines (tuning)', (row) => row.index % 2 === 0],
    ['odd lines (held out)', (row) => row.index % 2 === 1],
  ]
  const overall = halves.map(([label, keep]) => [label, ...results.flatMap((r) =>
    kinds.map(([kind]) => accuracy(dev, r.onDev.guesses, (row) => keep(row) && row.kind === kind)))])
  overall.push(['posts 150-300 chars', ...results.flatMap((r) => [accuracy(posts, r.onPosts.guesses, () => true), ''])])
  overall.push(['feeds (real, HTML)', ...results.flatMap((r) => [accuracy(feeds, r.onFeeds.guesses, () => true), ''])])
  console.log('\nOverall accuracy (%)\n')
  console.log(table(['', ...header.slice(1)], overall))

  console.log(`\nSingle words (${words.length}, the word pairs split): right / wrong / und (%)\n`)
  const answers = (guesses: readonly string[], keep: (row: Labelled) => boolean) => {
    const rows = words.map((row, i) => ({ row, guess: guesses[i]! })).filter(({ row }) => keep(row))
    const und = rows.filter(({ guess }) => guess === 'und').length
    const right = rows.filter(({ row, guess }) => guess === row.lang).length
    return `${pct(right, rows.length)} / ${pct(rows.length - right - und, rows.length)} / ${pct(und, rows.length)}`
  }
  console.log(table(['', ...results.map((r) => r.name)], halves.map(([label, keep]) => [label, ...results.map((r) => answers(r.onWords.guesses, keep))])))

  console.log('\nSpeed (texts per second of CPU time, one core)\n')
  console.log(table(['', ...results.map((r) => r.name)], [
    [`dev lines (${dev.length}, mean ${Math.round(dev.reduce((n, row) => n + row.text.length, 0) / dev.length)} chars)`, ...results.map((r) => r.onDev.perSecond.toFixed(0))],
    [`posts (${posts.length}, 150-300 chars)`, ...results.map((r) => r.onPosts.perSecond.toFixed(0))],
  ]))

  const chorusResult = results[0]!
  console.log('\nWhich stage of Chorus answered (share of texts, accuracy of its answers)\n')
  const stageNames: DetectionStage[] = ['script', 'letters', 'words', 'model', 'out-of-set', 'empty']
  console.log(table(['stage', 'dev lines', 'posts'], stageNames.map((stage) => [stage, ...[
    [dev, chorusResult.onDev.guesses, chorusResult.devStages] as const,
    [posts, chorusResult.onPosts.guesses, chorusResult.postStages] as const,
  ].map(([rows, guesses, used]) => {
    const picked = rows.filter((_, i) => used[i] === stage)
    const right = rows.filter((row, i) => used[i] === stage && guesses[i] === row.lang).length
    return picked.length === 0 ? '-' : `${pct(picked.length, rows.length)} % (${pct(right, picked.length)} %)`
  })])))

  const declared = (lang: (row: Labelled) => string) => kinds.map(([kind]) => {
    const rows = dev.filter((row) => row.kind === kind)
    return pct(rows.filter((row) => chorus.detect(row.text, lang(row)).lang === row.lang).length, rows.length)
  })
  console.log('\nChorus with a declared language (sentences / pairs, %)\n')
  console.log(table(['declared', 'sent', 'pair'], [
    ['none', ...kinds.map(([kind]) => accuracy(dev, chorusResult.onDev.guesses, (row) => row.kind === kind))],
    ['"en" for every line (Mastodon default)', ...declared(() => 'en')],
    ['the right language', ...declared((row) => row.lang)],
  ]))
}

await main()
