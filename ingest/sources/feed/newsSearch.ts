import { z } from 'zod'

// News-search feeds per language and country, to be added as ordinary feed sources.
//
// Google News serves search results as RSS at https://news.google.com/rss/search with four
// parameters: q (the query; operators such as when:7d and site: are part of it), hl (interface
// language), gl (country) and ceid (the edition, COUNTRY:language). The three locale parameters
// must agree or Google picks an edition of its own.
//
// Our rule, one regular form for every pair:  hl = language-COUNTRY,  gl = COUNTRY,
// ceid = COUNTRY:language  (e.g. fr + SN → hl=fr-SN&gl=SN&ceid=SN:fr). The rule is ours: Google's
// own edition links vary (hl=fr for Senegal, ceid=BR:pt-419 for Brazil, zh-Hant for Taiwan) and
// are not reproduced here.

export const GOOGLE_NEWS_SEARCH = 'https://news.google.com/rss/search'

// Intl knows the ISO 639 and ISO 3166 codes (through CLDR), so no list is kept here.
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' })
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })
// Codes that name no single language or no country.
const NOT_A_LANGUAGE = new Set(['und', 'mul', 'mis', 'zxx'])
const NOT_A_COUNTRY = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO'])

function canonicalLanguage(value: string): string {
  try {
    return Intl.getCanonicalLocales(value)[0]?.toLowerCase() ?? value // "iw" → "he"
  }
  catch {
    return value
  }
}

export const languageCode = z
  .string()
  .trim()
  .toLowerCase()
  .transform(canonicalLanguage)
  .refine(
    (code) => /^[a-z]{2,3}$/.test(code) && !NOT_A_LANGUAGE.has(code) && languageNames.of(code) !== undefined,
    { error: 'the language must be an ISO 639 code such as fr, pt or sw' },
  )

export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  // "UK" is reserved in ISO 3166-1 for the United Kingdom, whose code is GB.
  .transform((code) => (code === 'UK' ? 'GB' : code))
  .refine(
    (code) => /^[A-Z]{2}$/.test(code) && !NOT_A_COUNTRY.has(code) && regionNames.of(code) !== undefined,
    { error: 'the country must be an ISO 3166-1 alpha-2 code such as SN, BR or IN' },
  )

export const newsSearchSchema = z.object({
  query: z.string().trim().min(1, 'a search query is needed').max(500, 'the query is longer than 500 characters'),
  language: languageCode,
  country: countryCode,
})

export type NewsSearch = z.input<typeof newsSearchSchema>

/** The RSS URL of a Google News search in one language and country; throws a ZodError on bad input. */
export function googleNewsSearchUrl(search: NewsSearch, base: string = GOOGLE_NEWS_SEARCH): string {
  const { query, language, country } = newsSearchSchema.parse(search)
  const url = new URL(base)
  url.searchParams.set('q', query)
  url.searchParams.set('hl', `${language}-${country}`)
  url.searchParams.set('gl', country)
  url.searchParams.set('ceid', `${country}:${language}`)
  return url.toString()
}

export interface NewsSearchFeed {
  language: string
  country: string
  url: string
}

/** One search, one feed per edition (language and country pair). */
export function googleNewsSearchFeeds(query: string, editions: { language: string, country: string }[]): NewsSearchFeed[] {
  return editions.map((edition) => {
    const { language, country } = newsSearchSchema.parse({ query, ...edition })
    return { language, country, url: googleNewsSearchUrl({ query, language, country }) }
  })
}
