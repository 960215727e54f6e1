import { beforeAll, describe, expect, it } from 'vitest'
import { demoFacts, demoPayloads, type DemoFacts } from '../../../../ingest/demo'
import { emptySummary, summarise, type Summary } from './summarise'

// The default corpus (50,000 items, seed 1) read once, the way adapters will read it, and
// checked against what the product needs to show: volume, languages, communities, a spike.

const END = new Date('2026-03-02T00:00:00Z')
const POSTS = 50_000
let summary: Summary
let facts: DemoFacts

beforeAll(() => {
  summary = emptySummary('kipindupindu')
  for (const payload of demoPayloads({ seed: 1, end: END })) summarise(summary, payload)
  facts = demoFacts({ end: END })
}, 180_000)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

describe('the default demo corpus', () => {
  it('has the requested number of items, within 5 %', () => {
    expect(summary.items).toBeGreaterThanOrEqual(POSTS * 0.95)
    expect(summary.items).toBeLessThanOrEqual(POSTS * 1.05)
  })

  it('shares items between platforms roughly 45 / 30 / 15 / 10', () => {
    const share = (format: string) => (summary.byFormat[format] ?? 0) / summary.items
    expect(share('mastodon')).toBeCloseTo(0.45, 1)
    expect(share('bluesky')).toBeCloseTo(0.3, 1)
    expect(share('feed')).toBeCloseTo(0.15, 1)
    expect(share('reddit')).toBeCloseTo(0.1, 1)
  })

  it('declares at least nine languages, Arabic, French, Spanish, Swahili, Portuguese, Hindi and Japanese among them', () => {
    const declared = Object.entries(summary.declared).filter(([lang, n]) => lang !== 'none' && n >= 200).map(([lang]) => lang)
    expect(declared.length).toBeGreaterThanOrEqual(9)
    expect(declared).toEqual(expect.arrayContaining(['ar', 'fr', 'es', 'sw', 'pt', 'hi', 'en', 'de', 'ja']))
    expect(summary.declared.ja).toBeGreaterThanOrEqual(1_500)
  })

  it('declares a wrong language or none on some posts, as real platforms do', () => {
    expect(summary.wronglyEnglish).toBeGreaterThan(100)
    expect(summary.noLanguage).toBeGreaterThan(500)
  })

  it('comes from about 3,000 authors', () => {
    expect(summary.authors.size).toBeGreaterThan(2_600)
    expect(summary.authors.size).toBeLessThan(3_400)
  })

  it('has replies, boosts, quotes and mentions', () => {
    expect(summary.replies).toBeGreaterThan(POSTS * 0.15)
    expect(summary.boosts).toBeGreaterThan(POSTS * 0.05)
    expect(summary.quotes).toBeGreaterThan(POSTS * 0.02)
    expect(summary.mentions).toBeGreaterThan(POSTS * 0.1)
  })

  it('threads Mastodon replies to statuses the same instance served before', () => {
    expect(summary.repliesResolved / summary.mastodonReplies).toBeGreaterThan(0.8)
  })

  it('mentions the influencers of the communities more than anyone else', () => {
    const handleOf = (key: string) => (key.startsWith('did:did:') ? summary.handles.get(key.slice(4)) ?? key : key)
    const top = [...summary.mentioned].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([key]) => handleOf(key))
    const known = new Set(facts.communities.flatMap((c) => [...c.influencers, ...c.bridges].map((a) => a.handle)).concat(facts.spike.drivers.map((d) => d.handle)))
    expect(top.filter((handle) => known.has(handle)).length).toBeGreaterThanOrEqual(15)
  })

  it('shares the same articles on several platforms, some with tracking parameters', () => {
    const everywhere = [...summary.links.values()].filter((formats) => formats.has('feed') && formats.size >= 3)
    expect(everywhere.length).toBeGreaterThan(100)
    expect(summary.trackedLinks).toBeGreaterThan(500)
  })

  it('is quieter at night and at weekends', () => {
    const weekday = (summary.byWeekday[2]! + summary.byWeekday[3]! + summary.byWeekday[4]!) / 3
    const weekend = (summary.byWeekday[0]! + summary.byWeekday[6]!) / 2
    expect(weekend).toBeLessThan(weekday * 0.8)
    expect(Math.min(...summary.byHour)).toBeLessThan(Math.max(...summary.byHour) * 0.5)
  })

  it('shows the spike as a day with at least five times the usual Swahili volume, inside the announced window', () => {
    const days = Object.keys(summary.perDay).sort()
    const swahili = days.map((day) => summary.perDay[day]!.sw ?? 0)
    const usual = median(swahili)
    const peak = Math.max(...swahili)
    const peakDay = days[swahili.indexOf(peak)]!
    expect(peak).toBeGreaterThanOrEqual(usual * 5)
    expect(peakDay >= facts.spike.start.slice(0, 10) && peakDay <= facts.spike.end.slice(0, 10)).toBe(true)
    expect(summary.tagPerDay[peakDay]![facts.spike.hashtag]).toBeGreaterThan(usual)
  })

  it('lets a few driving accounts lead the spike hashtag', () => {
    const leaders = [...summary.tagPosters].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([handle]) => handle)
    expect(leaders.sort()).toEqual(facts.spike.drivers.map((d) => d.handle).sort())
  })

  it('keeps every Bluesky facet on the exact bytes of its mention, hashtag or link, and posts within 300 graphemes', () => {
    expect(summary.facetErrors.slice(0, 5)).toEqual([])
    expect(summary.longestBluesky).toBeLessThanOrEqual(300)
  })
})
