// npm run bench:graph [-- --sizes 10000,100000] [-- --seed N] [-- --no-layout]
// Generates conversation networks (seeded: same seed, same network) with community structure
// and heavy-tailed activity and popularity, about five ties per author, then times, in one
// process:
//   naive     the graph built edge by edge on a default (mixed) graphology graph, as one
//             writes it without thinking about the cost, twice: from every single interaction
//             (mergeNode, mergeNode, updateEdge adding 1 to the weight), and from the rows
//             already summed per pair (mergeNode, mergeNode, mergeEdge);
//   bulk      buildGraph from the summed rows: ids and pairs indexed, then one import into a
//             directed graph;
//   analysis  analyzeConversation's phases after the build: metrics (PageRank, weighted
//             in-degree, betweenness), Louvain, scores with explanations, community descriptions;
//   layout    ForceAtlas2 with its default iteration count for the size, reported apart.
// The analysis (build included) and each build are run twice and the faster run kept, since the
// machine is shared; the analysis runs first, before the naive builds fill the heap. Progress
// goes to stderr, the table to stdout.
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import Graph from 'graphology'
import { type AnalysisPhase, analyzeConversation, type AuthorDocument, type AuthorInput, buildGraph, defaultIterations, type Interaction, INTERACTION_KINDS, type InteractionKind, type KindCounts, layoutForceAtlas2, seededRandom } from '../server/graph'

const { values } = parseArgs({ options: { 'sizes': { type: 'string', default: '10000,100000' }, 'seed': { type: 'string', default: '7' }, 'no-layout': { type: 'boolean', default: false } } })
const sizes = values.sizes.split(',').map(Number)
const seed = Number(values.seed)
const TARGET_MS: Record<number, number> = { 10_000: 1000, 100_000: 15_000 }
const LANGUAGES = ['en', 'fr', 'es', 'pt', 'ar', 'sw', 'hi', 'de', 'ja']

interface Network {
  authors: AuthorInput[]
  interactions: Interaction[]
  documents: AuthorDocument[]
}

/** Pareto-distributed numbers ≥ 1: most authors are quiet and unknown, a few are loud or famous. */
const pareto = (random: () => number, alpha: number) => (1 - random()) ** (-1 / alpha)

/** Draws an index with probability proportional to its weight, from cumulative weights. */
function draw(cumulative: Float64Array, random: () => number): number {
  const goal = random() * cumulative[cumulative.length - 1]!
  let low = 0
  let high = cumulative.length - 1
  while (low < high) {
    const middle = (low + high) >>> 1
    if (cumulative[middle]! <= goal) low = middle + 1
    else high = middle
  }
  return low
}

function cumulate(weights: readonly number[]): Float64Array {
  const cumulative = new Float64Array(weights.length)
  let sum = 0
  weights.forEach((weight, i) => {
    sum += weight
    cumulative[i] = sum
  })
  return cumulative
}

function splitKinds(weight: number, random: () => number): KindCounts {
  const kinds: KindCounts = {}
  for (let i = 0; i < weight; i++) {
    const kind = INTERACTION_KINDS[Math.floor(random() * INTERACTION_KINDS.length)]!
    kinds[kind] = (kinds[kind] ?? 0) + 1
  }
  return kinds
}

function words(community: number, random: () => number): AuthorDocument['tokens'] {
  return Array.from({ length: 12 }, () => (random() < 0.6 ? `c${community}w${Math.floor(pareto(random, 1.2)) % 40}` : `shared${Math.floor(pareto(random, 1.1)) % 300}`))
}

