import type { AuthorExplanation } from './explain'
import type { ScoreFormula } from './score'

// What a network snapshot stores, shared by the job that computes it (server/snapshots/) and the
// pages that read it.

/** An author's explanation as stored with their node: the analytics' own, less what the row holds. */
export type NodeExplanation = Pick<AuthorExplanation, 'parts' | 'interactors' | 'connects' | 'bridge'>

/** How the snapshot's measures were taken, shown beside them. */
export interface SnapshotMethod {
  betweenness: { method: 'exact' | 'sampled', samples: number | null }
  formula: ScoreFormula
  /** ForceAtlas2 iterations of the stored map positions. */
  layoutIterations: number
}
