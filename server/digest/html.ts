import type { DigestBreakdownRow, DigestData, DigestPost, DigestSpike } from '../../shared/digest'
import { netSentiment } from '../../shared/digest'
import { DIGEST_CHART_ROWS } from '../../shared/digest-charts'
import { HEX_COLOUR } from '../../shared/palette'
import { webAddress } from '../../shared/web-address'
import { escapeHtml } from '../alerts/message'
import {
  communityLanguages, communityTerms, digestUrl, formatChange, formatCount, formatNet, headlineFigures, languageLabel, networkSummary,
  oneLine, postByline, risingChange, risingRank, spikeDrivers, spikeSummary, weekRange, zonedTime,
} from './format'
import { factSentence } from './text'

// The digest as an HTML e-mail. Mail clients keep little of CSS (no stylesheets in Gmail's app,
// Word's engine in Outlook), so the layout is nested tables with inline styles, 640 px at most.
// Every string from users or posts goes through escapeHtml, and only http(s) links become
// links, so a hostile post shows as text.

/** A chart picture the HTML shows: its Content-ID and its size in CSS pixels. */
export interface DigestHtmlImage {
  cid: string
  width: number
  height: number
}

export type DigestHtmlImages = Partial<Record<'daily' | 'languages' | 'topics' | 'content', DigestHtmlImage>>

const FONT = 'font-family:-apple-system,\'Segoe UI\',Roboto,\'DejaVu Sans\',\'Noto Sans\',Arial,sans-serif'
const INK = '#0f172a'
const MUTED = '#64748b'
const RULE = '#e2e8f0'
const LINK = '#0f766e'
const CELL = `padding:6px 8px;border-bottom:1px solid ${RULE};font-size:13px;vertical-align:top`
const NUMBER = `${CELL};text-align:right;white-space:nowrap`
const HEAD = `padding:6px 8px;border-bottom:2px solid ${RULE};font-size:12px;color:${MUTED};font-weight:600`

