import { describe, expect, it } from 'vitest'
import { importJsonl, jsonlAdapter } from '../../../../../ingest/sources/file'
import { valueAtPath } from '../../../../../ingest/sources/file/jsonl'
import { fixture, NOW, postBy, reasons } from './builders'

const read = (lines: (string | object)[], extra: Partial<Parameters<typeof importJsonl>[1]> = {}) =>
  importJsonl(Buffer.from(lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')), { now: NOW, ...extra })

const post = (id: string, more: object = {}) => ({ id, created_at: '2024-03-04T09:00:00Z', text: `post ${id}`, ...more })

describe('lines that are not posts', () => {
  it('fails a malformed line with its number and imports the others', () => {
    const page = read([post('1'), '{"id": "2", "text": "cut', post('3')])
    expect(page.posts.map((p) => p.externalId)).toEqual(['1', '3'])
    expect(reasons(page.failures)).toEqual([expect.stringMatching(/^line 2: not valid JSON \(/)])
    expect(page.failures[0]!.raw).toBe('{"id": "2", "text": "cut')
  })

  it('fails a line holding JSON that is not an object', () => {
    const page = read([post('1'), '[1, 2]', '"text"', 'null'])
    expect(reasons(page.failures)).toEqual(['line 2: a JSON array, not an object', 'line 3: a JSON string, not an object', 'line 4: a JSON null, not an object'])
  })

  it('skips blank lines without counting them as failures, and keeps line numbers right', () => {
    const page = read(['', post('1'), '   ', '\r', '{oops}'])
    expect(page.posts).toHaveLength(1)
    expect(reasons(page.failures)).toEqual([expect.stringMatching(/^line 5: not valid JSON/)])
  })

  it('replaces bytes that are not UTF-8 and says on which line', () => {
    const body = Buffer.concat([Buffer.from(`${JSON.stringify(post('1'))}\n{"id":"2","created_at":"2024-03-04T09:00:00Z","text":"ca`), Buffer.from([0xC3, 0x28]), Buffer.from('fé"}\n')])
    const page = importJsonl(body, { now: NOW })
    expect(page.posts.map((p) => p.text)).toEqual(['post 1', 'ca\uFFFD(fé'])
    expect(page.notes).toContainEqual(expect.stringMatching(/^bytes that are not valid UTF-8 on line 2 were replaced/))
  })

  it('reads past a byte-order mark', () => {
    const page = importJsonl(Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), Buffer.from(JSON.stringify(post('1')))]), { now: NOW })
    expect(page.posts.map((p) => p.externalId)).toEqual(['1'])
  })

  it('is one failed item when no line holds the fields a post needs', () => {
    const page = read([{ sentiment: 'positive' }], { origin: 'dump.jsonl' })
    expect(page.posts).toEqual([])
    expect(reasons(page.failures)).toEqual([expect.stringMatching(/no column for text and createdAt; columns found: "sentiment"/)])
  })
})

