import { compile } from 'html-to-text'

// Post HTML is hostile input: it is reduced to plain text on the way in and never stored or
// rendered as markup.
const OPTIONS = {
  wordwrap: false as const,
  selectors: [
    // Keep link text only; the URLs themselves are collected separately as links.
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
  ],
}
// Compiled once: conversion runs for every post on the ingest hot path.
const convert = compile(OPTIONS)

export function htmlToText(html: string | null | undefined): string {
  if (!html) return ''
  return convert(html)
    .replace(/\u00A0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** The value as an absolute http(s) URL (resolved against `base` when given), or null. */
export function httpUrl(raw: string | null | undefined, base?: string): string | null {
  if (!raw) return null
  try {
    const url = new URL(raw.trim(), base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  }
  catch {
    return null
  }
}

/** Every href of <a> elements, absolute http(s) only. */
export function linksInHtml(html: string | null | undefined, base?: string): string[] {
  if (!html) return []
  const found = new Set<string>()
  for (const match of html.matchAll(/<a\b[^>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const href = decodeEntities(match[1] ?? match[2] ?? match[3] ?? '')
    try {
      const url = new URL(href, base)
      if (url.protocol === 'http:' || url.protocol === 'https:') found.add(url.toString())
    }
    catch {
      // not a URL: ignore
    }
  }
  return [...found]
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src|ref_url|_hsenc|_hsmi|mkt_tok)$/i

/**
 * The form of a link used to recognise the same article shared from different places:
 * lower-case host without "www.", no fragment, no tracking parameters, no default port,
 * remaining parameters sorted, no trailing slash.
 */
export function canonicalUrl(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw.trim())
  }
  catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  url.hash = ''
  url.hostname = url.hostname.toLowerCase().replace(/^www\./, '')
  url.protocol = 'https:'
  if (url.port === '80' || url.port === '443') url.port = ''
  const kept = [...url.searchParams.entries()].filter(([key]) => !TRACKING_PARAMS.test(key)).sort(([a], [b]) => a.localeCompare(b))
  url.search = new URLSearchParams(kept).toString()
  let text = url.toString()
  if (url.pathname.length > 1 && text.endsWith('/') && !url.search) text = text.slice(0, -1)
  return text
}

/** Hashtags as stored: lower-case, no '#', Unicode letters kept. */
export function normaliseHashtag(tag: string): string {
  return tag.replace(/^#/, '').normalize('NFC').toLowerCase()
}

// \p{M}: vowel signs and other combining marks are part of words in Devanagari, Arabic...
const HASHTAG = /(?:^|[^\p{L}\p{M}\p{N}_&/])#([\p{L}\p{M}\p{N}_]*[\p{L}_][\p{L}\p{M}\p{N}_]*)/gu
/** Hashtags written in plain text, for sources that do not list them. */
export function hashtagsInText(text: string): string[] {
  return [...new Set([...text.matchAll(HASHTAG)].map((m) => normaliseHashtag(m[1]!)))]
}
