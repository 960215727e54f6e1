import { describe, expect, it } from 'vitest'
import { linksInCell, parseCount, parseDate, plainText, RowError, splitList } from '../../../../../ingest/sources/file/values'

const now = new Date('2024-04-01T00:00:00Z')
const iso = (value: unknown) => parseDate(value, now).iso

describe('reading a date cell', () => {
  it('refuses what it cannot read instead of guessing', () => {
    for (const bad of ['yesterday', '04/03/2024 10:15', '2024-02-30 10:00:00', '2024-03-04 25:00', '1', '', null, { date: 1 }]) {
      expect(() => parseDate(bad, now), String(bad)).toThrow(RowError)
    }
  })

  it('refuses a date after now (a misread unit) with the cell in the reason', () => {
    expect(() => parseDate('2124-03-04T00:00:00Z', now)).toThrow(/createdAt "2124-03-04T00:00:00Z" is in the future/)
  })

  it('reads ISO 8601 with a zone, an offset or fractions', () => {
    expect(iso('2024-03-04T09:15:00Z')).toBe('2024-03-04T09:15:00.000Z')
    expect(iso('2024-03-04T10:15:00+01:00')).toBe('2024-03-04T09:15:00.000Z')
    expect(iso('2024-03-04T04:15:00-0500')).toBe('2024-03-04T09:15:00.000Z')
    expect(iso('2024-03-04T09:15:00.123456Z')).toBe('2024-03-04T09:15:00.123Z')
  })

  it('reads "YYYY-MM-DD HH:MM:SS" as UTC and says it had no zone', () => {
    expect(parseDate('2024-03-04 09:15:00', now)).toEqual({ iso: '2024-03-04T09:15:00.000Z', zoneless: true })
    expect(parseDate('2024-03-04 09:15:00.0', now)).toEqual({ iso: '2024-03-04T09:15:00.000Z', zoneless: true })
    expect(parseDate('2024-03-04T09:15:00Z', now).zoneless).toBe(false)
  })

  it('reads RFC 2822 and the Twitter API format', () => {
    expect(iso('Mon, 04 Mar 2024 10:15:00 +0100')).toBe('2024-03-04T09:15:00.000Z')
    expect(iso('4 Mar 2024 04:15 EST')).toBe('2024-03-04T09:15:00.000Z')
    expect(iso('Mon Mar 04 09:15:00 +0000 2024')).toBe('2024-03-04T09:15:00.000Z')
  })

  it('reads Unix seconds and milliseconds, as text or as JSON numbers', () => {
    expect(iso('1709543700')).toBe('2024-03-04T09:15:00.000Z')
    expect(iso('1709543700000')).toBe('2024-03-04T09:15:00.000Z')
    expect(iso(1709543700)).toBe('2024-03-04T09:15:00.000Z')
    expect(iso(1709543700123)).toBe('2024-03-04T09:15:00.123Z')
  })
})

describe('reading a count cell', () => {
  it('keeps an empty cell missing and a zero zero', () => {
    expect(parseCount('', 'likes')).toBeNull()
    expect(parseCount('  ', 'likes')).toBeNull()
    expect(parseCount('N/A', 'likes')).toBeNull()
    expect(parseCount(undefined, 'likes')).toBeNull()
    expect(parseCount(null, 'likes')).toBeNull()
    expect(parseCount('0', 'likes')).toBe(0)
    expect(parseCount(0, 'likes')).toBe(0)
  })

  it('reads grouped thousands in either convention', () => {
    expect(parseCount('1,234', 'likes')).toBe(1234)
    expect(parseCount('1.234', 'likes')).toBe(1234)
    expect(parseCount('1 234 567', 'likes')).toBe(1234567)
    expect(parseCount('12\u202F345', 'likes')).toBe(12345)
  })

  it('reads K, M and B abbreviations', () => {
    expect(parseCount('1.2K', 'likes')).toBe(1200)
    expect(parseCount('1,5k', 'likes')).toBe(1500)
    expect(parseCount('3M', 'likes')).toBe(3_000_000)
  })

  it('reads a count written as a float ("12.0")', () => {
    expect(parseCount('12.0', 'likes')).toBe(12)
  })

  it('fails a cell that is not a count, naming the field and the value', () => {
    expect(() => parseCount('lots', 'likes')).toThrow('likes "lots" is not a count')
    expect(() => parseCount('-4', 'reposts')).toThrow(RowError)
    expect(() => parseCount(-4, 'reposts')).toThrow(RowError)
  })
})

describe('reading list and text cells', () => {
  it('splits lists on spaces, commas and semicolons, with or without brackets', () => {
    expect(splitList('#agua, #Oaxaca;clima  sequía')).toEqual(['#agua', '#Oaxaca', 'clima', 'sequía'])
    expect(splitList("['agua', 'clima']")).toEqual(['agua', 'clima'])
    expect(splitList(['agua', ['clima']])).toEqual(['agua', 'clima'])
    expect(splitList('')).toEqual([])
  })

  it('reduces HTML to text and leaves plain text and its line breaks alone', () => {
    expect(plainText('<p>Hola <b>mundo</b><script>alert(1)</script></p>')).toBe('Hola mundo')
    expect(plainText('A &amp; B')).toBe('A & B')
    expect(plainText('línea uno\r\nlínea dos')).toBe('línea uno\nlínea dos')
    expect(plainText('I <3 data')).toBe('I <3 data')
  })

  it('collects http(s) links from HTML and from written-out URLs, nothing else', () => {
    const html = '<a href="javascript:alert(1)">x</a> <a href="https://a.example/x">a</a> see https://b.example/y. and ftp://c.example'
    expect(linksInCell(html).sort()).toEqual(['https://a.example/x', 'https://b.example/y'])
  })

  it('does not count Mastodon mention and hashtag links as links shared', () => {
    const html = '<a href="https://social.coop/@redagua" class="u-url mention">@redagua</a> <a href="https://m.s/tags/agua" rel="tag">#agua</a> <a href="https://news.example/a">a</a>'
    expect(linksInCell(html)).toEqual(['https://news.example/a'])
  })
})
