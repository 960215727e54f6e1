import type { DemoPost, Lang, Outlet } from '../model'
import { roll } from './common'

// RSS 2.0 (www.rssboard.org/rss-specification) with the Dublin Core namespace for bylines,
// the way news sites publish it: newest item first, some outlets with HTML descriptions in
// CDATA and guids that are not links.

const FEED_LANGUAGE: Record<Lang, string> = { en: 'en-GB', fr: 'fr', es: 'es', pt: 'pt-BR', ar: 'ar', sw: 'sw', hi: 'hi', de: 'de-DE', ja: 'ja' }
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`
}

/** RFC 822 date in the outlet's own time zone, as most publishing systems write it. */
export function rfc822(ms: number, utcOffset: number): string {
  const local = new Date(ms + utcOffset * 3_600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  const sign = utcOffset < 0 ? '-' : '+'
  const minutes = Math.abs(utcOffset) * 60
  const zone = utcOffset === 0 ? 'GMT' : `${sign}${pad(Math.floor(minutes / 60))}${pad(minutes % 60)}`
  return `${DAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${zone}`
}

function item(post: DemoPost, outlet: Outlet, category: string): string {
  const article = post.article!
  const permalink = roll(post, 'guid') < 60 || outlet.urlStyle !== 'numbered'
  const guid = permalink ? `<guid isPermaLink="true">${xmlEscape(article.url)}</guid>` : `<guid isPermaLink="false">${xmlEscape(post.cid)}</guid>`
  const creator = outlet.cdata ? cdata(post.author.displayName) : xmlEscape(post.author.displayName)
  const description = outlet.cdata ? cdata(`<p>${xmlEscape(article.description)}</p>`) : xmlEscape(article.description)
  return [
    '    <item>',
    `      <title>${xmlEscape(article.title)}</title>`,
    `      <link>${xmlEscape(article.url)}</link>`,
    `      ${guid}`,
    `      <pubDate>${rfc822(post.createdAt, outlet.utcOffset)}</pubDate>`,
    `      <dc:creator>${creator}</dc:creator>`,
    `      <category>${xmlEscape(category)}</category>`,
    `      <description>${description}</description>`,
    '    </item>',
  ].join('\n')
}

/** One fetch of the outlet's feed: its latest items, newest first. */
export function feedPage(posts: DemoPost[], outlet: Outlet, categoryOf: (post: DemoPost) => string): string {
  const newest = posts[0]?.createdAt ?? 0
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${xmlEscape(outlet.name)}</title>`,
    `    <link>https://www.${outlet.domain}/</link>`,
    `    <description>${xmlEscape(outlet.description)}</description>`,
    `    <language>${FEED_LANGUAGE[outlet.lang]}</language>`,
    `    <lastBuildDate>${rfc822(newest, outlet.utcOffset)}</lastBuildDate>`,
    `    <atom:link href="https://www.${outlet.domain}/rss.xml" rel="self" type="application/rss+xml"/>`,
    ...posts.map((post) => item(post, outlet, categoryOf(post))),
    '  </channel>',
    '</rss>',
    '',
  ].join('\n')
}
