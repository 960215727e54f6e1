import { describe, expect, it } from 'vitest'
import { summarize } from '../../server/digest/summary'
import type { DigestData } from '../../shared/digest'
import { emptyDigest, HOSTILE_TOPIC, sampleDigest } from '../server/digest/sample'

// "What changed" is built from the digest's own figures: which facts, in which order, with
// which numbers, on the hand-built week of tests/server/digest/sample.ts.

const figuresOf = ({ summary: _summary, ...data }: DigestData) => data

describe('summarize', () => {
  it('states the volume, the mood, the biggest moves each way, the strongest spike, the top riser and the plan', () => {
    const data = sampleDigest()
    expect(summarize(figuresOf(data))).toEqual([
      { kind: 'volume', posts: 4210, previous: 3759 },
      // (1200 − 900) ÷ 3600 scored posts, against (1000 − 1000) ÷ 3300.
      { kind: 'sentiment', net: 300 / 3600, previousNet: 0 },
      { kind: 'topicUp', topic: 'Climate strike', posts: 2100, previous: 1500 },
      { kind: 'topicDown', topic: HOSTILE_TOPIC, posts: 900, previous: 1200 },
      // English and French both gained 200: the first listed (the larger) is named.
      { kind: 'languageUp', lang: 'en', posts: 2000, previous: 1800 },
      { kind: 'languageDown', lang: 'ar', posts: 600, previous: 700 },
      { kind: 'spikes', count: data.spikes.length, topic: 'Climate strike', peakCount: data.spikes[0]!.peakCount, peakAt: data.spikes[0]!.peakAt },
      { kind: 'rising', handle: data.network.rising[0]!.handle, change: 32.4, newcomer: false, communityTerms: ['climate', 'strike', '<b>march</b>'] },
      // 5 + 3 + 2 + 1 planned, 4 + 3 + 0 + 1 published; English and Arabic kept something back.
      { kind: 'content', planned: 11, published: 8, unpublishedLangs: ['en', 'ar'] },
    ])
  })

  it('leaves out what did not happen: no fall when nothing fell, no mood without scored posts, no plan', () => {
    const data = sampleDigest()
    for (const row of [...data.topics, ...data.languages]) row.previous = { ...row.previous, posts: Math.min(row.previous.posts, row.current.posts) }
    data.totals.current.sentiment = { positive: 0, negative: 0, neutral: 0, none: data.totals.current.posts }
    data.spikes = []
    data.network.rising = []
    data.content.rows = []
    const kinds = summarize(figuresOf(data)).map((fact) => fact.kind)
    expect(kinds).toEqual(['volume', 'topicUp', 'languageUp'])
  })

  it('calls a week with no posts either side quiet, and still reports the plan', () => {
    const data = emptyDigest()
    expect(summarize(figuresOf(data))).toEqual([{ kind: 'quiet' }])
    data.content.rows = [{ lang: 'sw', planned: 2, published: 0 }]
    expect(summarize(figuresOf(data))).toEqual([{ kind: 'quiet' }, { kind: 'content', planned: 2, published: 0, unpublishedLangs: ['sw'] }])
  })
})
