import { canonicalZone } from '../../shared/zoned-time'

// Digest settings, read from the environment (documented in the README):
//
//   CHORUS_TIME_ZONE     the instance's IANA zone: digests cover Monday to Sunday in it;
//                        default: the server's zone (TZ), else UTC
//   CHORUS_DIGEST_HOUR   hour of Monday (0–23, in that zone) from which the scheduler makes and
//                        sends the past week's digest; default 7
// E-mail goes through the alerts' SMTP settings (CHORUS_SMTP_URL, CHORUS_ALERT_FROM).

export interface DigestConfig {
  timeZone: string
  hour: number
}

export class DigestConfigError extends Error {}

export function readDigestConfig(env: Record<string, string | undefined> = process.env): DigestConfig {
  const zoneSetting = env.CHORUS_TIME_ZONE?.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  const timeZone = canonicalZone(zoneSetting)
  if (!timeZone) throw new DigestConfigError(`CHORUS_TIME_ZONE must be a named zone such as Europe/Paris or UTC, not "${zoneSetting}"`)
  const hourSetting = env.CHORUS_DIGEST_HOUR?.trim() || '7'
  const hour = Number(hourSetting)
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new DigestConfigError(`CHORUS_DIGEST_HOUR must be a whole hour from 0 to 23, not "${hourSetting}"`)
  return { timeZone, hour }
}
