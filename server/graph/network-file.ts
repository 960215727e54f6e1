// What the GML and CSV readers return: a network as a file describes it, before it becomes a
// graph. Pure: text in, data out; the CLI reads the file.

export interface NetworkFileEdge {
  source: string
  target: string
  weight: number
  /** Where the edge is written, for messages about it. */
  line: number
}

export interface NetworkFile {
  /** Whether the file itself says its edges are directed (GML `directed 1`). */
  directed: boolean
  /** The attribute or column the weights were read from; null when every edge weighs 1. */
  weight: string | null
  nodes: { id: string, label: string | null }[]
  edges: NetworkFileEdge[]
  /**
   * What an edge listed twice means: a GML graph that is not a multigraph lists the same edge
   * again by mistake (`first`); rows of an edge list count interactions (`sum`).
   */
  repeated: 'sum' | 'first'
  /** What was tolerated on the way: missing weights, nodes only seen in edges. */
  warnings: string[]
}

/** A file that cannot be read as a network, with the place that shows why when there is one. */
export class NetworkFileError extends Error {
  constructor(readonly reason: string, readonly line?: number, readonly column?: number) {
    super(line === undefined ? reason : `line ${line}${column === undefined ? '' : `, column ${column}`}: ${reason}`)
    this.name = 'NetworkFileError'
  }
}

export interface WeightChoice {
  attribute: string | undefined
  warnings: string[]
}

/**
 * Sets each edge's weight from `read(edge)`: a missing value weighs 1 (and is counted in a
 * warning); a value that is not a positive number stops the reading at that edge.
 */
export function chooseWeight<Edge extends NetworkFileEdge>(
  edges: Edge[],
  attribute: string | undefined,
  read: (edge: Edge) => string | number | undefined,
  place: (edge: Edge) => [line: number, column?: number],
): WeightChoice {
  if (attribute === undefined) return { attribute, warnings: [] }
  let missing = 0
  for (const edge of edges) {
    const raw = read(edge)
    if (raw === undefined || raw === '') {
      missing++
      continue
    }
    const weight = typeof raw === 'number' ? raw : Number(raw)
    if (!Number.isFinite(weight) || weight <= 0) {
      throw new NetworkFileError(`weight "${raw}" is not a positive number`, ...place(edge))
    }
    edge.weight = weight
  }
  const warnings = missing > 0 ? [`${missing} edge(s) without "${attribute}" weigh 1`] : []
  return { attribute, warnings }
}
