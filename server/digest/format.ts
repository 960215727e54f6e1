import { type DigestData, type DigestSpike, type WeekBounds, netSentiment, relativeChange } from '../../shared/digest'
import { languageName } from '../../shared/languages'

// Figures and phrases of the English digest, shared by its plain text (text.ts) and its HTML
// (html.ts) so both say the same thing the same way. Strings that come from users and posts
// are flattened to one line here; the HTML escapes them on top.

const count = new Intl.NumberFormat('en')
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' })
const share = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 })
const signed = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' })
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 })
const signedOneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1, signDisplay: 'exceptZero' })

export function formatCount(value: number): string {
  return count.format(value)
}

/** "+12%", "-25%", "±0%"; "new" when there was nothing before, "–" when there is nothing at all. */
export function formatChange(current: number, previous: number): string {
  const change = relativeChange(current, previous)
  if (change === null) return current === 0 ? '–' : 'new'
  return change === 0 ? '±0%' : percent.format(change)
}

/** Net sentiment from −1 to +1 with two decimals, or "n/a" when no post was scored. */
export function formatNet(net: number | null): string {
  return net === null ? 'n/a' : signed.format(net)
}

export function formatScore(value: number): string {
  return oneDecimal.format(value)
}

/** A language code as its English name, e.g. "Japanese"; unknown codes read as themselves. */
export function languageLabel(code: string | null): string {
  if (code === null) return 'unknown language'
  if (code === '*') return 'all languages'
  return languageName(code)
}

/** No control characters (a line break would start a new line or header), shortened. */
export function oneLine(value: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim()
  // By code point, so a cut never splits an emoji or a CJK extension character in two.
  const chars = [...flat]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat
}

