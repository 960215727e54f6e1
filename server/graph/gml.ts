import type { NetworkFile, NetworkFileEdge, WeightChoice } from './network-file'
import { chooseWeight, NetworkFileError } from './network-file'

// GML (Himsolt's Graph Modelling Language) as files in the wild write it: keys and values
// separated by whitespace, lists in square brackets, strings in double quotes that may span
// lines, `#` comments, and a `graph [ … ]` block holding `node [ id … ]` and
// `edge [ source … target … ]` lists. Ids may be integers or strings; other keys are kept as
// attributes, so a weight can be read from any of them.

type GmlValue = number | string | GmlEntry[]

interface GmlEntry {
  key: string
  value: GmlValue
  line: number
  column: number
}

interface Token {
  kind: 'key' | 'number' | 'string' | 'open' | 'close'
  text: string
  line: number
  column: number
}

class Scanner {
  private at = 0
  private line = 1
  private lineStart = 0

  constructor(private readonly text: string) {}

  private fail(message: string, line = this.line, column = this.at - this.lineStart + 1): never {
    throw new NetworkFileError(message, line, column)
  }

  private advance(): void {
    if (this.text[this.at] === '\n') {
      this.line++
      this.lineStart = this.at + 1
    }
    this.at++
  }

  private skipBlank(): void {
    while (this.at < this.text.length) {
      const char = this.text[this.at]!
      if (char === '#') {
        while (this.at < this.text.length && this.text[this.at] !== '\n') this.advance()
      }
      else if (/\s/.test(char)) this.advance()
      else return
    }
  }

  private take(pattern: RegExp): string {
    pattern.lastIndex = this.at
    const match = pattern.exec(this.text)
    const text = match?.[0] ?? ''
    for (let i = 0; i < text.length; i++) this.advance()
    return text
  }

  private string(line: number, column: number): string {
    this.advance()
    const start = this.at
    while (this.at < this.text.length && this.text[this.at] !== '"') this.advance()
    if (this.at >= this.text.length) this.fail('string opened here is never closed', line, column)
    const text = this.text.slice(start, this.at)
    this.advance()
    return text.replace(/&quot;/g, '"').replace(/&amp;/g, '&')
  }

  next(): Token | null {
    this.skipBlank()
    if (this.at >= this.text.length) return null
    const line = this.line
    const column = this.at - this.lineStart + 1
    const char = this.text[this.at]!
    if (char === '[' || char === ']') {
      this.advance()
      return { kind: char === '[' ? 'open' : 'close', text: char, line, column }
    }
    if (char === '"') return { kind: 'string', text: this.string(line, column), line, column }
    const number = this.take(/[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?![\w.])/y)
    if (number) return { kind: 'number', text: number, line, column }
    const key = this.take(/[A-Za-z_][A-Za-z0-9_]*/y)
    if (key) return { kind: 'key', text: key, line, column }
    return this.fail(`unexpected character ${JSON.stringify(char)}`)
  }
}

function describe(token: Token | null): string {
  if (!token) return 'the end of the file'
  return token.kind === 'string' ? 'a string' : `"${token.text}"`
}

/** key value pairs up to a closing bracket (nested) or the end of the file (top level). */
function parseList(scanner: Scanner, opened: Token | null): GmlEntry[] {
  const entries: GmlEntry[] = []
  for (;;) {
    const token = scanner.next()
    if (!token) {
      if (opened) throw new NetworkFileError(`"[" opened here is never closed`, opened.line, opened.column)
      return entries
    }
    if (token.kind === 'close') {
      if (!opened) throw new NetworkFileError('"]" closes nothing', token.line, token.column)
      return entries
    }
    if (token.kind !== 'key') throw new NetworkFileError(`expected a key, found ${describe(token)}`, token.line, token.column)
    const value = scanner.next()
    if (!value || value.kind === 'key' || value.kind === 'close') {
      throw new NetworkFileError(`expected a value after "${token.text}", found ${describe(value)}`, value?.line ?? token.line, value?.column ?? token.column)
    }
    const parsed = value.kind === 'open' ? parseList(scanner, value) : value.kind === 'number' ? Number(value.text) : value.text
    entries.push({ key: token.text, value: parsed, line: token.line, column: token.column })
  }
}

