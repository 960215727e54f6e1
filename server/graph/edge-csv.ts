import { CsvError, type InfoRecord, parse } from 'csv-parse/sync'
import { chooseWeight, type NetworkFile, type NetworkFileEdge, NetworkFileError } from './network-file'

// An edge list `source,target[,weight]`, one edge per row, with or without a header row.

const HEADER_NAMES = new Set(['source', 'target', 'from', 'to', 'src', 'dst', 'weight', 'value', 'id1', 'id2', 'node1', 'node2'])

interface Row {
  fields: string[]
  line: number
}

function readRows(text: string): Row[] {
  // Line numbers come from csv-parse's count as each record ends; an unclosed quote is only
  // reported at the end of the file, so the row after the last one read is where it opened.
  const lines: number[] = []
  try {
    const records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      comment: '#',
      record_delimiter: ['\r\n', '\n'],
      on_record: (record: string[], context: InfoRecord) => {
        lines.push(context.lines)
        return record
      },
    })
    return records.map((fields, i) => ({ fields, line: lines[i]! }))
  }
  catch (error) {
    if (!(error instanceof CsvError)) throw error
    const next = (lines.at(-1) ?? 0) + 1
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') throw new NetworkFileError('a quoted field opened on this line is never closed', next)
    throw new NetworkFileError(error.message, typeof error.lines === 'number' ? error.lines : next)
  }
}

/**
 * A first row is a header when it names a known column, or when its third field, where a
 * weight would be, is not a number.
 */
function isHeader(row: Row | undefined): boolean {
  if (!row) return false
  if (row.fields.some((field) => HEADER_NAMES.has(field.toLowerCase()))) return true
  const third = row.fields[2]
  return third !== undefined && third !== '' && !Number.isFinite(Number(third))
}

function weightColumn(header: string[] | null, named: string | undefined, widest: number): { index: number, name: string } | undefined {
  if (named !== undefined) {
    if (!header) throw new NetworkFileError(`a weight column is named, but the file has no header row`, 1)
    const index = header.findIndex((field) => field === named)
    if (index < 0) throw new NetworkFileError(`no column "${named}" in the header (${header.join(', ')})`, 1)
    return { index, name: named }
  }
  if (widest < 3) return undefined
  return { index: 2, name: header?.[2] || 'column 3' }
}

export interface EdgeCsvOptions {
  /** Header name of the weight column (default: the third column, when there is one). */
  weight?: string
}

/** Reads a CSV edge list; errors name the line. The file cannot say it is directed. */
export function readEdgeCsv(text: string, options: EdgeCsvOptions = {}): NetworkFile {
  const rows = readRows(text)
  const header = isHeader(rows[0]) ? rows.shift()!.fields : null
  const edges: (NetworkFileEdge & { fields: string[] })[] = []
  for (const row of rows) {
    const [source, target] = row.fields
    if (!source || !target) throw new NetworkFileError(`expected source,target[,weight], found ${JSON.stringify(row.fields.join(','))}`, row.line)
    edges.push({ source, target, weight: 1, line: row.line, fields: row.fields })
  }
  const column = weightColumn(header, options.weight, edges.reduce((widest, edge) => Math.max(widest, edge.fields.length), 0))
  const { attribute, warnings } = chooseWeight(edges, column?.name, (edge) => edge.fields[column!.index], (edge) => [edge.line])
  const ids = [...new Set(edges.flatMap((edge) => [edge.source, edge.target]))]
  return {
    directed: false,
    weight: attribute ?? null,
    nodes: ids.map((id) => ({ id, label: null })),
    edges: edges.map(({ source, target, weight, line }) => ({ source, target, weight, line })),
    repeated: 'sum',
    warnings,
  }
}
