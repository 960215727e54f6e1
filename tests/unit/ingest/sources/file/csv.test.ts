import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { csvAdapter, importCsv } from '../../../../../ingest/sources/file'
import { csvText, fixture, NOW, postBy, reasons } from './builders'

const HEADER = ['id', 'date', 'author', 'text', 'likes']
const read = (text: string | Buffer, extra: Partial<Parameters<typeof importCsv>[1]> = {}) =>
  importCsv(Buffer.isBuffer(text) ? text : Buffer.from(text), { now: NOW, ...extra })

describe('a file that cannot be imported', () => {
  it('is one failed item naming the missing fields and the columns it has', () => {
    const page = read(csvText([['Sentiment', 'Country'], ['positive', 'MX']]), { origin: 'export.csv' })
    expect(page.posts).toEqual([])
    expect(reasons(page.failures)).toEqual([expect.stringMatching(/no column for text and createdAt; columns found: "Sentiment", "Country"/)])
    expect(page.failures[0]!.raw).toBe('export.csv')
    expect(page.done).toBe(true)
  })

  it('says when it is empty', () => {
    expect(reasons(read('').failures)).toEqual(['the file is empty'])
  })
})

describe('rows that cannot be read', () => {
  it('fails a row with the wrong number of fields, with its line, and imports the rest', () => {
    const text = csvText([
      HEADER,
      ['a1', '2024-03-04T09:00:00Z', 'ana', 'uno\ndos\ntres', '1'], // lines 2-4
      ['a2', '2024-03-04T09:05:00Z', 'ben'], // line 5: too few
      ['a3', '2024-03-04T09:10:00Z', 'cai', 'texto', '3', 'sobra'], // line 6: too many
      ['a4', '2024-03-04T09:15:00Z', 'dan', 'cuatro', '4'],
    ])
    const page = read(text)
    expect(page.posts.map((p) => p.externalId)).toEqual(['a1', 'a4'])
    expect(reasons(page.failures)).toEqual([
      'line 5: 3 fields where the header has 5',
      'line 6: 6 fields where the header has 5 (a delimiter inside an unquoted field?)',
    ])
    expect(page.failures[1]!.raw).toContain('sobra')
  })

  it('takes empty cells after the last column for a trailing delimiter, not a shifted row', () => {
    const page = read('id,date,text\na1,2024-03-04T09:00:00Z,hola,,\n')
    expect(page.failures).toEqual([])
    expect(page.posts).toHaveLength(1)
  })

  it('skips rows that are only delimiters, as spreadsheets write below the data', () => {
    const page = read('id;date;text\na1;2024-03-04T09:00:00Z;hola\n;;\n\n;;\n')
    expect(page.posts).toHaveLength(1)
    expect(page.failures).toEqual([])
  })

  it('fails a row whose cell cannot be read, naming line and cell, and imports the rest', () => {
    const page = read(csvText([HEADER, ['a1', 'yesterday', 'ana', 'hola', '1'], ['a2', '2024-03-04T09:05:00Z', 'ben', 'adiós', 'many'], ['a3', '2024-03-04T09:10:00Z', 'cai', 'ok', '']]))
    expect(page.posts.map((p) => p.externalId)).toEqual(['a3'])
    expect(reasons(page.failures)).toEqual([
      expect.stringMatching(/^line 2: createdAt "yesterday" is not a date/),
      'line 3: likes "many" is not a count',
    ])
  })

  it('fails a row with neither text nor title', () => {
    const page = read(csvText([HEADER, ['a1', '2024-03-04T09:00:00Z', 'ana', '', '1']]))
    expect(reasons(page.failures)).toEqual(['line 2: no text in column "text"'])
  })

  it('reports a quote that is never closed at the line it opens, keeping the rows before it', () => {
    const page = read('id,date,text\na1,2024-03-04T09:00:00Z,hola\na2,2024-03-04T09:01:00Z,"sin cerrar\na3,2024-03-04T09:02:00Z,adiós\n')
    expect(page.posts.map((p) => p.externalId)).toEqual(['a1'])
    expect(reasons(page.failures)).toEqual([expect.stringMatching(/^line 3: a quoted field opened on this line is never closed/)])
  })

  it('does not merge rows of a file that mixes CRLF and LF line ends', () => {
    const page = read('id,date,text\r\na1,2024-03-04T09:00:00Z,"uno\r\ndos"\na2,2024-03-04T09:01:00Z,tres\r\na3,2024-03-04T09:02:00Z,cuatro\n')
    expect(page.posts.map((p) => [p.externalId, p.text])).toEqual([['a1', 'uno\ndos'], ['a2', 'tres'], ['a3', 'cuatro']])
  })
})

