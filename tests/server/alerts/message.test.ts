import { describe, expect, it } from 'vitest'
import { buildAlertMessage, escapeHtml } from '../../../server/alerts/message'
import { aSpikeAlert, aSpikeEvent, HOSTILE_NAME } from './builders'

const options = { publicUrl: 'https://chorus.example.org' }

describe('buildAlertMessage', () => {
  it('escapes a hostile topic name, terms and links in the HTML', () => {
    const { html } = buildAlertMessage(aSpikeAlert({ topic: { id: 7, name: HOSTILE_NAME } }), options)
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>crue')
    expect(html).toContain('Floods &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&lt;b&gt;crue&lt;/b&gt;')
    expect(html).toContain('https://news.example/crue?a=1&amp;b=&lt;2&gt;')
  })

  it('keeps the subject on one line, so a topic name cannot add headers', () => {
    const { subject } = buildAlertMessage(aSpikeAlert({ topic: { id: 7, name: HOSTILE_NAME } }), options)
    expect(subject).not.toMatch(/[\r\n]/)
    expect(subject.startsWith('[Chorus] Spike in "Floods <script>')).toBe(true)
  })

  it('says in the subject how far above the usual level the spike went', () => {
    expect(buildAlertMessage(aSpikeAlert(), options).subject).toBe('[Chorus] Spike in "Floods" (fr): 240 posts in one hour, usually about 18')
    const daily = aSpikeAlert({ granularity: 'day', language: null, event: aSpikeEvent({ peakCount: 31, baseline: 2.5 }) })
    expect(buildAlertMessage(daily, options).subject).toBe('[Chorus] Spike in "Floods": 31 posts in one day, usually about 2.5')
  })

  it('tells the story in plain text: when, how much, what drove it, where to look, and why', () => {
    const { text } = buildAlertMessage(aSpikeAlert(), options)
    expect(text).toContain('Chorus noticed a spike in the topic "Floods" (French (fr)).')
    expect(text).toContain('When: 2026-03-10 14:00 – 2026-03-10 16:00 UTC')
    expect(text).toContain('Posts: 400 in total, 240 at the peak (2026-03-10 15:00); usually about 18 per hour (z = 12.3).')
    expect(text).toMatch(/Terms: inondation \(120, before 0\), <b>crue<\/b> \(40, before 0\)/)
    expect(text).toContain('Authors: @meteo@social.example (50, before 0)')
    expect(text).toContain('Open in Chorus: https://chorus.example.org/topics/7?from=2026-03-10T14%3A00%3A00.000Z&to=2026-03-10T16%3A00%3A00.000Z&language=fr')
    expect(text).toContain('at least 3 standard deviations above the mean of the previous 24 hours')
    expect(text).toContain('chance alone reaches a count that high less than once in 1,000,000 hours at that mean.')
  })

  it('names daily spikes by the days they cover', () => {
    const event = aSpikeEvent({ start: '2026-03-09T00:00:00.000Z', lastBucket: '2026-03-10T00:00:00.000Z', end: '2026-03-11T00:00:00.000Z' })
    expect(buildAlertMessage(aSpikeAlert({ granularity: 'day', event }), options).text).toContain('When: 2026-03-09 – 2026-03-10 (UTC)')
  })

  it('builds the documented webhook payload', () => {
    const { payload } = buildAlertMessage(aSpikeAlert(), options)
    expect(JSON.parse(JSON.stringify(payload))).toEqual({
      type: 'chorus.spike',
      version: 1,
      id: 'spike:7:fr:2026-03-10T14:00:00.000Z',
      topic: { id: 7, name: 'Floods' },
      language: 'fr',
      granularity: 'hour',
      window: { start: '2026-03-10T14:00:00.000Z', end: '2026-03-10T16:00:00.000Z' },
      count: 400,
      peakAt: '2026-03-10T15:00:00.000Z',
      peakCount: 240,
      baseline: 18.46,
      z: 12.35,
      drivers: {
        terms: [
          { key: 'inondation', spike: 120, baseline: 0, score: expect.any(Number) },
          { key: '<b>crue</b>', spike: 40, baseline: 0, score: expect.any(Number) },
        ],
        hashtags: [],
        authors: [{ key: '@meteo@social.example', spike: 50, baseline: 0, score: expect.any(Number) }],
        links: [{ key: 'https://news.example/crue?a=1&b=<2>', spike: 20, baseline: 0, score: expect.any(Number) }],
        domains: [],
        languages: [],
      },
      url: 'https://chorus.example.org/topics/7?from=2026-03-10T14%3A00%3A00.000Z&to=2026-03-10T16%3A00%3A00.000Z&language=fr',
    })
  })

  it('lists at most the requested number of drivers per dimension', () => {
    const { payload } = buildAlertMessage(aSpikeAlert(), { ...options, driversShown: 1 })
    expect(payload.drivers.terms.map((d) => d.key)).toEqual(['inondation'])
  })
})

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
  })
})
