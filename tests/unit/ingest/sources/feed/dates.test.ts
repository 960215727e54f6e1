import { describe, expect, it } from 'vitest'
import { parseFeedDate } from '../../../../../ingest/sources/feed/dates'

describe('parseFeedDate', () => {
  it.each([
    ['Thu, 05 Sep 2002 00:00:01 GMT', '2002-09-05T00:00:01.000Z'],
    ['Thu, 05 Sep 2002 0:00:01 GMT', '2002-09-05T00:00:01.000Z'],
    ['Sat, 23 Jan 2016 11:31:15 +0000', '2016-01-23T11:31:15.000Z'],
    ['Wed, 31 Jan 2018 15:15:15 EST', '2018-01-31T20:15:15.000Z'],
    ['5 Sep 02 10:00 PDT', '2002-09-05T17:00:00.000Z'],
    ['Mon, 24 Sep 2018 19:42:40 -03:00', '2018-09-24T22:42:40.000Z'],
  ])('reads the RFC 822 date %s', (raw, iso) => {
    expect(parseFeedDate(raw)).toBe(iso)
  })

  it.each([
    ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40.000Z'], // UOL, Portuguese
    ['mar., 03 janv. 2023 10:00:00 +0100', '2023-01-03T09:00:00.000Z'], // French
    ['Mi, 01 Mär 2023 08:00:00 +0100', '2023-03-01T07:00:00.000Z'], // German
    ['Dom, 15 Dic 2019 12:00:00 GMT', '2019-12-15T12:00:00.000Z'], // Spanish
    ['Sam, 04 Juil 2020 09:30:00 GMT', '2020-07-04T09:30:00.000Z'], // French July, not June
  ])('reads the translated RFC 822 date %s', (raw, iso) => {
    expect(parseFeedDate(raw)).toBe(iso)
  })

  it.each([
    ['2016-02-01T17:54:50+01:00', '2016-02-01T16:54:50.000Z'],
    ['2004-04-20T11:56:34Z', '2004-04-20T11:56:34.000Z'],
    ['2022-01-01T12:00+00:00', '2022-01-01T12:00:00.000Z'],
    ['2015-10-15T04:20:00.001-07:00', '2015-10-15T11:20:00.001Z'],
    ['2017-06-15', '2017-06-15T00:00:00.000Z'],
  ])('reads the RFC 3339 / W3C-DTF date %s', (raw, iso) => {
    expect(parseFeedDate(raw)).toBe(iso)
  })

  it('reads a date without a zone as UTC, the same on every machine', () => {
    expect(parseFeedDate('2016-02-01 17:54:50')).toBe('2016-02-01T17:54:50.000Z')
    expect(parseFeedDate('September 5, 2002')).toBe('2002-09-05T00:00:00.000Z')
  })

  it.each(['', '   ', 'yesterday', 'Item 3', '09/05/2002', '31 Feb 2020 10:00:00 GMT', '2020-13-01T00:00:00Z'])('refuses %j rather than invent a date', (raw) => {
    expect(parseFeedDate(raw)).toBeNull()
  })

  it('has nothing to read in a missing date', () => {
    expect(parseFeedDate(null)).toBeNull()
    expect(parseFeedDate(undefined)).toBeNull()
  })
})
