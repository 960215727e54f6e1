import { type DigestBreakdownRow, type DigestData, type DigestFact, type DigestSpike, type WeekFigures, netSentiment, relativeChange } from '../../shared/digest'
import { webAddress } from '../../shared/web-address'
import {
  communityLanguages, communityTerms, digestUrl, formatChange, formatCount, formatNet, formatScore, headlineFigures, languageLabel,
  listOf, networkSummary, oneLine, plural, postByline, risingChange, risingRank, spikeDrivers, spikeSummary, table, weekRange, zonedTime,
} from './format'

// The digest in English words: one sentence per fact, the subject line, and the plain-text
// digest the CLI prints and the e-mail carries as its text part. Names, handles, titles and
// post texts are flattened to one line, so a line break in a topic name cannot forge a line of
// the digest or, in the subject, a header.

export interface DigestTextOptions {
  /** CHORUS_PUBLIC_URL, where the digest page links go. */
  publicUrl: string
}

export function digestSubject(data: DigestData): string {
  const { current, previous } = data.totals
  const change = relativeChange(current.posts, previous.posts)
  const delta = change === null ? '' : `, ${formatChange(current.posts, previous.posts)}`
  return `Chorus weekly digest ${data.week.week} (${weekRange(data.week)}): ${formatCount(current.posts)} ${plural(current.posts, 'post')}${delta}`
}

/** One sentence of "what changed". `data` gives the week's zone for times; UTC without it. */
export function factSentence(fact: DigestFact, data?: Pick<DigestData, 'week'>): string {
  switch (fact.kind) {
    case 'quiet':
      return 'A quiet week: nothing changed enough against the week before to stand out.'
    case 'volume':
      return volumeSentence(fact.posts, fact.previous)
    case 'sentiment':
      return sentimentSentence(fact.net, fact.previousNet)
    case 'topicUp':
    case 'topicDown':
      return movementSentence(`Posts on “${oneLine(fact.topic, 120)}”`, fact.posts, fact.previous)
    case 'languageUp':
    case 'languageDown':
      return movementSentence(`Posts in ${languageLabel(fact.lang)}`, fact.posts, fact.previous)
    case 'spikes':
      return spikesSentence(fact, data?.week.timeZone ?? 'UTC')
    case 'rising':
      return risingSentence(fact)
    case 'content':
      return contentSentence(fact.planned, fact.published, fact.unpublishedLangs)
  }
}

function volumeSentence(posts: number, previous: number): string {
  if (posts === 0 && previous === 0) return 'No posts matched your topics this week or the week before.'
  if (previous === 0) return `${formatCount(posts)} ${plural(posts, 'post')} this week, after none the week before.`
  return `${formatCount(posts)} ${plural(posts, 'post')} this week, ${formatChange(posts, previous)} on the week before (${formatCount(previous)}).`
}

function sentimentSentence(net: number, previousNet: number | null): string {
  const now = `Net sentiment was ${formatNet(net)} (on a scale from −1, all negative, to +1, all positive)`
  if (previousNet === null) return `${now}; no post of the week before could be scored.`
  const difference = Math.round((net - previousNet) * 100) / 100
  if (difference === 0) return `${now}, as the week before.`
  return `${now}, ${difference > 0 ? 'up' : 'down'} from ${formatNet(previousNet)} the week before.`
}

function movementSentence(subject: string, posts: number, previous: number): string {
  if (previous === 0) return `${subject} went from none the week before to ${formatCount(posts)}.`
  const verb = posts > previous ? 'rose' : posts < previous ? 'fell' : 'held'
  return `${subject} ${verb} to ${formatCount(posts)} (${formatChange(posts, previous)} on ${formatCount(previous)} the week before).`
}

function spikesSentence(fact: Extract<DigestFact, { kind: 'spikes' }>, timeZone: string): string {
  const peak = `“${oneLine(fact.topic, 120)}” peaked at ${formatCount(fact.peakCount)} ${plural(fact.peakCount, 'post')} on ${zonedTime(fact.peakAt, timeZone)}`
  if (fact.count === 1) return `One spike: ${peak}.`
  return `${formatCount(fact.count)} spikes; the largest: ${peak}.`
}

function risingSentence(fact: Extract<DigestFact, { kind: 'rising' }>): string {
  const terms = fact.communityTerms.slice(0, 3).map((term) => oneLine(term, 40))
  const community = terms.length ? `, in the community around ${terms.join(', ')}` : ''
  const handle = oneLine(fact.handle, 100)
  if (fact.newcomer) return `${handle} is new among the influencers with a score of ${formatScore(fact.change)}${community}.`
  return `${handle} gained ${formatScore(fact.change)} ${plural(fact.change, 'point')} of influence${community}.`
}

function contentSentence(planned: number, published: number, unpublished: string[]): string {
  if (planned === 0) {
    return published === 0 ? 'No content was planned for the week.' : `No content was planned for the week, yet ${formatCount(published)} language ${plural(published, 'version')} went out.`
  }
  const done = `${formatCount(published)} of ${formatCount(planned)} planned language ${plural(planned, 'version')} ${published === 1 ? 'was' : 'were'} published`
  if (unpublished.length === 0) return `${done}.`
  return `${done}; nothing went out in ${listOf(unpublished.map(languageLabel))}.`
}

