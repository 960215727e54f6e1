import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { defineCommand } from 'citty'
import { analyzeNetwork, type NetworkAnalysis } from '../../graph/analyze'
import { readEdgeCsv } from '../../graph/edge-csv'
import { readGml } from '../../graph/gml'
import { type NetworkFile, NetworkFileError } from '../../graph/network-file'
import { CliError } from '../db'

const FORMATS = ['gml', 'csv'] as const
type Format = (typeof FORMATS)[number]

const EXTENSIONS: Record<string, Format> = { '.gml': 'gml', '.csv': 'csv' }

function chooseFormat(input: string, flag: string | undefined): Format {
  if (flag !== undefined) {
    const format = FORMATS.find((known) => known === flag.toLowerCase())
    if (!format) throw new CliError(`unknown format "${flag}": use gml or csv`)
    return format
  }
  const format = EXTENSIONS[extname(input).toLowerCase()]
  if (!format) throw new CliError(`cannot tell the format of ${input} from its extension: add --format gml or --format csv`)
  return format
}

async function readInput(input: string): Promise<string> {
  try {
    return await readFile(input, 'utf8')
  }
  catch (error) {
    throw new CliError(`cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

function parse(input: string, text: string, format: Format, weight: string | undefined): NetworkFile {
  try {
    return format === 'gml' ? readGml(text, { weight }) : readEdgeCsv(text, { weight })
  }
  catch (error) {
    if (error instanceof NetworkFileError) throw new CliError(`${input}: not readable as ${format.toUpperCase()}: ${error.message}`)
    throw error
  }
}

/** The scripts' contract: exactly these four keys. */
function asJson(analysis: NetworkAnalysis): string {
  const { modularity, communities, membership, pagerank } = analysis
  return JSON.stringify({ modularity, communities, membership, pagerank })
}

function asText(input: string, file: NetworkFile, analysis: NetworkAnalysis): string[] {
  const labels = new Map(file.nodes.map((node) => [node.id, node.label]))
  const width = Math.max(4, ...analysis.pagerank.slice(0, 1000).map(({ id }) => id.length))
  const lines = [
    `${input}: ${analysis.nodes} nodes, ${analysis.edges} edges, ${analysis.directed ? 'directed' : 'undirected'}, ${file.weight ? `weighted by "${file.weight}"` : 'unweighted'}`,
    `modularity ${analysis.modularity.toFixed(4)} (Louvain, best of ${analysis.passes} run${analysis.passes === 1 ? '' : 's'})`,
    `${analysis.communities} ${analysis.communities === 1 ? 'community' : 'communities'}, sizes ${analysis.sizes.join(', ')}`,
    '',
    `${'rank'.padStart(5)}  ${'node'.padEnd(width)}  ${'pagerank'.padEnd(8)}  community  label`,
  ]
  analysis.pagerank.forEach(({ id, score }, i) => {
    lines.push(`${String(i + 1).padStart(5)}  ${id.padEnd(width)}  ${score.toFixed(6)}  ${String(analysis.membership[id]).padStart(9)}  ${labels.get(id) ?? ''}`.trimEnd())
  })
  return lines
}

export default defineCommand({
  meta: {
    name: 'analyze',
    description: 'Read a network from a GML file or a CSV edge list (source,target[,weight], header optional) and print its Louvain '
      + 'modularity, the number of communities, each node\'s community and the PageRank ranking. An edge a GML file lists twice is '
      + 'kept once (summed when the file says multigraph 1); repeated CSV rows are summed; self-loops are left out. With --json: '
      + 'one object {"modularity","communities","membership":{node:community},"pagerank":[{"id","score"}]}, highest score first.',
  },
  args: {
    input: { type: 'string', description: 'The network file', required: true, valueHint: 'file' },
    format: { type: 'string', description: 'gml or csv (default: from the extension, .gml or .csv)', valueHint: 'gml|csv' },
    directed: { type: 'boolean', description: 'Treat edges as directed (a GML file that says directed 1 is anyway)' },
    weight: { type: 'string', description: 'Edge attribute (GML) or header column (CSV) holding the weights (default: GML weight, else value; CSV the third column)', valueHint: 'attr' },
    json: { type: 'boolean', description: 'Print one JSON object' },
  },
  async run({ args }) {
    const format = chooseFormat(args.input, args.format)
    const file = parse(args.input, await readInput(args.input), format, args.weight)
    const analysis = analyzeNetwork(file, { directed: args.directed })
    for (const warning of analysis.warnings) console.error(`chorus: ${args.input}: ${warning}`)
    if (args.json) console.log(asJson(analysis))
    else console.log(asText(args.input, file, analysis).join('\n'))
  },
})
