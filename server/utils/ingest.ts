import { createIngestContext } from '../../ingest/runner'
import { IngestScheduler } from '../../ingest/scheduler'

let scheduler: IngestScheduler | undefined

/** The server's ingest scheduler (runs due sources and "run now"), created on first use. */
export function useIngest(): IngestScheduler {
  if (!scheduler) {
    const { db, sqlite } = useDb()
    scheduler = new IngestScheduler(createIngestContext(db, sqlite, { tagger: useNlp().tagBatch }))
  }
  return scheduler
}
