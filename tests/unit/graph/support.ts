import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildGraph } from '../../../server/graph/build'
import { readGml } from '../../../server/graph/gml'
import type { NetworkFile } from '../../../server/graph/network-file'
import type { AuthorInput, ConversationGraph, Interaction } from '../../../server/graph/types'

const FIXTURES = join(import.meta.dirname, '../../fixtures/graphs')

export type Fixture = 'karate' | 'lesmis' | 'football'

export function fixturePath(name: Fixture): string {
  return join(FIXTURES, `${name}.gml`)
}

export function readFixture(name: Fixture): NetworkFile {
  return readGml(readFileSync(fixturePath(name), 'utf8'))
}

/** A fixture as a graph, as `chorus graph analyze` builds it. */
export function fixtureGraph(name: Fixture): ConversationGraph {
  const file = readFixture(name)
  return buildGraph(file.nodes.map((node) => ({ id: node.id, handle: node.label ?? node.id })), file.edges, { directed: file.directed, repeated: file.repeated }).graph
}

/** `ties('a>b', 'b>c:3')`: interactions written as source>target[:weight]. */
export function ties(...written: string[]): Interaction[] {
  return written.map((tie) => {
    const [pair, weight] = tie.split(':')
    const [source, target] = pair!.split('>')
    return { source: source!, target: target!, weight: weight ? Number(weight) : 1 }
  })
}

export function graphOf(interactions: Interaction[], options: { directed?: boolean, authors?: AuthorInput[] } = {}): ConversationGraph {
  return buildGraph(options.authors ?? [], interactions, { directed: options.directed ?? true }).graph
}
