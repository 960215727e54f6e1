// Polls due sources in the background. CHORUS_SCHEDULER=off keeps this process from polling
// (for a second web process, or while debugging); "run now" still works.
export default defineNitroPlugin(async (nitroApp) => {
  const ingest = useIngest()
  if (process.env.CHORUS_SCHEDULER === 'off') return
  await ingest.start()
  nitroApp.hooks.hook('close', () => ingest.stop())
})
