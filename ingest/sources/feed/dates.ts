// Feed dates → ISO-8601 UTC. RSS uses RFC 822 dates (RSS 2.0 spec, "pubDate"), Atom and JSON Feed
// RFC 3339, RDF and Dublin Core W3C-DTF. In the wild, publishers translate RFC 822 day and month
// names (UOL writes "Seg, 24 Set 2018 19:42:40 -0300"), drop the zone, or write two-digit years.
// A date without a zone is read as UTC: the same input gives the same instant on every machine.

// Month names and abbreviations by their first three letters (accents removed), in English,
// Portuguese, Spanish, French, German, Italian and Dutch. French "juin"/"juil" need four.
const MONTHS: Record<string, number> = {
  jan: 1, ene: 1, gen: 1, janv: 1,
  feb: 2, fev: 2, fevr: 2,
  mar: 3, mrz: 3, mrt: 3,
  apr: 4, abr: 4, avr: 4,
  may: 5, mai: 5, mag: 5, mei: 5,
  jun: 6, giu: 6, juin: 6,
  jul: 7, lug: 7, juil: 7,
  aug: 8, ago: 8, aou: 8,
  sep: 9, set: 9,
  oct: 10, out: 10, okt: 10, ott: 10,
  nov: 11,
  dec: 12, dez: 12, dic: 12,
}

// RFC 822 §5.1 zone names, plus the European ones feeds use. Ambiguous names (IST, BST outside
// the UK) are not guessed: an unknown zone is read as UTC.
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  WET: 0, WEST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180,
}

const RFC822 = /^(?:[\p{L}]+\.?,?\s*)?(\d{1,2})\.?\s+([\p{L}]+)\.?,?\s+(\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?$/u
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

function monthNumber(name: string): number | undefined {
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  return MONTHS[plain.slice(0, 4)] ?? MONTHS[plain.slice(0, 3)]
}

/** Minutes east of UTC; none or an unknown name is UTC. */
function zoneOffset(zone: string | undefined): number {
  if (!zone) return 0
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0))
  return ZONES[zone.toUpperCase()] ?? 0
}

interface Parts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  ms: number
  offset: number
}

function toIso(p: Parts): string | null {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 || p.hour > 24 || p.minute > 59 || p.second > 60) return null
  const time = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, Math.min(p.second, 59), p.ms) - p.offset * 60_000
  const date = new Date(time)
  // Date.UTC rolls 31 February over into March: a day the month does not have is refused.
  return Number.isNaN(time) || new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDate() !== p.day ? null : date.toISOString()
}

// Each reader returns undefined when the string is not in its form, and null when it is but names
// an impossible date (31 February): such a date is refused, not handed to a more lenient reader.

function parseRfc822(raw: string): string | null | undefined {
  const m = RFC822.exec(raw)
  if (!m) return undefined
  const month = monthNumber(m[2]!)
  if (!month) return undefined
  let year = Number(m[3])
  // RFC 822 years have two digits; RFC 2822 §4.3 reads 00-49 as 20xx and 50-99 as 19xx.
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900
  return toIso({ year, month, day: Number(m[1]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0), ms: 0, offset: zoneOffset(m[7]) })
}

function parseIso(raw: string): string | null | undefined {
  const m = ISO.exec(raw)
  if (!m) return undefined
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0
  return toIso({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0), ms, offset: zoneOffset(m[8]) })
}

// V8's fallback date parser reads almost anything ("Item 3" is March 2001), so only strings with
// an English month name and a four-digit year reach it. Numeric forms like 09/05/2002 are
// ambiguous (US or European order) and are not guessed.
const LOOSE_ALLOWED = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b.*\b\d{4}\b|\b\d{4}\b.*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i

/** Other English forms the JavaScript date parser understands, read as UTC when they name no zone. */
function parseLoose(raw: string): string | null {
  if (!LOOSE_ALLOWED.test(raw)) return null
  const hasZone = /(?:\b(?:GMT|UTC|UT|Z)\b|[+-]\d{2}:?\d{2}\b)/i.test(raw)
  const time = Date.parse(hasZone ? raw : `${raw} UTC`)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

/** A feed date as ISO-8601 UTC, or null when it cannot be read. */
export function parseFeedDate(raw: string | null | undefined): string | null {
  const value = raw?.trim().replace(/\s+/g, ' ')
  if (!value) return null
  let iso = parseIso(value)
  if (iso === undefined) iso = parseRfc822(value)
  if (iso === undefined) iso = parseLoose(value)
  if (!iso) return null
  const year = Number(iso.slice(0, 4))
  return year >= 1900 && year < 10000 ? iso : null
}
