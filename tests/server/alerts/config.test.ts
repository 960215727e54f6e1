import { describe, expect, it } from 'vitest'
import { AlertConfigError, readAlertConfig, redactSmtpUrl } from '../../../server/alerts/config'

function failure(env: Record<string, string>): AlertConfigError {
  try {
    readAlertConfig(env)
  }
  catch (error) {
    expect(error).toBeInstanceOf(AlertConfigError)
    return error as AlertConfigError
  }
  throw new Error('the settings were accepted')
}

describe('readAlertConfig', () => {
  it('turns e-mail off, saying how to turn it on, when no SMTP server is set', () => {
    const config = readAlertConfig({})
    expect(config.email).toEqual({ enabled: false, reason: expect.stringContaining('CHORUS_SMTP_URL') })
  })

  it('applies the documented defaults', () => {
    expect(readAlertConfig({})).toMatchObject({ publicUrl: 'http://localhost:3000', cooldownMinutes: 60, webhookTimeoutMs: 10_000 })
  })

  it('treats empty variables as unset', () => {
    const config = readAlertConfig({ CHORUS_SMTP_URL: '', CHORUS_PUBLIC_URL: ' ', CHORUS_ALERT_COOLDOWN_MINUTES: '' })
    expect(config.email.enabled).toBe(false)
    expect(config.publicUrl).toBe('http://localhost:3000')
    expect(config.cooldownMinutes).toBe(60)
  })

  it('reads an SMTP server, sender, public URL and limits', () => {
    const config = readAlertConfig({
      CHORUS_SMTP_URL: 'smtps://alerts:s3cret@mail.example.org:465',
      CHORUS_ALERT_FROM: 'Chorus alerts <alerts@example.org>',
      CHORUS_PUBLIC_URL: 'https://chorus.example.org/',
      CHORUS_ALERT_COOLDOWN_MINUTES: '15',
      CHORUS_SMTP_TIMEOUT_MS: '5000',
    })
    expect(config).toEqual({
      email: {
        enabled: true,
        smtpUrl: 'smtps://alerts:s3cret@mail.example.org:465',
        server: 'smtps://alerts:***@mail.example.org:465',
        from: 'Chorus alerts <alerts@example.org>',
        timeoutMs: 5000,
      },
      publicUrl: 'https://chorus.example.org',
      cooldownMinutes: 15,
      webhookTimeoutMs: 10_000,
    })
  })

  it('names every faulty variable and never repeats the SMTP password', () => {
    const error = failure({
      CHORUS_SMTP_URL: 'http://alerts:s3cret@mail.example.org',
      CHORUS_PUBLIC_URL: 'chorus.example.org',
      CHORUS_ALERT_COOLDOWN_MINUTES: 'an hour',
      CHORUS_WEBHOOK_TIMEOUT_MS: '5',
    })
    expect(error.message).toMatch(/CHORUS_SMTP_URL must look like smtp:\/\//)
    expect(error.message).toMatch(/CHORUS_PUBLIC_URL must be the http\(s\) address/)
    expect(error.message).toMatch(/CHORUS_ALERT_COOLDOWN_MINUTES must be a whole number of minutes/)
    expect(error.message).toMatch(/CHORUS_WEBHOOK_TIMEOUT_MS must be at least 100 ms/)
    expect(error.message).not.toContain('s3cret')
  })

  it('refuses a sender that would add a header', () => {
    expect(failure({ CHORUS_ALERT_FROM: 'alerts@example.org\r\nBcc: all@example.org' }).message).toMatch(/CHORUS_ALERT_FROM/)
  })

  it('hides the password when showing the SMTP server', () => {
    expect(redactSmtpUrl('smtp://u:p%40ss@mail.example.org:587?tls.rejectUnauthorized=false')).toBe('smtp://u:***@mail.example.org:587')
    expect(redactSmtpUrl('smtp://mail.example.org')).toBe('smtp://mail.example.org')
  })
})
