import { describe, expect, it } from 'vitest'
import { applyOverride, detectMapping, mappingOverrideSchema, unusableMappingReason } from '../../../../../ingest/sources/file/mapping'

describe('proposing a mapping from headers', () => {
  it('reports the required fields it found no column for', () => {
    expect(detectMapping(['Sentiment', 'Country']).missing).toEqual(['text', 'createdAt', 'externalId or url'])
    expect(detectMapping(['Full Text', 'Date']).missing).toEqual(['externalId or url'])
    expect(detectMapping(['Title', 'Published', 'Link']).missing).toEqual([])
  })

  it('ignores case, spaces and punctuation in header names', () => {
    for (const headers of [['Full Text', 'Created At'], ['full_text', 'created_at'], ['FULL-TEXT', 'CreatedAt']]) {
      expect(detectMapping(headers).mapping).toMatchObject({ text: headers[0], createdAt: headers[1] })
    }
  })

  it('maps the columns of a listening-suite mention export', () => {
    const { mapping, missing } = detectMapping(['Query Id', 'Date', 'Title', 'Url', 'Language', 'Author', 'Full Name', 'Full Text', 'Twitter Followers', 'Twitter Retweets', 'Likes', 'Hashtags', 'Mentioned Authors'])
    expect(missing).toEqual([])
    expect(mapping).toEqual({
      url: 'Url', text: 'Full Text', title: 'Title', createdAt: 'Date', authorHandle: 'Author', authorName: 'Full Name',
      authorFollowers: 'Twitter Followers', lang: 'Language', likes: 'Likes', reposts: 'Twitter Retweets', hashtags: 'Hashtags', mentions: 'Mentioned Authors',
    })
  })

  it('maps "Mention Content", "Screen Name", "favorite_count", "shares" and "lang"', () => {
    expect(detectMapping(['Mention Content', 'Screen Name', 'favorite_count', 'shares', 'lang', 'Date']).mapping).toEqual({
      text: 'Mention Content', authorHandle: 'Screen Name', likes: 'favorite_count', reposts: 'shares', lang: 'lang', createdAt: 'Date',
    })
  })

  it('maps JSON key paths, preferring the global uri to a local id', () => {
    const { mapping } = detectMapping(['id', 'uri', 'created_at', 'content', 'account.acct', 'account.display_name', 'account.url', 'favourites_count', 'tags.name'])
    expect(mapping).toMatchObject({
      externalId: 'uri', text: 'content', createdAt: 'created_at', authorHandle: 'account.acct', authorName: 'account.display_name',
      authorUrl: 'account.url', likes: 'favourites_count', hashtags: 'tags.name',
    })
  })

  it('gives each column to one field only', () => {
    const { mapping } = detectMapping(['Author', 'Text', 'Date'])
    expect(Object.values(mapping).filter((column) => column === 'Author')).toHaveLength(1)
  })
})

describe('correcting a proposed mapping', () => {
  it('lets a configured column replace or remove a proposed one', () => {
    const detected = detectMapping(['Snippet', 'Full Text', 'Date', 'Author']).mapping
    const mapping = applyOverride(detected, { text: 'Snippet', authorHandle: null })
    expect(mapping.text).toBe('Snippet')
    expect(mapping.authorHandle).toBeUndefined()
  })

  it('rejects a field name the mapping does not know', () => {
    expect(mappingOverrideSchema.safeParse({ createdat: 'Date' }).success).toBe(false)
    expect(mappingOverrideSchema.safeParse({ createdAt: 'Date', likes: null }).success).toBe(true)
  })

  it('says which fields have no column and which columns do not exist', () => {
    const reason = unusableMappingReason({ text: 'Body', createdAt: 'When' }, ['Body', 'Date'], true)
    expect(reason).toMatch(/the mapping names columns the file does not have \(createdAt → "When"\)/)
    expect(reason).toMatch(/columns found: "Body", "Date"/)
    expect(unusableMappingReason({ url: 'Url' }, ['Url'], true)).toMatch(/^no column for text and createdAt/)
    expect(unusableMappingReason({ text: 'Body', createdAt: 'Date' }, ['Body', 'Date'], true)).toBeNull()
  })
})
