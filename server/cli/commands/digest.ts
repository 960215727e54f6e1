import { defineCommand } from 'citty'
import { lastFullWeek, WeekError } from '../../../shared/digest'
import { readAlertConfig } from '../../alerts/config'
import { CLI_ACTOR } from '../../db/repositories/audit'
import { readDigestConfig } from '../../digest/config'
import { DIGEST_PHASES } from '../../digest/generate'
import { DigestWeekError, makeDigest, sendDigest } from '../../digest/service'
import { digestText } from '../../digest/text'
import { CliError, dbArg, openExisting } from '../db'
import { progressLine } from '../progress'

export default defineCommand({
  meta: {
    name: 'digest',
    description: 'Make (or remake) the weekly digest of an ISO week in CHORUS_TIME_ZONE, print it, and with --send e-mail it to its subscribers',
  },
  args: {
    week: { type: 'string', description: 'ISO week, e.g. 2026-W47 (default: the last full week)', valueHint: 'YYYY-Www' },
    send: { type: 'boolean', description: 'E-mail it to the subscribers (needs CHORUS_SMTP_URL)' },
    json: { type: 'boolean', description: 'Print the digest as JSON instead of text' },
    ...dbArg,
  },
  async run({ args }) {
    const config = readDigestConfig()
    const alerts = readAlertConfig()
    if (args.send && !alerts.email.enabled) throw new CliError(alerts.email.reason)
    const now = new Date()
    const week = args.week?.trim().toUpperCase() || lastFullWeek(now, config.timeZone)
    const { db, sqlite } = await openExisting(args.db)
    const progress = progressLine(`digest ${week}`)
    try {
      const digest = await makeDigest(db, week, config, {
        trigger: 'cli', actor: CLI_ACTOR, now,
        progress: (step) => progress.update(step.done, step.total, `steps (${step.phase})`),
      }).catch((error: unknown) => {
        if (error instanceof WeekError || error instanceof DigestWeekError) throw new CliError(error.message)
        throw error
      })
      progress.done(`digest ${week} stored (${digest.data.week.monday} to ${digest.data.week.sunday}, ${config.timeZone}; ${DIGEST_PHASES.length} steps)`)
      console.log(args.json ? JSON.stringify(digest.data, null, 2) : digestText(digest.data, { publicUrl: alerts.publicUrl }))
      if (args.send) {
        const outcome = await sendDigest(db, digest, alerts, CLI_ACTOR, new Date())
        if (outcome.sentTo === 0) throw new CliError(`the digest was not sent: ${outcome.error ?? 'no recipient'}`)
        console.error(`sent to ${outcome.sentTo} subscriber${outcome.sentTo === 1 ? '' : 's'}${outcome.error ? ` (${outcome.error})` : ''}`)
      }
    }
    finally {
      sqlite.close()
    }
  },
})