describe('delimiters, byte-order marks and encodings', () => {
  const rows = [['Date', 'Full Text', 'Url'], ['2024-03-04T09:00:00Z', 'Agua, clima; y "sequía"', 'https://x.example/1'], ['2024-03-04T10:00:00Z', 'Segunda, fila', 'https://x.example/2']]

  it('finds a comma, semicolon or tab delimiter from the file', () => {
    for (const delimiter of [',', ';', '\t']) {
      const page = read(csvText(rows, { delimiter }))
      expect(page.posts.map((p) => p.text), JSON.stringify(delimiter)).toEqual(['Agua, clima; y "sequía"', 'Segunda, fila'])
    }
  })

  it('reads the first header name right despite a byte-order mark', () => {
    const page = read(Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), Buffer.from(csvText([['id', 'date', 'text'], ['a1', '2024-03-04T09:00:00Z', 'hola']]))]))
    expect(page.posts.map((p) => p.externalId)).toEqual(['a1'])
  })

  it('replaces bytes that are not UTF-8 and says on which line, without losing the row', () => {
    const good = Buffer.from('id,date,text\na1,2024-03-04T09:00:00Z,acción\na2,2024-03-04T09:01:00Z,ca')
    const page = read(Buffer.concat([good, Buffer.from([0xFF, 0xFE]), Buffer.from('fé rota\na3,2024-03-04T09:02:00Z,ñandú\n')]))
    expect(page.posts.map((p) => p.text)).toEqual(['acción', 'ca\uFFFD\uFFFDfé rota', 'ñandú'])
    expect(page.notes).toContainEqual(expect.stringMatching(/^bytes that are not valid UTF-8 on line 3 were replaced/))
    expect(page.failures).toEqual([])
  })

  it('reads a file saved in a Windows code page and says which one it took', () => {
    const text = csvText([
      ['Date', 'Text', 'Url'],
      ['2024-03-04T09:00:00Z', 'Sequía en el norte: la situación del agua empeora según el informe.', 'https://x.example/1'],
      ['2024-03-04T10:00:00Z', 'Años de sequía: ¿qué harán los municipios? Opinión de técnicos y vecinos.', 'https://x.example/2'],
    ])
    const page = read(iconv.encode(text, 'windows-1252'))
    expect(page.posts.map((p) => p.text)).toEqual([
      'Sequía en el norte: la situación del agua empeora según el informe.',
      'Años de sequía: ¿qué harán los municipios? Opinión de técnicos y vecinos.',
    ])
    expect(page.notes).toEqual([expect.stringMatching(/not UTF-8; it was read as (windows-1252|ISO-8859-1)/)])
  })

  it('reads a UTF-16 tab-separated export (Excel "Unicode text", Meltwater)', () => {
    const text = csvText([['Date', 'Hit Sentence', 'URL'], ['2024-03-04T09:00:00Z', 'المياه في عمّان', 'https://x.example/1']], { delimiter: '\t', eol: '\r\n' })
    const page = read(Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from(text, 'utf16le')]))
    expect(page.posts.map((p) => p.text)).toEqual(['المياه في عمّان'])
    expect(page.failures).toEqual([])
  })
})

describe('identity across imports', () => {
  it('gives the same externalIds when the same file is imported again', () => {
    const body = fixture('brandwatch-mentions.csv')
    const first = read(body).posts.map((p) => p.externalId)
    expect(read(body).posts.map((p) => p.externalId)).toEqual(first)
    expect(new Set(first).size).toBe(first.length)
  })

  it('hashes author, date and text for rows with neither id nor URL, stable across date formats', () => {
    const a = read(csvText([['Author', 'Date', 'Text'], ['ana', '2024-03-04T09:00:00Z', 'hola'], ['ana', '2024-03-04T09:00:00Z', 'adiós']]))
    const b = read(csvText([['Author', 'Date', 'Text'], ['ana', '2024-03-04 09:00:00', 'hola'], ['ana', '1709542800', 'adiós']]))
    expect(a.posts.map((p) => p.externalId)).toEqual(b.posts.map((p) => p.externalId))
    expect(a.posts[0]!.externalId).toMatch(/^hash:[0-9a-f]{32}$/)
    expect(a.posts[0]!.externalId).not.toBe(a.posts[1]!.externalId)
    expect(a.notes).toContainEqual(expect.stringMatching(/hashed from their author, date and text/))
  })

  it('falls back to the URL when a spreadsheet has rounded the ids', () => {
    const page = read(csvText([['id', 'date', 'text', 'url'], ['1.76501E+18', '2024-03-04T09:00:00Z', 'hola', 'https://x.example/p/1?utm_source=a']]))
    expect(page.posts[0]!.externalId).toBe('https://x.example/p/1')
    expect(page.notes).toContainEqual(expect.stringMatching(/1.23457E\+18/))
  })
})