/** Authors in √n/4 communities; 80 % of each author's ties stay inside their community. */
function generate(n: number, seedValue: number): Network {
  const random = seededRandom(seedValue)
  const count = Math.max(8, Math.round(Math.sqrt(n) / 4))
  const community = Array.from({ length: n }, () => Math.floor(pareto(random, 1.5) * count) % count)
  const popularity = Array.from({ length: n }, () => pareto(random, 1.3))
  const members: number[][] = Array.from({ length: count }, () => [])
  community.forEach((c, i) => members[c]!.push(i))
  const within = members.map((list) => cumulate(list.map((i) => popularity[i]!)))
  const everyone = cumulate(popularity)
  const interactions: Interaction[] = []
  const authors: AuthorInput[] = []
  const documents: AuthorDocument[] = []
  for (let source = 0; source < n; source++) {
    const c = community[source]!
    const ties = Math.min(500, Math.round(2.5 * pareto(random, 2)))
    const targets = new Set<number>()
    for (let attempt = 0; attempt < ties * 2 && targets.size < ties; attempt++) {
      const target = random() < 0.8 ? members[c]![draw(within[c]!, random)]! : draw(everyone, random)
      if (target !== source) targets.add(target)
    }
    for (const target of targets) {
      const weight = 1 + Math.floor(-Math.log(1 - random()) * 1.5)
      interactions.push({ source: 10_000_000 + source, target: 10_000_000 + target, weight, kinds: splitKinds(weight, random) })
    }
    const followers = random() < 0.1 ? null : Math.round(popularity[source]! * 40 * (0.5 + random()))
    authors.push({ id: 10_000_000 + source, handle: `author${source}`, followers, engagement: Math.round(popularity[source]! * ties * random() * 3), activity: ties + Math.floor(random() * 5), languages: [LANGUAGES[c % LANGUAGES.length]!] })
    documents.push({ author: 10_000_000 + source, tokens: words(c, random), hashtags: [`tag${c}_${Math.floor(pareto(random, 1.5)) % 8}`] })
  }
  return { authors, interactions, documents }
}

interface Single {
  source: string
  target: string
  kind: InteractionKind
}

/** Every interaction on its own, as the posts hold them, in a seeded random order. */
function singles(network: Network, seedValue: number): Single[] {
  const list: Single[] = []
  for (const { source, target, kinds } of network.interactions) {
    for (const kind of INTERACTION_KINDS) {
      for (let k = 0; k < (kinds?.[kind] ?? 0); k++) list.push({ source: String(source), target: String(target), kind })
    }
  }
  const random = seededRandom(seedValue)
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = list[i]!
    list[i] = list[j]!
    list[j] = swap
  }
  return list
}

function naiveAuthors(network: Network): Graph {
  const graph = new Graph()
  for (const author of network.authors) graph.mergeNode(String(author.id), { handle: author.handle, followers: author.followers, engagement: author.engagement, activity: author.activity, languages: author.languages })
  return graph
}

/** One interaction at a time, counting as they come. */
function naiveFromSingles(network: Network, list: readonly Single[]): Graph {
  const graph = naiveAuthors(network)
  for (const { source, target, kind } of list) {
    graph.mergeNode(source)
    graph.mergeNode(target)
    graph.updateEdge(source, target, (attributes) => ({ ...attributes, weight: (attributes.weight ?? 0) + 1, [kind]: (attributes[kind] ?? 0) + 1 }))
  }
  return graph
}

/** One summed row at a time, merging nodes and ties as they come. */
function naiveBuild(network: Network): Graph {
  const graph = naiveAuthors(network)
  for (const { source, target, weight, kinds } of network.interactions) {
    graph.mergeNode(String(source))
    graph.mergeNode(String(target))
    graph.mergeEdge(String(source), String(target), { weight, kinds })
  }
  return graph
}

function timed<T>(run: () => T): { ms: number, result: T } {
  const start = performance.now()
  const result = run()
  return { ms: performance.now() - start, result }
}

const fastest = (run: () => unknown) => Math.min(timed(run).ms, timed(run).ms)

interface Row {
  n: number
  ties: number
  singles: number
  naiveSingles: number
  naive: number
  bulk: number
  phases: Record<Exclude<AnalysisPhase, 'build'>, number>
  total: number
  betweenness: string
  modularity: number
  communities: number
  passes: number
  layout: { ms: number, iterations: number } | null
}

function analyse(network: Network): Omit<Row, 'n' | 'singles' | 'naiveSingles' | 'naive' | 'bulk' | 'layout'> {
  const marks: [AnalysisPhase | 'end', number][] = []
  const start = performance.now()
  const analysis = analyzeConversation(network, { onPhase: (phase) => marks.push([phase, performance.now()]) })
  marks.push(['end', performance.now()])
  const phases = { metrics: 0, communities: 0, scores: 0, descriptions: 0 }
  for (let i = 0; i + 1 < marks.length; i++) {
    const [phase, at] = marks[i]!
    if (phase !== 'build' && phase !== 'end') phases[phase] = marks[i + 1]![1] - at
  }
  const { method, samples } = analysis.metrics.betweenness
  return {
    ties: analysis.graph.size,
    phases,
    total: performance.now() - start,
    betweenness: method === 'exact' ? 'exact' : `sampled, ${samples} sources`,
    modularity: analysis.communities.modularity,
    communities: analysis.communities.count,
    passes: analysis.communities.passes,
  }
}

