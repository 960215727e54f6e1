/** The badge colour of an ingest run's status, wherever a run is shown. */
export const RUN_STATUS_COLOR = { ok: 'success', failed: 'error', running: 'primary', interrupted: 'warning' } as const