describe('a Brandwatch-style mention export', () => {
  const page = csvAdapter.importPayload!(fixture('brandwatch-mentions.csv'), { now: NOW, origin: 'brandwatch-mentions.csv' })

  it('skips the report details above the header and says so', () => {
    expect(page.failures).toEqual([])
    expect(page.posts).toHaveLength(5)
    expect(page.notes).toContainEqual('brandwatch-mentions.csv: the header is on line 8; the 7 lines of report details above it were skipped')
    expect(page.notes).toContainEqual(expect.stringMatching(/read as UTC/))
  })

  it('keeps multi-line Spanish and Arabic text, hashtags and mentions', () => {
    const es = postBy(page, 'https://twitter.com/aguaviva_mx/status/1764912345678901234')
    expect(es.text).toBe('Hoy en Oaxaca: 3 comunidades ya tienen agua potable 💧\nGracias a quienes lo hicieron posible; seguimos.\n#AguaParaTodos #Oaxaca')
    expect(es.hashtags).toEqual(['aguaparatodos', 'oaxaca'])
    expect(es.createdAt).toBe('2024-03-04T09:15:00.000Z')
    expect(es.author).toMatchObject({ externalId: 'aguaviva_mx', handle: 'aguaviva_mx', name: 'Agua Viva México', followers: 12453 })
    const ar = postBy(page, 'https://twitter.com/nour_water/status/1764940110022334455')
    expect(ar.text.split('\n')).toHaveLength(3)
    expect(ar.hashtags).toEqual(['المياه', 'الأردن'])
    expect(ar.declaredLang).toBe('ar')
    expect(ar.relations).toEqual([{ kind: 'mention', targetAuthor: expect.objectContaining({ handle: 'unicef_jordan' }) }])
  })

  it('reads counts as written, keeping an empty count missing and a zero zero', () => {
    expect(postBy(page, 'https://twitter.com/nour_water/status/1764940110022334455').metrics).toEqual({ likes: null, reposts: 1204, replies: 17, quotes: null })
    const reply = postBy(page, 'https://twitter.com/lupita_chis/status/1765101234567890123')
    expect(reply.metrics).toEqual({ likes: 0, reposts: 0, replies: 0, quotes: null })
    expect(reply.author.followers).toBe(1200)
    expect(reply.text).toContain('"cuando llegan"')
  })

  it('stores a news item under its site, as text, with its links and a canonical id', () => {
    const news = postBy(page, 'https://elpais.com/clima/2024-03-05/sequia-pozos.html')
    expect(news.title).toBe('Sequía: el 40 % de los pozos, en nivel crítico')
    expect(news.text).toBe('El informe de la Conagua advierte de que el nivel es "crítico" en 12 estados. Informe completo')
    expect(news.author).toMatchObject({ externalId: 'elpais.com', handle: 'elpais.com', name: null, followers: null })
    expect(news.links).toEqual(['https://www.gob.mx/conagua/informe-2024'])
  })
})

describe('a 4CAT Twitter dataset export', () => {
  const page = read(fixture('4cat-twitter.csv'))

  it('reads every row with its id, author and metrics', () => {
    expect(page.failures).toEqual([])
    expect(page.posts.map((p) => p.externalId)).toEqual(['1765012345678901234', '1765019876543210987', '1765023456789012345', '1765030000111222333', '1765041111222333444'])
    expect(page.posts[0]).toMatchObject({
      url: 'https://twitter.com/ClimateDeskEU/status/1765012345678901234',
      author: { externalId: '98234411', handle: 'ClimateDeskEU', name: 'Climate Desk EU', followers: null },
      metrics: { likes: 1203, reposts: 412, replies: 38, quotes: 57 },
      hashtags: ['climateaction'],
      links: ['https://wmo.int/publication-series/state-of-global-climate-2023'],
    })
  })

  it('takes its "timestamp" column as UTC: it matches the unix_timestamp column', () => {
    for (const post of page.posts) {
      const raw = post.raw as Record<string, string>
      expect(Date.parse(post.createdAt) / 1000).toBe(Number(raw.unix_timestamp))
    }
  })

  it('turns replied, retweeted and quoted users into relations, and a retweet into a repost', () => {
    const [, reply, retweet, quote, thread] = page.posts
    expect(reply!.relations).toContainEqual({ kind: 'reply', targetPostExternalId: null, targetAuthor: expect.objectContaining({ handle: 'ClimateDeskEU' }) })
    expect(retweet!.kind).toBe('repost')
    expect(retweet!.relations.map((r) => [r.kind, r.targetAuthor?.handle])).toEqual([['repost', 'ClimateDeskEU'], ['mention', 'ClimateDeskEU'], ['mention', 'WMO']])
    expect(quote!.relations.map((r) => r.kind)).toEqual(['quote'])
    expect(thread!.kind).toBe('post')
    expect(thread!.hashtags).toEqual(['clima', 'nordeste'])
    expect(thread!.declaredLang).toBe('pt')
  })
})
