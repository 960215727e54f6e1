import { describe, expect, it } from 'vitest'
import { compareIds, cursorToStore, linkParam, newestId, readCursor } from '../../../../../ingest/sources/mastodon/paging'

describe('Mastodon ids and cursors', () => {
  it('orders Mastodon ids by value, not as text, and other servers\' ids as text', () => {
    expect(newestId(['99', '117020598436551261', '100'])).toBe('117020598436551261')
    expect(compareIds('99', '100')).toBeLessThan(0)
    // GoToSocial ULIDs: fixed length, sortable as text.
    expect(compareIds('01HQ7ZJ9R1B6VQ3K5Z8Y2X4W0T', '01HQ7ZJ9R1B6VQ3K5Z8Y2X4W0S')).toBeGreaterThan(0)
  })

  it('reads min_id from the rel="prev" entry of a Link header', () => {
    const link = '<https://mastodon.social/api/v1/timelines/tag/cats?max_id=103203659567597966>; rel="next", '
      + '<https://mastodon.social/api/v1/timelines/tag/cats?min_id=103206185588894565>; rel="prev"'
    expect(linkParam(link, 'prev', 'min_id')).toBe('103206185588894565')
    expect(linkParam(link, 'next', 'max_id')).toBe('103203659567597966')
    expect(linkParam(null, 'prev', 'min_id')).toBeNull()
  })

  it('reads its own cursor and a bare id, and refuses anything else', () => {
    expect(readCursor(null)).toEqual({ minId: null })
    expect(readCursor('{"minId":"5","account":{"acct":"a","id":"9"}}')).toEqual({ minId: '5', account: { acct: 'a', id: '9' } })
    expect(readCursor('103206185588894565')).toEqual({ minId: '103206185588894565' })
    expect(() => readCursor('{"since": 5}')).toThrow(/cannot be read/)
  })

  it('stores nothing new when the cursor has not moved or has nothing to say yet', () => {
    const stored = cursorToStore(null, { minId: '5' })
    expect(stored).toBe('{"minId":"5"}')
    expect(cursorToStore(stored, { minId: '5' })).toBeNull()
    expect(cursorToStore(null, { minId: null })).toBeNull()
  })
})
