import { describe, expect, it } from 'vitest'
import { cid, did, snowflake, tid } from '../../../../ingest/demo/formats/ids'
import { LANGS, TOPICS } from '../../../../ingest/demo/model'
import { hashString, Random, WeightedTable } from '../../../../ingest/demo/random'
import { fill, groupDigits, myriadDigits, postBody, type TextContext } from '../../../../ingest/demo/text/compose'
import { PACKS, SPIKE_TEXT } from '../../../../ingest/demo/text/index'

const SLOTS = new Set(['place', 'org', 'num', 'pct', 'money', 'when', '@'])
// Japanese by its kana: a line of kanji alone could be Chinese to a language detector.
const SCRIPT = { ar: /\p{Script=Arabic}/u, hi: /\p{Script=Devanagari}/u, ja: /[\p{Script=Hiragana}\p{Script=Katakana}]/u } as const

function context(lang: (typeof LANGS)[number], seed = 1): TextContext {
  return { random: new Random(seed), lang, topic: 'health', spike: false, places: ['Kisumu'], nativeDigits: false }
}

describe('the seeded generator', () => {
  it('repeats its sequence for a seed and derives independent streams by label', () => {
    const a = new Random(7)
    const b = new Random(7)
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()))
    expect(Random.derive(7, 'posts').next()).not.toBe(Random.derive(7, 'world').next())
    expect(hashString('chorus')).toBe(hashString('chorus'))
  })

  it('draws from a weighted table in proportion to the weights', () => {
    const table = new WeightedTable(['rare', 'common'], (item) => (item === 'rare' ? 1 : 9))
    const random = new Random(3)
    let common = 0
    for (let i = 0; i < 10_000; i++) if (table.pick(random) === 'common') common++
    expect(common / 10_000).toBeCloseTo(0.9, 1)
  })
})

describe('platform identifiers', () => {
  it('sort by time like the real ones', () => {
    expect(tid(1_700_000_000_000, 5)).toHaveLength(13)
    expect(tid(1_700_000_000_001, 0) > tid(1_700_000_000_000, 999)).toBe(true)
    expect(BigInt(snowflake(1_700_000_000_001, 0)) > BigInt(snowflake(1_700_000_000_000, 0xffff))).toBe(true)
    expect(cid(1)).toMatch(/^bafyrei[a-z2-7]{52}$/)
    expect(did(1)).toMatch(/^did:plc:[a-z2-7]{24}$/)
  })
})

describe('language packs', () => {
  it('cover every topic in every language with enough distinct lines', () => {
    for (const lang of LANGS) {
      const pack = PACKS[lang]
      for (const topic of TOPICS) {
        const text = pack.topics[topic]
        expect(text.facts.length, `${lang} ${topic}`).toBeGreaterThanOrEqual(4)
        expect(text.views.length, `${lang} ${topic}`).toBeGreaterThanOrEqual(4)
        expect(text.headlines.length, `${lang} ${topic}`).toBeGreaterThanOrEqual(4)
        expect(text.questions.length).toBeGreaterThanOrEqual(2)
        expect(new Set([...text.facts, ...text.views]).size).toBe(text.facts.length + text.views.length)
        for (const tag of text.hashtags) expect(tag).toMatch(/^[\p{L}\p{M}\p{N}_]+$/u)
      }
      for (const list of [pack.leads, pack.closers, pack.replies, pack.quotes, pack.when, pack.orgs, pack.mentionLines]) expect(list.length).toBeGreaterThanOrEqual(5)
    }
  })

  it('use only known slots, and {@} only where a mention goes', () => {
    for (const pack of Object.values(PACKS)) {
      const texts = [...Object.values(pack.topics).flatMap((t) => [...t.facts, ...t.views, ...t.headlines, ...t.questions]), ...pack.leads, ...pack.closers, ...pack.replies, ...pack.quotes]
      for (const text of texts) {
        for (const [, slot] of text.matchAll(/\{([^}]*)\}/g)) expect(SLOTS.has(slot!) && slot !== '@', `${pack.lang}: ${text}`).toBe(true)
      }
      for (const line of pack.mentionLines) expect(line.split('{@}')).toHaveLength(2)
    }
    for (const spike of Object.values(SPIKE_TEXT)) expect(spike.hashtags).toContain('Kipindupindu')
  })

  it('write Arabic, Hindi and Japanese in their own scripts', () => {
    for (const lang of ['ar', 'hi', 'ja'] as const) {
      for (const topic of Object.values(PACKS[lang].topics)) {
        for (const text of [...topic.facts, ...topic.views, ...topic.headlines]) expect(text, text).toMatch(SCRIPT[lang])
      }
    }
    const ja = PACKS.ja
    for (const text of [...ja.replies, ...ja.quotes, ...ja.closers]) expect(text, text).toMatch(SCRIPT.ja)
  })

  it('write Japanese without spaces between words or sentences', () => {
    const ctx = context('ja')
    for (let i = 0; i < 50; i++) expect(postBody(ctx, 400)).not.toMatch(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}、。] +[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u)
  })
})

describe('composition', () => {
  it('fills every slot', () => {
    for (const lang of LANGS) {
      const ctx = context(lang)
      for (let i = 0; i < 50; i++) expect(postBody(ctx, 400)).not.toMatch(/[{}]/)
    }
  })

  it('writes numbers the way each language groups digits', () => {
    expect(groupDigits(1_234_500, ',')).toBe('1,234,500')
    expect(groupDigits(1_234_500, '.')).toBe('1.234.500')
    expect(groupDigits(1_234_500, ',', true)).toBe('12,34,500')
    expect(groupDigits(900, ',')).toBe('900')
    expect(myriadDigits(12_000, ',')).toBe('1万2,000')
    expect(myriadDigits(250_000, ',')).toBe('25万')
    expect(myriadDigits(1_234_500, ',')).toBe('123万4,500')
  })

  it('can write Arabic-Indic digits', () => {
    const ctx = { ...context('ar'), nativeDigits: true }
    expect(fill('{num}', ctx)).toMatch(/^[٠-٩,]+$/)
  })
})
