import { describe, expect, it } from 'vitest'
import type { DigestFact } from '../../shared/digest'
import { formatChange, table, weekRange } from '../../server/digest/format'
import { webAddress } from '../../shared/web-address'
import { digestSubject, digestText, factSentence } from '../../server/digest/text'
import { emptyDigest, HOSTILE_TOPIC, sampleDigest } from '../server/digest/sample'

const publicUrl = 'https://chorus.example.org/'

describe('factSentence', () => {
  const week = sampleDigest()

  it('says a quiet week is quiet', () => {
    expect(factSentence({ kind: 'quiet' })).toBe('A quiet week: nothing changed enough against the week before to stand out.')
  })

  it('gives the volume with its signed change and the previous count', () => {
    expect(factSentence({ kind: 'volume', posts: 4210, previous: 3759 })).toBe('4,210 posts this week, +12% on the week before (3,759).')
    expect(factSentence({ kind: 'volume', posts: 80, previous: 100 })).toContain('-20%')
    expect(factSentence({ kind: 'volume', posts: 1, previous: 0 })).toBe('1 post this week, after none the week before.')
    expect(factSentence({ kind: 'volume', posts: 0, previous: 0 })).toBe('No posts matched your topics this week or the week before.')
  })

  it('gives net sentiment on its scale and which way it moved', () => {
    expect(factSentence({ kind: 'sentiment', net: 0.25, previousNet: 0.1 })).toMatch(/^Net sentiment was \+0\.25 .*up from \+0\.10 the week before\.$/)
    expect(factSentence({ kind: 'sentiment', net: -0.3, previousNet: 0 })).toContain('-0.30')
    expect(factSentence({ kind: 'sentiment', net: -0.3, previousNet: 0 })).toContain('down from 0.00')
    expect(factSentence({ kind: 'sentiment', net: 0.2, previousNet: null })).toContain('no post of the week before could be scored')
  })

  it('names the topic that rose or fell, with the signed change', () => {
    expect(factSentence({ kind: 'topicUp', topic: 'Climate strike', posts: 2100, previous: 1500 }))
      .toBe('Posts on “Climate strike” rose to 2,100 (+40% on 1,500 the week before).')
    expect(factSentence({ kind: 'topicDown', topic: HOSTILE_TOPIC, posts: 900, previous: 1200 }))
      .toBe(`Posts on “${HOSTILE_TOPIC}” fell to 900 (-25% on 1,200 the week before).`)
    expect(factSentence({ kind: 'topicUp', topic: 'New topic', posts: 30, previous: 0 })).toBe('Posts on “New topic” went from none the week before to 30.')
  })

  it('names the language in English, not by its code', () => {
    expect(factSentence({ kind: 'languageUp', lang: 'ja', posts: 510, previous: 359 })).toBe('Posts in Japanese rose to 510 (+42% on 359 the week before).')
    expect(factSentence({ kind: 'languageDown', lang: 'ar', posts: 600, previous: 700 })).toBe('Posts in Arabic fell to 600 (-14% on 700 the week before).')
  })

  it('gives the peak of the largest spike in the week’s time zone', () => {
    const spike: DigestFact = { kind: 'spikes', count: 1, topic: 'Climate strike', peakCount: 240, peakAt: '2026-11-19T10:00:00.000Z' }
    expect(factSentence(spike, week)).toBe('One spike: “Climate strike” peaked at 240 posts on Thu 19 Nov, 11:00.')
    expect(factSentence(spike)).toContain('Thu 19 Nov, 10:00')
    expect(factSentence({ ...spike, count: 3 }, week)).toBe('3 spikes; the largest: “Climate strike” peaked at 240 posts on Thu 19 Nov, 11:00.')
  })

  it('says how much a rising influencer gained, and in which community', () => {
    expect(factSentence({ kind: 'rising', handle: '@lina@social.example', change: 32.4, newcomer: false, communityTerms: ['climate', 'strike'] }))
      .toBe('@lina@social.example gained 32.4 points of influence, in the community around climate, strike.')
    expect(factSentence({ kind: 'rising', handle: '@kenji.bsky.example', change: 55, newcomer: true, communityTerms: [] }))
      .toBe('@kenji.bsky.example is new among the influencers with a score of 55.')
  })

  it('counts published against planned versions and names the languages left out', () => {
    expect(factSentence({ kind: 'content', planned: 11, published: 8, unpublishedLangs: ['ar', 'ja'] }))
      .toBe('8 of 11 planned language versions were published; nothing went out in Arabic and Japanese.')
    expect(factSentence({ kind: 'content', planned: 3, published: 3, unpublishedLangs: [] })).toBe('3 of 3 planned language versions were published.')
    expect(factSentence({ kind: 'content', planned: 0, published: 0, unpublishedLangs: [] })).toBe('No content was planned for the week.')
  })

  it('keeps a line break in a name from starting a new line', () => {
    expect(factSentence({ kind: 'topicUp', topic: 'Floods\r\nBcc: x@example.org', posts: 2, previous: 1 })).not.toMatch(/[\r\n]/)
  })
})

