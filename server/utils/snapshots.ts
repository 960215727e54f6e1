import { SnapshotRunner } from '../snapshots/runner'

let runner: SnapshotRunner | undefined

/** The server's runner of network snapshots (influencer pages), started by the scheduler plugin. */
export function useSnapshots(): SnapshotRunner {
  runner ??= new SnapshotRunner(useDb().db)
  return runner
}