function scalar(entry: GmlEntry | undefined): string | number | undefined {
  return entry === undefined || Array.isArray(entry.value) ? undefined : entry.value
}

function findGraph(entries: readonly GmlEntry[]): GmlEntry & { value: GmlEntry[] } {
  const graph = entries.find((entry) => entry.key === 'graph')
  if (!graph) throw new NetworkFileError('no "graph [ … ]" block')
  if (!Array.isArray(graph.value)) throw new NetworkFileError('"graph" must be followed by "[ … ]"', graph.line, graph.column)
  return graph as GmlEntry & { value: GmlEntry[] }
}

function readNodes(graph: readonly GmlEntry[]): NetworkFile['nodes'] {
  const nodes: NetworkFile['nodes'] = []
  const firstSeen = new Map<string, number>()
  for (const entry of graph) {
    if (entry.key !== 'node' || !Array.isArray(entry.value)) continue
    const id = scalar(entry.value.find((field) => field.key === 'id'))
    if (id === undefined) throw new NetworkFileError('node without an "id"', entry.line, entry.column)
    const key = String(id)
    const earlier = firstSeen.get(key)
    if (earlier !== undefined) throw new NetworkFileError(`node ${key} is declared twice (first at line ${earlier})`, entry.line, entry.column)
    firstSeen.set(key, entry.line)
    const label = scalar(entry.value.find((field) => field.key === 'label'))
    nodes.push({ id: key, label: label === undefined ? null : String(label) })
  }
  return nodes
}

interface RawEdge extends NetworkFileEdge {
  attributes: Map<string, string | number>
  column: number
}

function readEdges(graph: readonly GmlEntry[]): RawEdge[] {
  const edges: RawEdge[] = []
  for (const entry of graph) {
    if (entry.key !== 'edge' || !Array.isArray(entry.value)) continue
    const attributes = new Map<string, string | number>()
    for (const field of entry.value) {
      const value = scalar(field)
      if (value !== undefined && !attributes.has(field.key)) attributes.set(field.key, value)
    }
    const source = attributes.get('source')
    const target = attributes.get('target')
    if (source === undefined || target === undefined) {
      throw new NetworkFileError(`edge without a "${source === undefined ? 'source' : 'target'}"`, entry.line, entry.column)
    }
    edges.push({ source: String(source), target: String(target), weight: 1, line: entry.line, column: entry.column, attributes })
  }
  return edges
}

/**
 * Which edge attribute holds the weight: the one named, else `weight`, else `value` (Newman's
 * files use either), else none and every edge weighs 1.
 */
function weighEdges(edges: RawEdge[], named: string | undefined): WeightChoice {
  const candidates = named === undefined ? ['weight', 'value'] : [named]
  const attribute = candidates.find((name) => edges.some((edge) => edge.attributes.has(name)))
  if (named !== undefined && attribute === undefined) throw new NetworkFileError(`no edge has a "${named}" attribute`)
  return chooseWeight(edges, attribute, (edge) => edge.attributes.get(attribute!), (edge) => [edge.line, edge.column])
}

export interface GmlOptions {
  /** Edge attribute holding the weight (default: `weight`, else `value`, else unweighted). */
  weight?: string
}

/** Reads a GML network; errors name the line and column. */
export function readGml(text: string, options: GmlOptions = {}): NetworkFile {
  const graph = findGraph(parseList(new Scanner(text), null))
  const flag = (key: string) => Number(scalar(graph.value.find((entry) => entry.key === key))) === 1
  const nodes = readNodes(graph.value)
  const edges = readEdges(graph.value)
  const { attribute, warnings } = weighEdges(edges, options.weight)
  const declared = new Set(nodes.map((node) => node.id))
  const undeclared = new Set(edges.flatMap((edge) => [edge.source, edge.target]).filter((id) => !declared.has(id)))
  if (undeclared.size > 0) warnings.push(`${undeclared.size} node(s) appear only in edges and were added: ${[...undeclared].slice(0, 5).join(', ')}${undeclared.size > 5 ? ', …' : ''}`)
  return {
    directed: flag('directed'),
    weight: attribute ?? null,
    nodes,
    edges: edges.map(({ source, target, weight, line }) => ({ source, target, weight, line })),
    repeated: flag('multigraph') ? 'sum' : 'first',
    warnings,
  }
}
