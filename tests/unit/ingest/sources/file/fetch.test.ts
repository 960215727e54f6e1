import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient } from '../../../../../ingest/http'
import { createCsvAdapter, createJsonlAdapter, fileSourceConfigSchema } from '../../../../../ingest/sources/file'
import type { Page } from '../../../../../ingest/types'
import { FIXTURES, NOW, reasons } from './builders'

let dir: string
let outside: string
const http = new HttpClient()

/**
 * A 12,000-row export: every 97th text spans two lines (so line and row numbers part ways) and
 * the rows are long enough that a page spans several read windows (1 MiB).
 */
function bigExport(rows: number, raggedRow: number): { text: string, lineOfRow: number[] } {
  const lines = ['id,created_at,author,text,likes']
  const lineOfRow = [0]
  let line = 1
  for (let i = 1; i <= rows; i++) {
    lineOfRow.push(++line)
    const twoLines = i % 97 === 0
    const id = `row-${String(i).padStart(5, '0')}`
    const text = twoLines ? `"línea uno de ${i}\nlínea dos"` : `texto ${i} ${'agua y clima '.repeat(15)}`
    const date = `2024-03-04 09:00:${String(i % 60).padStart(2, '0')}`
    lines.push(i === raggedRow ? `${id},${date},autor${i % 50}` : `${id},${date},autor${i % 50},${text},${i % 7}`)
    if (twoLines) line++
  }
  return { text: `${lines.join('\n')}\n`, lineOfRow }
}

const big = bigExport(12_000, 9_001)
let pages: Page[]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chorus-import-'))
  outside = mkdtempSync(join(tmpdir(), 'chorus-outside-'))
  writeFileSync(join(dir, 'big.csv'), big.text)
  writeFileSync(join(outside, 'secret.csv'), 'id,date,text\n1,2024-03-04T09:00:00Z,secret\n')
  pages = await readAll((cursor) => fetchCsv({ path: 'big.csv' }, cursor))
})
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
  await http.close()
})

function fetchCsv(config: object, cursor: string | null = null): Promise<Page> {
  return createCsvAdapter({ importDir: dir }).fetchPage({ config: fileSourceConfigSchema.parse(config), cursor, http, now: NOW })
}

async function readAll(fetch: (cursor: string | null) => Promise<Page>, cursor: string | null = null): Promise<Page[]> {
  const pages: Page[] = []
  for (let guard = 0; guard < 20; guard++) {
    const page = await fetch(cursor)
    pages.push(page)
    cursor = page.nextCursor
    if (page.done) break
  }
  return pages
}

const rowsRead = (page: Page) => (JSON.parse(page.nextCursor!) as { rows: number }).rows
const ids = (page: Page) => page.posts.map((post) => post.externalId)