describe('key paths', () => {
  it('reach into nested objects and collect through arrays', () => {
    const tweet = { user: { screen_name: 'ana' }, entities: { hashtags: [{ text: 'Agua' }, { text: 'Clima' }] }, media: [{ url: 'https://m.example/1' }] }
    expect(valueAtPath(tweet, 'user.screen_name')).toBe('ana')
    expect(valueAtPath(tweet, 'entities.hashtags.text')).toEqual(['Agua', 'Clima'])
    expect(valueAtPath(tweet, 'media.0.url')).toBe('https://m.example/1')
    expect(valueAtPath({ 'user.name': 'flat' }, 'user.name')).toBe('flat')
    expect(valueAtPath(tweet, 'user.missing.deeper')).toBeUndefined()
  })

  it('map a Twitter API v1.1 status, preferring id_str to the rounded numeric id', () => {
    const status = {
      id_str: '1765012345678901234', created_at: 'Tue Mar 05 08:00:12 +0000 2024', full_text: 'Informe #Agua #Clima',
      user: { id_str: '98234411', screen_name: 'ClimateDeskEU', name: 'Climate Desk', followers_count: 5100 },
      entities: { hashtags: [{ text: 'Agua' }, { text: 'Clima' }], user_mentions: [{ screen_name: 'WMO' }] },
      favorite_count: 0, retweet_count: 3, lang: 'es',
    }
    // The numeric id as Twitter writes it: too large for a double, so it reads back rounded.
    const [mapped] = read([JSON.stringify(status).replace('{', '{"id":1765012345678901234,')]).posts
    expect(mapped).toMatchObject({
      externalId: '1765012345678901234', createdAt: '2024-03-05T08:00:12.000Z', text: 'Informe #Agua #Clima', hashtags: ['agua', 'clima'],
      author: { externalId: '98234411', handle: 'ClimateDeskEU', name: 'Climate Desk', followers: 5100 },
      metrics: { likes: 0, reposts: 3, replies: null, quotes: null },
      relations: [{ kind: 'mention', targetAuthor: expect.objectContaining({ handle: 'WMO' }) }],
    })
  })

  it('ignore an id a JSON number has rounded, falling back to the URL', () => {
    const page = read(['{"id": 1765012345678901234, "created_at": "2024-03-04T09:00:00Z", "text": "x", "url": "https://x.example/s/1"}'])
    expect(page.posts[0]!.externalId).toBe('https://x.example/s/1')
    expect(page.notes).toContainEqual(expect.stringMatching(/too large for a JSON number/))
  })
})

describe('a JSONL dump of Mastodon statuses', () => {
  const page = jsonlAdapter.importPayload!(fixture('mastodon-statuses.jsonl'), { now: NOW })

  it('imports every good line and reports the line cut short by its number', () => {
    expect(page.posts).toHaveLength(4)
    expect(reasons(page.failures)).toEqual([expect.stringMatching(/^line 4: not valid JSON/)])
  })

  it('keeps hostile HTML out: no markup, no script text, no javascript: link', () => {
    const spam = postBy(page, 'https://example.social/users/spam/statuses/112045699999999999')
    expect(spam.text).toBe('Claim your prize here or there')
    expect(spam.author.name).toBe('Totally Real')
    expect(spam.links).toEqual(['https://evil.example/win'])
    expect(JSON.stringify({ ...spam, raw: null })).not.toMatch(/<|javascript:|document\.cookie|alert/)
  })

  it('maps the nested account, tags and mentions', () => {
    const status = postBy(page, 'https://mastodon.social/users/agua_viva/statuses/112045671234567890')
    expect(status).toMatchObject({
      url: 'https://mastodon.social/@agua_viva/112045671234567890',
      author: { externalId: 'agua_viva@mastodon.social', handle: 'agua_viva@mastodon.social', name: 'Agua Viva 💧', profileUrl: 'https://mastodon.social/@agua_viva', followers: 2310 },
      text: 'Hoy en Oaxaca tres comunidades estrenan agua potable. Gracias a @redagua por el trabajo de meses. #AguaParaTodos',
      hashtags: ['aguaparatodos'],
      links: [],
      metrics: { likes: 41, reposts: 14, replies: 2, quotes: null },
    })
    expect(status.relations).toEqual([{ kind: 'mention', targetAuthor: expect.objectContaining({ externalId: 'redagua@social.coop' }) }])
  })

  it('keeps a null language and a null follower count missing', () => {
    const arabic = postBy(page, 'https://tooot.im/users/nour/statuses/112046555000111222')
    expect(arabic.declaredLang).toBeNull()
    expect(arabic.author.followers).toBeNull()
    expect(arabic.text).toBe('انقطاع المياه في عمّان منذ ثلاثة أيام.\nنحتاج حلولاً عاجلة #المياه')
    expect(arabic.hashtags).toEqual(['المياه'])
  })
})
