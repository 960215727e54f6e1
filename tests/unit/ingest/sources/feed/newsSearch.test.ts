import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { googleNewsSearchFeeds, googleNewsSearchUrl, newsSearchSchema } from '../../../../../ingest/sources/feed/newsSearch'

function params(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams)
}

describe('googleNewsSearchUrl', () => {
  it('builds a search feed whose hl, gl and ceid agree', () => {
    const url = googleNewsSearchUrl({ query: 'inondations Dakar', language: 'fr', country: 'SN' })
    expect(url).toBe('https://news.google.com/rss/search?q=inondations+Dakar&hl=fr-SN&gl=SN&ceid=SN%3Afr')
    expect(params(url)).toEqual({ q: 'inondations Dakar', hl: 'fr-SN', gl: 'SN', ceid: 'SN:fr' })
  })

  it('normalises the case and the old codes people type', () => {
    expect(params(googleNewsSearchUrl({ query: 'x', language: 'PT', country: 'br' }))).toMatchObject({ hl: 'pt-BR', gl: 'BR', ceid: 'BR:pt' })
    expect(params(googleNewsSearchUrl({ query: 'x', language: 'iw', country: 'IL' }))).toMatchObject({ hl: 'he-IL', ceid: 'IL:he' })
    expect(params(googleNewsSearchUrl({ query: 'x', language: 'en', country: 'UK' }))).toMatchObject({ gl: 'GB', ceid: 'GB:en' })
  })

  it('keeps search operators and non-Latin queries intact', () => {
    const url = googleNewsSearchUrl({ query: '"تغير المناخ" when:7d -site:example.com', language: 'ar', country: 'EG' })
    expect(params(url).q).toBe('"تغير المناخ" when:7d -site:example.com')
  })

  it('accepts another base URL, for tests and mirrors', () => {
    expect(googleNewsSearchUrl({ query: 'x', language: 'sw', country: 'KE' }, 'http://127.0.0.1:8080/rss/search')).toMatch(/^http:\/\/127\.0\.0\.1:8080\/rss\/search\?q=x&hl=sw-KE/)
  })

  it.each([
    [{ query: 'x', language: 'xx', country: 'FR' }, 'language'],
    [{ query: 'x', language: 'french', country: 'FR' }, 'language'],
    [{ query: 'x', language: 'und', country: 'FR' }, 'language'],
    [{ query: 'x', language: 'fr', country: 'XX' }, 'country'],
    [{ query: 'x', language: 'fr', country: 'EU' }, 'country'],
    [{ query: 'x', language: 'fr', country: 'FRA' }, 'country'],
    [{ query: '   ', language: 'fr', country: 'FR' }, 'query'],
  ])('refuses %j, pointing at the %s', (input, field) => {
    const result = newsSearchSchema.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([field])
    expect(() => googleNewsSearchUrl(input)).toThrow(ZodError)
  })
})

describe('googleNewsSearchFeeds', () => {
  it('makes one feed per edition', () => {
    const feeds = googleNewsSearchFeeds('vaccination', [{ language: 'fr', country: 'CI' }, { language: 'en', country: 'NG' }, { language: 'ha', country: 'NG' }])
    expect(feeds.map((f) => [f.language, f.country, params(f.url).ceid])).toEqual([['fr', 'CI', 'CI:fr'], ['en', 'NG', 'NG:en'], ['ha', 'NG', 'NG:ha']])
  })
})