/** The plain-text digest, sections in the page's order. */
export function digestText(data: DigestData, options: DigestTextOptions): string {
  const sections = [
    header(data),
    section('This week', headline(data)),
    section('What changed', data.summary.map((fact) => `  - ${factSentence(fact, data)}`)),
    section('Topics', breakdownTable('Topic', data.topics, (row) => row.label)),
    section('Languages', breakdownTable('Language', data.languages, (row) => languageLabel(row.key))),
    section('Spikes', data.spikes.flatMap((spike) => spikeLines(spike, data.week.timeZone))),
    section('Top posts', data.topPosts.flatMap((post, index) => postLines(post, index, data.week.timeZone))),
    section('Rising influencers', risingLines(data)),
    section('Communities', communityLines(data)),
    section('Content: planned and published', contentLines(data)),
    `Open the digest in Chorus: ${digestUrl(options.publicUrl, data.week.week)}`,
  ]
  return `${sections.join('\n\n')}\n`
}

function header(data: DigestData): string {
  return [`Chorus weekly digest ${data.week.week}`, `${weekRange(data.week)} (${data.week.timeZone}), compared with ${data.previousWeek.week} (${weekRange(data.previousWeek)})`].join('\n')
}

function section(title: string, lines: string[]): string {
  return [title.toUpperCase(), ...(lines.length ? lines : ['  None this week.'])].join('\n')
}

function headline(data: DigestData): string[] {
  return table(
    ['', 'This week', 'Change', 'Week before'],
    headlineFigures(data).map((figure) => [figure.label, figure.value, figure.change, figure.previous]),
    ['left', 'right', 'right', 'right'],
  )
}

function breakdownTable(title: string, rows: readonly DigestBreakdownRow[], name: (row: DigestBreakdownRow) => string): string[] {
  if (rows.length === 0) return []
  return table(
    [title, 'Posts', 'Change', 'Before', 'Engagement', 'Net sentiment'],
    rows.map((row) => breakdownCells(row, name(row))),
    ['left', 'right', 'right', 'right', 'right', 'right'],
  )
}

function breakdownCells(row: DigestBreakdownRow, name: string): string[] {
  const { current, previous } = row
  return [oneLine(name, 32), formatCount(current.posts), formatChange(current.posts, previous.posts), formatCount(previous.posts), formatCount(current.engagement), netCell(current, previous)]
}

function netCell(current: WeekFigures, previous: WeekFigures): string {
  const net = netSentiment(current.sentiment)
  const before = netSentiment(previous.sentiment)
  return before === null ? formatNet(net) : `${formatNet(net)} (${formatNet(before)})`
}

function spikeLines(spike: DigestSpike, timeZone: string): string[] {
  return [
    `  - ${oneLine(spike.topicName, 120)} (${languageLabel(spike.lang)}): ${spikeSummary(spike, timeZone)}`,
    ...spikeDrivers(spike).map((entry) => `      ${entry.label}: ${entry.drivers.join(', ')}`),
  ]
}

function postLines(post: DigestData['topPosts'][number], index: number, timeZone: string): string[] {
  const topics = post.topics.map((topic) => oneLine(topic.name, 60)).join(', ')
  const link = webAddress(post.url)
  return [
    `  ${index + 1}. ${postByline(post)}`,
    `     ${zonedTime(post.createdAt, timeZone)}${topics ? ` · ${topics}` : ''}`,
    ...(post.title ? [`     ${oneLine(post.title, 200)}`] : []),
    `     “${oneLine(post.text, 280)}”`,
    ...(link ? [`     ${link}`] : []),
  ]
}

function risingLines(data: DigestData): string[] {
  return data.network.rising.map((influencer) => {
    const name = influencer.name ? ` (${oneLine(influencer.name, 80)})` : ''
    const profile = webAddress(influencer.profileUrl)
    return `  - ${oneLine(influencer.handle, 100)}${name}: ${risingChange(influencer)}, ${risingRank(influencer)}; community: ${communityTerms(data, influencer.community)}${profile ? `; ${profile}` : ''}`
  })
}

function communityLines(data: DigestData): string[] {
  const { current, previous, communities } = data.network
  if (current.authors === 0 && communities.length === 0) return []
  return [
    `  Network this week: ${networkSummary(current)}.`,
    `  The week before: ${networkSummary(previous)}.`,
    ...communities.map((community) => {
      const hashtags = community.hashtags.length ? ` · ${community.hashtags.slice(0, 5).map((tag) => oneLine(tag, 40)).join(' ')}` : ''
      const rising = community.rising ? ` · ${community.rising} rising` : ''
      return `  - Community ${community.community}: ${formatCount(community.size)} ${plural(community.size, 'member')} · ${community.terms.slice(0, 5).map((term) => oneLine(term, 40)).join(', ') || 'no distinctive terms'}${hashtags} · ${communityLanguages(community.languages)}${rising}`
    }),
  ]
}

function contentLines(data: DigestData): string[] {
  const { rows, items } = data.content
  if (rows.length === 0 && items.length === 0) return []
  const lines = table(
    ['Language', 'Planned', 'Published'],
    rows.map((row) => [languageLabel(row.lang), formatCount(row.planned), formatCount(row.published)]),
    ['left', 'right', 'right'],
  )
  for (const item of items) {
    const versions = item.versions.map((version) => `${languageLabel(version.lang)} ${version.status}`).join(', ')
    lines.push(`  - ${oneLine(item.title, 120)} · ${zonedTime(item.publishAt, item.timeZone)} · ${versions || 'no language versions'}`)
  }
  return lines
}