describe('digestSubject', () => {
  it('names the week, its days and the posts with their change', () => {
    expect(digestSubject(sampleDigest())).toBe('Chorus weekly digest 2026-W47 (16–22 Nov 2026): 4,210 posts, +12%')
  })

  it('leaves the change out when there is nothing to compare with', () => {
    expect(digestSubject(emptyDigest())).toBe('Chorus weekly digest 2026-W47 (16–22 Nov 2026): 0 posts')
  })
})

describe('digestText', () => {
  const text = digestText(sampleDigest(), { publicUrl })

  it('heads with the week and the headline figures against the week before', () => {
    expect(text.startsWith('Chorus weekly digest 2026-W47\n16–22 Nov 2026 (Europe/Paris), compared with 2026-W46 (9–15 Nov 2026)')).toBe(true)
    expect(text).toMatch(/ {2}Posts +4,210 +\+12% +3,759\n/)
    expect(text).toMatch(/ {2}Engagement +58,320 +\+14% +51,100\n/)
    expect(text).toMatch(/ {2}Net sentiment +\+0\.08 +\+0\.08 +0\.00\n/)
  })

  it('lists every fact of what changed', () => {
    for (const fact of sampleDigest().summary) expect(text).toContain(`  - ${factSentence(fact, sampleDigest())}`)
  })

  it('aligns the topic and language tables, wide characters counted twice', () => {
    const topics = text.split('\n').filter((line) => /^ {2}(Topic|Climate strike|Housing|<script>)/.test(line))
    expect(topics).toHaveLength(4)
    // Every row's figures end in the same column.
    const ends = topics.map((line) => [...line].reduce((width, char) => width + (/[\u4e00-\u9fff]/.test(char) ? 2 : 1), 0))
    expect(new Set(ends).size).toBe(1)
    expect(text).toMatch(/ {2}Japanese +510 +\+42% +359 +6,000/)
  })

  it('gives spikes with their drivers, top posts and rising influencers', () => {
    expect(text).toContain('  - Climate strike (all languages): 610 posts on Thu 19 Nov, 09:00–13:00, peak 240 at 11:00; usually about 18 per hour (z = 9.7)')
    expect(text).toContain('      Terms: general strike (120, ×8.5), <b>march</b> (64, ×4.3)')
    expect(text).toContain('  1. @ana@mastodon.example (Ana Lima) · mastodon · 3,450 interactions · English')
    expect(text).toContain('     https://mastodon.example/@ana/101')
    expect(text).toContain('@lina@social.example (Lina): score 72.5 (+32.4 from 40.1), rank 3 (was 12); community: climate, strike, <b>march</b>')
    expect(text).toContain('@kenji.bsky.example: new, score 55, rank 5')
  })

  it('never prints a link that is not http(s)', () => {
    expect(text).not.toContain('javascript:')
    expect(webAddress('javascript:alert(1)')).toBeNull()
    expect(webAddress('data:text/html,x')).toBeNull()
    expect(webAddress('https://example.org/a b')).toBe('https://example.org/a%20b')
  })

  it('gives communities and content planned against published per language', () => {
    expect(text).toContain('  Network this week: 1,312 authors, 4,800 ties, 3 communities, modularity 0.41.')
    expect(text).toContain('  - Community 1: 240 members · climate, strike, <b>march</b> · #climatestrike · English 60%, Arabic 30%, French 10% · 1 rising')
    expect(text).toMatch(/ {2}Arabic +2 +0\n/)
    expect(text).toContain('  - Strike day explainer · Wed 18 Nov, 09:00 · English published, French published, Arabic translating')
  })

  it('ends with the link to the digest page', () => {
    expect(text.trimEnd().split('\n').at(-1)).toBe('Open the digest in Chorus: https://chorus.example.org/digest/2026-W47')
  })

  it('reads sensibly for an empty week', () => {
    const empty = digestText(emptyDigest(), { publicUrl })
    expect(empty).toMatch(/ {2}Posts +0 +– +0\n/)
    expect(empty).toContain('  - A quiet week: nothing changed enough against the week before to stand out.')
    expect(empty).toContain('SPIKES\n  None this week.')
    expect(empty).toContain('TOP POSTS\n  None this week.')
    expect(empty).not.toMatch(/NaN|undefined|null|Infinity/)
  })
})

describe('formatting helpers', () => {
  it('writes changes signed, and "new" or "–" where there is no base', () => {
    expect([formatChange(112, 100), formatChange(75, 100), formatChange(100, 100), formatChange(5, 0), formatChange(0, 0)]).toEqual(['+12%', '-25%', '±0%', 'new', '–'])
  })

  it('writes week ranges across months and years', () => {
    expect(weekRange({ monday: '2026-11-30', sunday: '2026-12-06' })).toBe('30 Nov – 6 Dec 2026')
    expect(weekRange({ monday: '2025-12-29', sunday: '2026-01-04' })).toBe('29 Dec 2025 – 4 Jan 2026')
  })

  it('pads table columns to the widest cell', () => {
    expect(table(['a', 'n'], [['long name', '1'], ['b', '1,000']], ['left', 'right'])).toEqual(['  a              n', '  long name      1', '  b          1,000'])
  })
})