describe('paging through a large CSV file', () => {
  it('reads 12,000 rows in order, 5,000 a page, the cursor moving with each page', () => {
    // A page's 5,000 rows do not fit in one 1 MiB window: pages continue across windows.
    expect(Buffer.byteLength(big.text) / 12_000 * 5_000).toBeGreaterThan(1.1 * 1024 * 1024)
    expect(pages.map((page) => page.posts.length + page.failures.length)).toEqual([5_000, 5_000, 2_000])
    expect(pages.map(rowsRead)).toEqual([5_000, 10_000, 12_000])
    expect(pages.map((page) => page.done)).toEqual([false, false, true])
    const expected = Array.from({ length: 12_000 }, (_, i) => `row-${String(i + 1).padStart(5, '0')}`).filter((id) => id !== 'row-09001')
    expect(pages.flatMap(ids)).toEqual(expected)
    expect(pages[2]!.posts.at(-1)!.createdAt).toBe('2024-03-04T09:00:00.000Z')
  })

  it('reports a broken row deep in the file at its line, not its row number', () => {
    expect(big.lineOfRow[9_001]).toBeGreaterThan(9_002)
    expect(pages.flatMap((page) => reasons(page.failures))).toEqual([`line ${big.lineOfRow[9_001]}: 3 fields where the header has 5`])
  })

  it('resumes from a stored cursor where the next page would have started', async () => {
    const resumed = await fetchCsv({ path: 'big.csv' }, pages[0]!.nextCursor)
    expect(ids(resumed)[0]).toBe('row-05001')
    expect(ids(resumed)).toEqual(ids(pages[1]!))
    expect(resumed.failures).toEqual(pages[1]!.failures)
    expect(resumed.nextCursor).toBe(pages[1]!.nextCursor)
    expect(resumed.notes).not.toContainEqual(expect.stringMatching(/changed/))
  })

  it('takes a bare row count for a cursor, counting rows from the start', async () => {
    const page = await fetchCsv({ path: 'big.csv', pageSize: 3 }, '9999')
    expect(ids(page)).toEqual(['row-10000', 'row-10001', 'row-10002'])
    expect(rowsRead(page)).toBe(10_002)
  })

  it('reads nothing twice once the file is done', async () => {
    const again = await fetchCsv({ path: 'big.csv' }, pages.at(-1)!.nextCursor)
    expect(again).toMatchObject({ posts: [], failures: [], done: true })
  })

  it('counts rows again when the file was replaced since the cursor was stored', async () => {
    const path = join(dir, 'replaced.csv')
    writeFileSync(path, bigExport(300, 0).text)
    const first = await fetchCsv({ path: 'replaced.csv', pageSize: 100 })
    const stored = JSON.parse(first.nextCursor!) as { byte: number }
    const replacement = bigExport(300, 0).text.replace(/texto /g, 'texto más largo ')
    expect(replacement[stored.byte - 1]).not.toBe('\n')
    writeFileSync(path, replacement)
    const resumed = await fetchCsv({ path: 'replaced.csv', pageSize: 100 }, first.nextCursor)
    expect(ids(resumed)[0]).toBe('row-00101')
    expect(resumed.notes).toContainEqual(expect.stringMatching(/the file changed since the last page was read; resumed after row 100/))
  })

  it('reads a row larger than the first read window whole', async () => {
    const long = 'agua '.repeat(300_000)
    writeFileSync(join(dir, 'long.csv'), `id,date,text\na1,2024-03-04T09:00:00Z,uno\na2,2024-03-04T09:01:00Z,"${long}"\na3,2024-03-04T09:02:00Z,tres\n`)
    const pages = await readAll((cursor) => fetchCsv({ path: 'long.csv', pageSize: 2 }, cursor))
    expect(pages.flatMap(ids)).toEqual(['a1', 'a2', 'a3'])
    expect(pages.flatMap((page) => page.posts)[1]!.text).toHaveLength(long.trim().length)
  })
})

describe('the configured file', () => {
  it('is stored under the configured platform with the configured mapping', async () => {
    writeFileSync(join(dir, 'mastodon.csv'), 'uri,when,body,acct\nhttps://m.example/users/a/statuses/1,2024-03-04T09:00:00Z,hola,a@m.example\n')
    const page = await fetchCsv({ path: 'mastodon.csv', platform: 'mastodon', mapping: { externalId: 'uri', createdAt: 'when', text: 'body', authorHandle: 'acct' } })
    expect(page.posts[0]).toMatchObject({ platform: 'mastodon', externalId: 'https://m.example/users/a/statuses/1', author: { platform: 'mastodon', handle: 'a@m.example' } })
  })

  it('fails the run, saying what is missing, when no column holds the text', async () => {
    writeFileSync(join(dir, 'no-text.csv'), 'id,date,sentiment\n1,2024-03-04T09:00:00Z,positive\n')
    await expect(fetchCsv({ path: 'no-text.csv' })).rejects.toThrow(/no column for text; columns found: "id", "date", "sentiment"/)
  })

  it('must be inside the import folder, even through a symbolic link', async () => {
    await expect(fetchCsv({ path: join(outside, 'secret.csv') })).rejects.toThrow(/outside the import folder/)
    await expect(fetchCsv({ path: '../' + join(outside.split('/').at(-1)!, 'secret.csv') })).rejects.toThrow(/outside the import folder/)
    symlinkSync(join(outside, 'secret.csv'), join(dir, 'link.csv'))
    await expect(fetchCsv({ path: 'link.csv' })).rejects.toThrow(/outside the import folder/)
  })

  it('says when it does not exist', async () => {
    await expect(fetchCsv({ path: 'nowhere.csv' })).rejects.toThrow(/nowhere.csv: no such file in the import folder/)
  })
})

describe('paging through a JSONL file', () => {
  it('reads every line once, failing the broken one once, with its line number', async () => {
    copyFileSync(join(FIXTURES, 'mastodon-statuses.jsonl'), join(dir, 'statuses.jsonl'))
    const adapter = createJsonlAdapter({ importDir: dir })
    const pages = await readAll((cursor) => adapter.fetchPage({ config: fileSourceConfigSchema.parse({ path: 'statuses.jsonl', pageSize: 2 }), cursor, http, now: NOW }))
    expect(pages.map((page) => rowsRead(page))).toEqual([2, 4, 6])
    expect(pages.flatMap(ids)).toHaveLength(4)
    expect(new Set(pages.flatMap(ids)).size).toBe(4)
    expect(pages.flatMap((page) => reasons(page.failures))).toEqual([expect.stringMatching(/^line 4: not valid JSON/)])
  })
})