function measure(n: number): Row {
  process.stderr.write(`generating ${n.toLocaleString('en')} authors (not timed)…\n`)
  const network = generate(n, seed)
  process.stderr.write('  build and analysis ×2…\n')
  const runs = [analyse(network), analyse(network)]
  const analysis = runs[0]!.total <= runs[1]!.total ? runs[0]! : runs[1]!
  process.stderr.write('  bulk build ×2…\n')
  const bulk = fastest(() => buildGraph(network.authors, network.interactions))
  const list = singles(network, seed + 2)
  process.stderr.write(`  ${list.length.toLocaleString('en')} interactions in ${network.interactions.length.toLocaleString('en')} pairs; naive builds ×2…\n`)
  const naive = fastest(() => naiveBuild(network))
  const naiveSingles = fastest(() => naiveFromSingles(network, list))
  let layout: Row['layout'] = null
  if (!values['no-layout']) {
    const { graph } = buildGraph(network.authors, network.interactions)
    const iterations = defaultIterations(graph.order)
    process.stderr.write(`  layout, ${iterations} iterations…\n`)
    const run = timed(() => layoutForceAtlas2(graph, { iterations, onProgress: (done, total) => process.stderr.write(`\r    ${done}/${total}`) }))
    process.stderr.write('\n')
    layout = { ms: run.ms, iterations }
  }
  return { n, singles: list.length, naiveSingles, naive, bulk, layout, ...analysis }
}

function print(rows: readonly Row[]): void {
  const s = (ms: number) => (ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`)
  const line = (label: string, cells: string[]) => console.log(`${label.padEnd(34)}${cells.map((cell) => cell.padStart(20)).join('')}`)
  console.log('')
  line('authors', rows.map((row) => row.n.toLocaleString('en')))
  line('interactions', rows.map((row) => row.singles.toLocaleString('en')))
  line('ties (summed per pair)', rows.map((row) => row.ties.toLocaleString('en')))
  line('naive build, per interaction', rows.map((row) => s(row.naiveSingles)))
  line('naive build, per summed pair', rows.map((row) => s(row.naive)))
  line('bulk build (buildGraph)', rows.map((row) => s(row.bulk)))
  line('  naive per interaction / bulk', rows.map((row) => `${(row.naiveSingles / row.bulk).toFixed(2)}×`))
  line('  naive per pair / bulk', rows.map((row) => `${(row.naive / row.bulk).toFixed(2)}×`))
  line('metrics (PageRank, in-degree, betw.)', rows.map((row) => s(row.phases.metrics)))
  line('  betweenness', rows.map((row) => row.betweenness))
  line('communities (Louvain)', rows.map((row) => `${s(row.phases.communities)}, ${row.passes} pass${row.passes > 1 ? 'es' : ''}`))
  line('  modularity, communities', rows.map((row) => `${row.modularity.toFixed(3)}, ${row.communities}`))
  line('scores and explanations', rows.map((row) => s(row.phases.scores)))
  line('community descriptions', rows.map((row) => s(row.phases.descriptions)))
  line('total, build included', rows.map((row) => s(row.total)))
  line('  target', rows.map((row) => (TARGET_MS[row.n] ? `${row.total <= TARGET_MS[row.n]! ? 'met' : 'MISSED'} (≤ ${s(TARGET_MS[row.n]!)})` : '—')))
  line('layout (ForceAtlas2), apart', rows.map((row) => (row.layout ? `${s(row.layout.ms)}, ${row.layout.iterations} it.` : '—')))
  line('  per iteration', rows.map((row) => (row.layout ? s(row.layout.ms / row.layout.iterations) : '—')))
  console.log(`\npeak memory (RSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`)
}

// Both builds compiled and warmed on a small network first, so neither pays for the JIT in the table.
const warm = generate(2000, seed + 1)
naiveFromSingles(warm, singles(warm, seed))
naiveBuild(warm)
buildGraph(warm.authors, warm.interactions)
print(sizes.map(measure))
