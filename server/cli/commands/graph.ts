import { defineCommand } from 'citty'
import analyze from './graph-analyze'

export default defineCommand({
  meta: { name: 'graph', description: 'Network analytics on a graph from a file: communities and PageRank' },
  subCommands: { analyze },
})
