import { z } from 'zod'

// Alert delivery settings, read from the environment (documented in the README):
//
//   CHORUS_SMTP_URL                  smtp://user:pass@host:587 (STARTTLS when offered) or
//                                    smtps://user:pass@host:465; unset → e-mail alerts are off.
//                                    Special characters in the password must be percent-encoded.
//   CHORUS_ALERT_FROM                sender, "Name <address>" or an address; default Chorus <chorus@localhost>
//   CHORUS_PUBLIC_URL                where people open Chorus, for links in alerts; default http://localhost:3000
//   CHORUS_ALERT_COOLDOWN_MINUTES    least quiet time after a topic's alert, whatever the topic sets; default 60
//   CHORUS_SMTP_TIMEOUT_MS           connect, greeting and idle limit for SMTP; default 10000
//   CHORUS_WEBHOOK_TIMEOUT_MS        limit for a webhook to answer; default 10000

export const ALERT_DEFAULTS = {
  from: 'Chorus <chorus@localhost>',
  publicUrl: 'http://localhost:3000',
  cooldownMinutes: 60,
  smtpTimeoutMs: 10_000,
  webhookTimeoutMs: 10_000,
} as const

export type EmailSettings =
  | { enabled: true, smtpUrl: string, /** The SMTP URL without its password, safe to show and log. */ server: string, from: string, timeoutMs: number }
  | { enabled: false, reason: string }

export interface AlertConfig {
  email: EmailSettings
  publicUrl: string
  cooldownMinutes: number
  webhookTimeoutMs: number
}

export class AlertConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AlertConfigError'
  }
}

// An empty variable (CHORUS_SMTP_URL= in an .env file) means "not set", as in a shell.
const unsetIfEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional())
const withDefault = <T extends z.ZodType>(schema: T, value: z.util.NoUndefined<z.output<T>>) => z.preprocess(unsetIfEmpty, schema.default(value))

// The value is never echoed: it holds the SMTP password.
const smtpUrl = z.string().trim().refine((value) => {
  const url = URL.canParse(value) ? new URL(value) : null
  return url !== null && (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== ''
}, 'must look like smtp://user:password@mail.example.org:587 or smtps://user:password@mail.example.org:465')

// One address, optionally with a display name; no line breaks, which would forge headers.
const sender = z.string().trim().regex(
  /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
  'must be an address such as alerts@example.org or "Chorus <alerts@example.org>"',
)

const publicUrl = z.url({ protocol: /^https?$/, error: 'must be the http(s) address people open Chorus at, e.g. https://chorus.example.org' })
  .transform((value) => value.replace(/\/+$/, ''))

const milliseconds = z.coerce.number({ error: 'must be a whole number of milliseconds' }).int('must be a whole number of milliseconds').min(100, 'must be at least 100 ms').max(300_000, 'must be at most 300000 ms (5 minutes)')

const minutes = z.coerce.number({ error: 'must be a whole number of minutes' }).int('must be a whole number of minutes').min(0, 'must be 0 or more')

const schema = z.object({
  CHORUS_SMTP_URL: optional(smtpUrl),
  CHORUS_ALERT_FROM: withDefault(sender, ALERT_DEFAULTS.from),
  CHORUS_PUBLIC_URL: withDefault(publicUrl, ALERT_DEFAULTS.publicUrl),
  CHORUS_ALERT_COOLDOWN_MINUTES: withDefault(minutes, ALERT_DEFAULTS.cooldownMinutes),
  CHORUS_SMTP_TIMEOUT_MS: withDefault(milliseconds, ALERT_DEFAULTS.smtpTimeoutMs),
  CHORUS_WEBHOOK_TIMEOUT_MS: withDefault(milliseconds, ALERT_DEFAULTS.webhookTimeoutMs),
})

/** Reads and checks the alert settings; throws AlertConfigError naming every faulty variable. */
export function readAlertConfig(env: Record<string, string | undefined> = process.env): AlertConfig {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`)
    throw new AlertConfigError(`alert settings are invalid: ${problems.join('; ')}`)
  }
  const vars = parsed.data
  const email: EmailSettings = vars.CHORUS_SMTP_URL
    ? { enabled: true, smtpUrl: vars.CHORUS_SMTP_URL, server: redactSmtpUrl(vars.CHORUS_SMTP_URL), from: vars.CHORUS_ALERT_FROM, timeoutMs: vars.CHORUS_SMTP_TIMEOUT_MS }
    : { enabled: false, reason: 'e-mail alerts are off: set CHORUS_SMTP_URL (e.g. smtp://user:password@mail.example.org:587) to send them' }
  return {
    email,
    publicUrl: vars.CHORUS_PUBLIC_URL,
    cooldownMinutes: vars.CHORUS_ALERT_COOLDOWN_MINUTES,
    webhookTimeoutMs: vars.CHORUS_WEBHOOK_TIMEOUT_MS,
  }
}

/** The SMTP URL with the password replaced, for settings pages and error messages. */
export function redactSmtpUrl(value: string): string {
  if (!URL.canParse(value)) return '(invalid SMTP URL)'
  const url = new URL(value)
  if (url.password) url.password = '***'
  url.search = ''
  return url.toString().replace(/\/$/, '')
}
