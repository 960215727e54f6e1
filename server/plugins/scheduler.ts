import { readAlertConfig } from '../alerts/config'
import { refreshEmergingTerms } from '../db/repositories/emerging'
import { readDigestConfig } from '../digest/config'
import { runWeeklyDigest } from '../digest/service'

// Polls due sources, runs the NLP pass's background jobs and the network snapshots (taking up
// those other processes left), watches topics for spikes, keeps the overview's emerging terms
// for the current week, and makes and sends Monday's weekly digest.
// CHORUS_SCHEDULER=off keeps this process from polling and watching (for a second web process,
// or while debugging); "run now", re-tagging and taking up the work of dead processes still work.
const SPIKE_WATCH_MS = 10 * 60_000
const FOLLOW_MS = 60_000

export default defineNitroPlugin(async (nitroApp) => {
  let nlp: ReturnType<typeof useNlp>
  let digest: ReturnType<typeof readDigestConfig>
  try {
    useAlertDelivery()
    digest = readDigestConfig()
    nlp = useNlp()
    await nlp.ready()
  }
  catch (error) {
    console.error(`chorus: cannot start: ${(error as Error).message}`)
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
  // Another process (a second web process, the command line) may change topics, or leave a
  // re-tag or a snapshot behind when it stops: this one takes up the topics and the work left.
  const following = setInterval(() => {
    void nlp.topicsChanged().catch((error: Error) => console.error(`chorus: re-tag failed: ${error.message}`))
    void useSnapshots().start().catch((error: Error) => console.error(`chorus: network snapshots failed: ${error.message}`))
  }, FOLLOW_MS)
  nitroApp.hooks.hook('close', () => clearInterval(following))
  // The ingest runs a dead process left are marked interrupted at every tick, polling or not.
  const polling = process.env.CHORUS_SCHEDULER !== 'off'
  await ingest.start({ pollSources: polling })
  if (!polling) return
  const watch = async () => {
    await watchTopicSpikes().catch((error: Error) => console.error(`chorus: spike watch failed: ${error.message}`))
    await refreshEmergingTerms(useDb().db, new Date()).catch((error: Error) => console.error(`chorus: emerging terms failed: ${error.message}`))
    await runWeeklyDigest(useDb().db, digest, readAlertConfig(), new Date())
      .then((run) => {
        if (run.made) console.log(`chorus: weekly digest ${run.week} made${run.sent ? `, sent to ${run.sent.sentTo}${run.sent.error ? ` (${run.sent.error})` : ''}` : ''}`)
      })
      .catch((error: Error) => console.error(`chorus: weekly digest failed: ${error.message}`))
  }
  const watching = setInterval(watch, SPIKE_WATCH_MS)
  nitroApp.hooks.hook('close', () => clearInterval(watching))
  void watch()
})
