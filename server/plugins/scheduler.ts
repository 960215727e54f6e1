import { refreshEmergingTerms } from '../db/repositories/emerging'

// Polls due sources, runs the NLP pass's background jobs and the network snapshots, watches topics for spikes and keeps
// the overview's emerging terms for the current week.
// CHORUS_SCHEDULER=off keeps this process from polling and watching (for a second web process,
// or while debugging); "run now" and re-tagging still work.
const SPIKE_WATCH_MS = 10 * 60_000

export default defineNitroPlugin(async (nitroApp) => {
  let nlp: ReturnType<typeof useNlp>
  try {
    useAlertDelivery()
    nlp = useNlp()
    await nlp.ready()
  }
  catch (error) {
    console.error(`chorus: the NLP pass cannot start: ${(error as Error).message}`)
    process.exit(1)
  }
  const ingest = useIngest()
  nitroApp.hooks.hook('close', async () => {
    await ingest.stop()
    await nlp.stop()
  })
  void nlp.runJobs()
  // Network snapshots run whatever CHORUS_SCHEDULER says: people ask for them.
  await useSnapshots().start()
  if (process.env.CHORUS_SCHEDULER === 'off') return
  await ingest.start()
  const watch = async () => {
    await watchTopicSpikes().catch((error: Error) => console.error(`chorus: spike watch failed: ${error.message}`))
    await refreshEmergingTerms(useDb().db, new Date()).catch((error: Error) => console.error(`chorus: emerging terms failed: ${error.message}`))
  }
  const watching = setInterval(watch, SPIKE_WATCH_MS)
  nitroApp.hooks.hook('close', () => clearInterval(watching))
  void watch()
})