export function digestUrl(publicUrl: string, week: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/digest/${encodeURIComponent(week)}`
}

const dayRange = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/** "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "29 Dec 2025 – 4 Jan 2026". */
export function weekRange(week: Pick<WeekBounds, 'monday' | 'sunday'>): string {
  const range = dayRange.formatRange(new Date(`${week.monday}T00:00:00Z`), new Date(`${week.sunday}T00:00:00Z`))
  return range.replace(/\s/g, ' ').replace(/^(\d+) – /, '$1–')
}

/** An instant as the reader of the week's zone sees it: "Thu 19 Nov, 11:00". */
export function zonedTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
    .format(new Date(iso))
}

export interface HeadlineFigure {
  label: string
  value: string
  change: string
  previous: string
}

/** Posts, engagement, authors and net sentiment, with the week before. */
export function headlineFigures(data: DigestData): HeadlineFigure[] {
  const { current, previous } = data.totals
  const figure = (label: string, key: 'posts' | 'engagement' | 'authors'): HeadlineFigure => ({
    label, value: formatCount(current[key]), change: formatChange(current[key], previous[key]), previous: formatCount(previous[key]),
  })
  const net = netSentiment(current.sentiment)
  const previousNet = netSentiment(previous.sentiment)
  return [
    figure('Posts', 'posts'),
    figure('Engagement', 'engagement'),
    figure('Authors', 'authors'),
    { label: 'Net sentiment', value: formatNet(net), change: net !== null && previousNet !== null ? signed.format(net - previousNet) : '–', previous: formatNet(previousNet) },
  ]
}

export function spikeWindow(spike: Pick<DigestSpike, 'start' | 'end'>, timeZone: string): string {
  const start = zonedTime(spike.start, timeZone)
  const end = zonedTime(spike.end, timeZone)
  // Same day: show the day once ("Thu 19 Nov, 09:00–13:00").
  const [startDay, startTime] = start.split(', ')
  const [endDay, endTime] = end.split(', ')
  return startDay === endDay ? `${startDay}, ${startTime}–${endTime}` : `${start} – ${end}`
}

const DRIVER_LABELS: Record<string, string> = { terms: 'Terms', hashtags: 'Hashtags', authors: 'Authors', links: 'Links', domains: 'Domains', languages: 'Languages' }

export function driverLabel(dimension: string): string {
  return DRIVER_LABELS[dimension] ?? dimension
}

/** The drivers of a spike worth listing: dimensions that have any, at most `shown` each. */
export function spikeDrivers(spike: DigestSpike, shown = 5): Array<{ dimension: string, label: string, drivers: string[] }> {
  return Object.entries(spike.drivers)
    .filter(([, drivers]) => drivers.length > 0)
    .map(([dimension, drivers]) => ({
      dimension,
      label: driverLabel(dimension),
      drivers: drivers.slice(0, shown).map((driver) => `${oneLine(dimension === 'languages' ? languageLabel(driver.key) : driver.key, 80)} (${formatCount(driver.spike)}, ×${oneDecimal.format(driver.lift)})`),
    }))
}

export function spikeSummary(spike: DigestSpike, timeZone: string): string {
  return `${formatCount(spike.total)} ${plural(spike.total, 'post')} on ${spikeWindow(spike, timeZone)}, peak ${formatCount(spike.peakCount)} at ${zonedTime(spike.peakAt, timeZone).split(', ')[1]}; usually about ${formatBaseline(spike.baseline)} per ${spike.granularity} (z = ${spike.z.toFixed(1)})`
}

function formatBaseline(baseline: number): string {
  return baseline < 10 ? oneDecimal.format(baseline) : formatCount(Math.round(baseline))
}

export function postByline(post: DigestData['topPosts'][number]): string {
  const name = post.authorName ? ` (${oneLine(post.authorName, 80)})` : ''
  return `${oneLine(post.handle, 100)}${name} · ${post.platform} · ${formatCount(post.engagement)} ${plural(post.engagement, 'interaction')} · ${languageLabel(post.lang)}`
}

export function risingChange(influencer: DigestData['network']['rising'][number]): string {
  if (influencer.previousScore === null) return `new, score ${formatScore(influencer.score)}`
  return `score ${formatScore(influencer.score)} (${signedOneDecimal.format(influencer.change)} from ${formatScore(influencer.previousScore)})`
}

export function risingRank(influencer: DigestData['network']['rising'][number]): string {
  return influencer.previousRank === null ? `rank ${influencer.rank}` : `rank ${influencer.rank} (was ${influencer.previousRank})`
}

/** The words a community is known by: its top terms, or its number when it has none. */
export function communityTerms(data: DigestData, community: number, shown = 3): string {
  const terms = data.network.communities.find((c) => c.community === community)?.terms.slice(0, shown).map((term) => oneLine(term, 40)) ?? []
  return terms.length ? terms.join(', ') : `community ${community}`
}

export function networkSummary(network: DigestData['network']['current']): string {
  const modularity = network.modularity === null ? '' : `, modularity ${network.modularity.toFixed(2)}`
  return `${formatCount(network.authors)} ${plural(network.authors, 'author')}, ${formatCount(network.ties)} ${plural(network.ties, 'tie')}, ${formatCount(network.communities)} ${plural(network.communities, 'community', 'communities')}${modularity}`
}

export function communityLanguages(languages: ReadonlyArray<{ lang: string, share: number }>): string {
  return languages.slice(0, 3).map((language) => `${languageLabel(language.lang)} ${share.format(language.share)}`).join(', ')
}

type Align = 'left' | 'right'

/** Columns padded to their widest cell, counting East Asian characters as two columns. */
export function table(head: string[], rows: string[][], align: Align[]): string[] {
  const all = [head, ...rows]
  const widths = head.map((_, column) => Math.max(...all.map((row) => displayWidth(row[column] ?? ''))))
  const line = (row: string[]) => `  ${row.map((cell, column) => pad(cell, widths[column]!, align[column] ?? 'left')).join('  ')}`.trimEnd()
  return all.map(line)
}

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u

function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += WIDE.test(char) ? 2 : 1
  return width
}

function pad(text: string, width: number, align: Align): string {
  const space = ' '.repeat(Math.max(0, width - displayWidth(text)))
  return align === 'right' ? space + text : text + space
}

export function plural(value: number, one: string, many = `${one}s`): string {
  return value === 1 ? one : many
}

export function listOf(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