export function digestHtml(data: DigestData, options: { publicUrl: string, subject: string, images: DigestHtmlImages }): string {
  const url = digestUrl(options.publicUrl, data.week.week)
  const { images } = options
  const sections = [
    header(data),
    section('This week', headline(data) + image(images.daily, dailyAlt(data))),
    section('What changed', list(data.summary.map((fact) => escapeHtml(factSentence(fact, data))))),
    section('Topics', breakdown('Topic', data.topics, topicName) + image(images.topics, breakdownAlt('Posts per topic', data.topics, (row) => row.label))),
    section('Languages', breakdown('Language', data.languages, (row) => escapeHtml(languageLabel(row.key))) + image(images.languages, breakdownAlt('Posts per language', data.languages, (row) => languageLabel(row.key)))),
    section('Spikes', data.spikes.map((spike) => spikeHtml(spike, data.week.timeZone)).join('')),
    section('Top posts', data.topPosts.map((post) => postHtml(post, data.week.timeZone)).join('')),
    section('Rising influencers', risingHtml(data)),
    section('Communities', communitiesHtml(data)),
    section('Content: planned and published', contentHtml(data, image(images.content, contentAlt(data)))),
    footer(url),
  ]
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(options.subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f1f5f9">
<tr><td align="center" style="padding:24px 8px">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:640px;background:#ffffff;border:1px solid ${RULE};border-radius:8px;${FONT};color:${INK};line-height:1.45">
${sections.join('\n')}
</table>
</td></tr>
</table>
</body>
</html>
`
}

function row(content: string, style = ''): string {
  return `<tr><td style="padding:0 24px 20px;${style}">${content}</td></tr>`
}

function header(data: DigestData): string {
  return row(`<p style="margin:0;font-size:12px;color:${MUTED};text-transform:uppercase;letter-spacing:.05em">Chorus weekly digest</p>
<h1 style="margin:4px 0 0;font-size:22px;font-weight:700">${escapeHtml(data.week.week)} · ${escapeHtml(weekRange(data.week))}</h1>
<p style="margin:4px 0 0;font-size:13px;color:${MUTED}">${escapeHtml(data.week.timeZone)} · compared with ${escapeHtml(data.previousWeek.week)} (${escapeHtml(weekRange(data.previousWeek))})</p>`, 'padding-top:24px')
}

function section(title: string, body: string): string {
  const content = body.trim() === '' ? `<p style="margin:0;font-size:13px;color:${MUTED}">None this week.</p>` : body
  return row(`<h2 style="margin:0 0 8px;padding-top:16px;border-top:1px solid ${RULE};font-size:16px;font-weight:700">${escapeHtml(title)}</h2>\n${content}`)
}

function footer(url: string): string {
  return row(`<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td style="background:${LINK};border-radius:6px">
<a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;color:#ffffff;text-decoration:none;font-weight:600;font-size:14px">Open the digest in Chorus</a>
</td></tr></table>
<p style="margin:12px 0 0;font-size:12px;color:${MUTED}">You get this e-mail because you subscribed to the weekly digest in Chorus. <a href="${escapeHtml(url)}" style="color:${LINK}">${escapeHtml(url)}</a></p>`, 'padding-top:8px;padding-bottom:24px')
}

function headline(data: DigestData): string {
  const cells = headlineFigures(data).map((figure) => `<td width="25%" style="padding:8px;vertical-align:top;border:1px solid ${RULE};border-radius:6px">
<div style="font-size:12px;color:${MUTED}">${escapeHtml(figure.label)}</div>
<div style="font-size:20px;font-weight:700">${escapeHtml(figure.value)}</div>
<div style="font-size:12px;color:${MUTED}"><strong style="color:${INK}">${escapeHtml(figure.change)}</strong> · before ${escapeHtml(figure.previous)}</div>
</td>`)
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="4" border="0" style="margin:0 0 12px"><tr>${cells.join('')}</tr></table>`
}

function image(picture: DigestHtmlImage | undefined, alt: string): string {
  if (!picture) return ''
  return `<img src="cid:${escapeHtml(picture.cid)}" width="${picture.width}" height="${picture.height}" alt="${escapeHtml(alt)}" style="display:block;width:100%;max-width:${picture.width}px;height:auto;border:0;margin:12px 0 0">`
}

function list(items: string[]): string {
  if (items.length === 0) return ''
  return `<ul style="margin:0;padding:0 0 0 20px;font-size:14px">${items.map((item) => `<li style="margin:0 0 4px">${item}</li>`).join('')}</ul>`
}

function table(head: string[], rows: string[][], numeric: boolean[]): string {
  if (rows.length === 0) return ''
  const th = head.map((cell, i) => `<th style="${HEAD};text-align:${numeric[i] ? 'right' : 'left'}">${escapeHtml(cell)}</th>`).join('')
  const body = rows.map((cells) => `<tr>${cells.map((cell, i) => `<td style="${numeric[i] ? NUMBER : CELL}">${cell}</td>`).join('')}</tr>`).join('\n')
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse">\n<tr>${th}</tr>\n${body}\n</table>`
}

function swatch(colour: string | null): string {
  const safe = colour && HEX_COLOUR.test(colour) ? colour : MUTED
  return `<span style="display:inline-block;width:10px;height:10px;border-radius:2px;background:${safe};margin-right:6px"></span>`
}

function topicName(row: DigestBreakdownRow): string {
  return `${swatch(row.color)}${escapeHtml(oneLine(row.label, 80))}`
}

function breakdown(title: string, rows: readonly DigestBreakdownRow[], name: (row: DigestBreakdownRow) => string): string {
  return table(
    [title, 'Posts', 'Change', 'Before', 'Net sentiment'],
    // Figures are formatted numbers: only the names need escaping.
    rows.map((r) => [
      name(r), formatCount(r.current.posts), formatChange(r.current.posts, r.previous.posts), formatCount(r.previous.posts),
      `${formatNet(netSentiment(r.current.sentiment))} <span style="color:${MUTED}">(${formatNet(netSentiment(r.previous.sentiment))})</span>`,
    ]),
    [false, true, true, true, true],
  )
}

function spikeHtml(spike: DigestSpike, timeZone: string): string {
  const drivers = spikeDrivers(spike).map((entry) => `<tr><td style="padding:2px 12px 2px 0;font-size:13px;color:${MUTED};vertical-align:top;white-space:nowrap">${escapeHtml(entry.label)}</td><td style="padding:2px 0;font-size:13px">${entry.drivers.map(escapeHtml).join(', ')}</td></tr>`)
  return `<div style="margin:0 0 12px">
<p style="margin:0;font-size:14px">${swatch(spike.topicColor)}<strong>${escapeHtml(oneLine(spike.topicName, 120))}</strong> <span style="color:${MUTED}">(${escapeHtml(languageLabel(spike.lang))})</span></p>
<p style="margin:2px 0 4px;font-size:13px">${escapeHtml(spikeSummary(spike, timeZone))}</p>
${drivers.length ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0">${drivers.join('')}</table>` : ''}
</div>`
}

function link(url: string | null, text: string): string {
  const safe = webAddress(url)
  return safe ? `<a href="${escapeHtml(safe)}" style="color:${LINK}">${text}</a>` : text
}

function postHtml(post: DigestPost, timeZone: string): string {
  const lang = post.lang ? ` lang="${escapeHtml(post.lang)}"` : ''
  const topics = post.topics.map((topic) => `${swatch(topic.color)}${escapeHtml(oneLine(topic.name, 60))}`).join(' &nbsp;')
  return `<div style="margin:0 0 14px;padding:10px 12px;border:1px solid ${RULE};border-radius:6px">
<p style="margin:0;font-size:13px;color:${MUTED}">${escapeHtml(postByline(post))} · ${link(post.url, escapeHtml(zonedTime(post.createdAt, timeZone)))}</p>
${post.title ? `<p style="margin:4px 0 0;font-size:14px;font-weight:600" dir="auto"${lang}>${escapeHtml(oneLine(post.title, 200))}</p>` : ''}
<p style="margin:4px 0 0;font-size:14px" dir="auto"${lang}>${escapeHtml(oneLine(post.text, 400))}</p>
${topics ? `<p style="margin:6px 0 0;font-size:12px;color:${MUTED}">${topics}</p>` : ''}
</div>`
}

function risingHtml(data: DigestData): string {
  return table(
    ['Author', 'Influence', 'Rank', 'Community'],
    data.network.rising.map((influencer) => {
      const name = influencer.name ? ` <span style="color:${MUTED}">${escapeHtml(oneLine(influencer.name, 80))}</span>` : ''
      return [
        `${link(influencer.profileUrl, escapeHtml(oneLine(influencer.handle, 100)))}${name}`,
        escapeHtml(risingChange(influencer)),
        escapeHtml(risingRank(influencer)),
        escapeHtml(communityTerms(data, influencer.community)),
      ]
    }),
    [false, false, false, false],
  )
}

function communitiesHtml(data: DigestData): string {
  const { current, previous, communities } = data.network
  if (current.authors === 0 && communities.length === 0) return ''
  const summary = `<p style="margin:0 0 8px;font-size:13px">This week: ${escapeHtml(networkSummary(current))}.<br><span style="color:${MUTED}">The week before: ${escapeHtml(networkSummary(previous))}.</span></p>`
  return summary + table(
    ['#', 'Members', 'Known for', 'Languages', 'Rising'],
    communities.map((community) => [
      String(community.community),
      formatCount(community.size),
      escapeHtml([...community.terms.slice(0, 5), ...community.hashtags.slice(0, 3)].map((term) => oneLine(term, 40)).join(', ') || '–'),
      escapeHtml(communityLanguages(community.languages)),
      formatCount(community.rising),
    ]),
    [true, true, false, false, true],
  )
}

function contentHtml(data: DigestData, chart: string): string {
  const { rows, items } = data.content
  const counts = table(['Language', 'Planned', 'Published'], rows.map((r) => [escapeHtml(languageLabel(r.lang)), formatCount(r.planned), formatCount(r.published)]), [false, true, true])
  const listed = list(items.map((item) => {
    const versions = item.versions.map((version) => `${languageLabel(version.lang)} ${version.status}`).join(', ')
    return `<strong>${escapeHtml(oneLine(item.title, 120))}</strong> <span style="color:${MUTED}">· ${escapeHtml(zonedTime(item.publishAt, item.timeZone))} · ${escapeHtml(versions || 'no language versions')}</span>`
  }))
  return counts + chart + (listed ? `<div style="margin-top:12px">${listed}</div>` : '')
}

// Alt texts say what the picture shows in words, for readers who cannot see it or whose mail
// client blocks pictures.
function dailyAlt(data: DigestData): string {
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
  return `Posts per day, this week (the week before): ${days.map((day, i) => `${day} ${formatCount(data.daily.current[i] ?? 0)} (${formatCount(data.daily.previous[i] ?? 0)})`).join(', ')}`
}

function breakdownAlt(title: string, rows: readonly DigestBreakdownRow[], name: (row: DigestBreakdownRow) => string): string {
  return `${title}, this week (the week before): ${rows.slice(0, DIGEST_CHART_ROWS).map((r) => `${oneLine(name(r), 60)} ${formatCount(r.current.posts)} (${formatCount(r.previous.posts)})`).join(', ')}`
}

function contentAlt(data: DigestData): string {
  return `Language versions planned and published: ${data.content.rows.map((r) => `${languageLabel(r.lang)} ${formatCount(r.published)} of ${formatCount(r.planned)}`).join(', ')}`
}
