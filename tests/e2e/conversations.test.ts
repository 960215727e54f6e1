import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../server/db'
import { chromiumPath, demoEmail, importPosts, launchBrowser, type RunningServer, screenshotPath, settled, signIn, signInPage, startServer } from './support'

const HOUR = 3_600_000
// Searches start after a pause in typing, and the count after the first page.
const PATIENT = { timeout: 15_000 }

let server: RunningServer
let browser: BrowserContext
const dialogs: string[] = []

/** A post as a JSONL export holds it, written some hours ago so it is inside "the last 30 days". */
function exported(n: number, lang: string, text: string) {
  return {
    id: `conversations-e2e-${n}`,
    url: `https://social.example/@writer${n}/${n}`,
    text,
    createdAt: new Date(Date.now() - n * HOUR).toISOString(),
    author: `writer${n}`,
    authorName: `Writer ${n}`,
    lang,
  }
}

// Markup arrives escaped in a status's HTML (as Mastodon sends it), and is text once decoded.
const HOSTILE = '<p>Hospitality night &lt;img src=x onerror=alert(1)&gt; and &lt;script&gt;alert(2)&lt;/script&gt;<br>for newcomers</p><p>Bring food</p>'
const IMPORTED = [
  exported(1, 'ja', '東京の支援団体が難民の家族に冬の衣類を配りました。'),
  exported(2, 'ja', '難民申請の審査が長引き、多くの人が不安を抱えています。'),
  exported(3, 'ja', '東京の桜は今年も早く咲きそうです。'),
  exported(4, 'en', HOSTILE),
]

/** A demo reply whose parent Chorus also heard: a post with a thread above it. */
async function aReplyInAThread(dbFile: string): Promise<number> {
  const { db, sqlite } = createDb(dbFile, { mustExist: true })
  try {
    const row = await db.selectFrom('postRelations').select('postId')
      .where('kind', '=', 'reply').where('targetPostId', 'is not', null).orderBy('postId', 'desc').executeTakeFirstOrThrow()
    return row.postId
  }
  finally {
    sqlite.close()
  }
}

/** A post's text as the database holds it, found by its id on the platform. */
async function storedText(dbFile: string, externalId: string): Promise<string> {
  const { db, sqlite } = createDb(dbFile, { mustExist: true })
  try {
    return (await db.selectFrom('posts').select('text').where('externalId', 'like', `%${externalId}%`).executeTakeFirstOrThrow()).text
  }
  finally {
    sqlite.close()
  }
}

/** conversations.count over HTTP, as the page asks it. */
async function countOf(cookie: string, input: object): Promise<number> {
  const response = await fetch(`${server.url}/api/trpc/conversations.count?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } })
  return ((await response.json()) as { result: { data: { total: number } } }).result.data.total
}

beforeAll(async () => {
  server = await startServer({ demoPosts: 5000, env: { CHORUS_SCHEDULER: 'off' } })
  expect(await importPosts(server.dbFile, IMPORTED)).toBe(IMPORTED.length)
  browser = await launchBrowser()
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function signInAs(role: string, viewport?: { width: number, height: number }): Promise<Page> {
  const page = await signInPage(browser, server.url, role, viewport)
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message())
    await dialog.dismiss()
  })
  return page
}

/** Types a search and waits for the URL to carry it. */
async function searchFor(page: Page, text: string) {
  const box = page.getByTestId('search-input')
  await box.fill(text)
  await box.press('Enter')
  await page.waitForURL((url) => url.searchParams.get('q') === text)
}

const cards = (page: Page) => page.getByTestId('post-card')
const cardIds = (page: Page) => cards(page).evaluateAll((elements) => elements.map((element) => element.getAttribute('data-post-id')))
/** Each post's own words on screen: its title and text (not the matched terms shown beside them). */
const postWords = (page: Page) => cards(page).evaluateAll((elements) => elements.map((element) =>
  ['post-title', 'post-text'].map((id) => element.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').join('\n')))
const countText = (page: Page) => page.getByTestId('result-count').innerText()

/**
 * Elements the hostile post would have made, had its text been read as markup. The server's
 * payload for hydration holds the text as JSON data, which is not a script that runs.
 */
function injected(page: Page) {
  return page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
    scripts: [...document.scripts].filter((script) => script.type !== 'application/json' && script.text.includes('alert(2)')).length,
  }))
}

/** The figure of "123 posts", once counted. */
async function shownCount(page: Page): Promise<number> {
  await expect.poll(() => countText(page), PATIENT).toMatch(/^[\d,]+ posts?$|^No posts$/)
  const text = await countText(page)
  return text === 'No posts' ? 0 : Number(text.replace(/\D/g, ''))
}

describe.skipIf(!chromiumPath())('the Conversations pages', () => {
  it('searches across languages, accents or not, and shows the matched terms', async () => {
    const page = await signInAs('analyst')
    await page.getByTestId('nav-workspace').getByRole('link', { name: 'Conversations' }).click()
    await page.waitForURL(/\/conversations$/)
    await cards(page).first().waitFor()
    expect(await shownCount(page)).toBeGreaterThan(30)
    await settled(page)
    await page.screenshot({ path: screenshotPath('conversations-desktop') })

    await searchFor(page, 'réfugiés')
    await expect.poll(async () => new Set(await page.getByTestId('post-term').allInnerTexts()), PATIENT).toEqual(new Set(['réfugiés']))
    const accented = await shownCount(page)
    expect(accented).toBeGreaterThan(0)
    const accentedIds = await cardIds(page)
    for (const words of await postWords(page)) expect(words.toLowerCase()).toContain('réfugiés')

    // Without accents, the same posts: search folds accents as topics do.
    await searchFor(page, 'refugies')
    await expect.poll(async () => new Set(await page.getByTestId('post-term').allInnerTexts()), PATIENT).toEqual(new Set(['refugies']))
    expect(await shownCount(page)).toBe(accented)
    expect(await cardIds(page)).toEqual(accentedIds)

    // Arabic, from the demo corpus: the word, or the hashtag that is the word.
    await searchFor(page, 'النزوح')
    await expect.poll(async () => new Set(await page.getByTestId('post-term').allInnerTexts()), PATIENT).toEqual(new Set(['النزوح']))
    expect(await shownCount(page)).toBeGreaterThan(0)
    for (const words of await postWords(page)) expect(words).toContain('النزوح')
    expect(new Set(await page.getByTestId('post-lang').allInnerTexts())).toEqual(new Set(['Arabic']))

    // Japanese, written without spaces: 難民 finds the posts that have it, not the one about Tokyo only.
    await searchFor(page, '難民')
    await expect.poll(async () => new Set(await page.getByTestId('post-term').allInnerTexts()), PATIENT).toEqual(new Set(['難民']))
    await expect.poll(() => cards(page).filter({ hasText: '難民申請の審査' }).count(), PATIENT).toBe(1)
    expect(await cards(page).filter({ hasText: '東京の支援団体' }).count()).toBe(1)
    expect(await cards(page).filter({ hasText: '東京の桜' }).count()).toBe(0)
    for (const words of await postWords(page)) expect(words).toContain('難民')
    await page.screenshot({ path: screenshotPath('conversations-search-ja') })

    // Words side by side mean AND.
    await searchFor(page, '東京 難民')
    await expect.poll(async () => new Set(await page.getByTestId('post-term').allInnerTexts()), PATIENT).toEqual(new Set(['東京', '難民']))
    expect(await cards(page).filter({ hasText: '東京の支援団体' }).count()).toBe(1)
    expect(await cards(page).filter({ hasText: '難民申請の審査' }).count()).toBe(0)
    await page.close()
  })

  it('says where a query stops parsing and keeps the last results', async () => {
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/conversations?q=${encodeURIComponent('東京')}`)
    await expect.poll(() => cards(page).count(), PATIENT).toBe(2)
    await searchFor(page, '東京 AND (')
    const error = page.getByTestId('search-error')
    await expect.poll(() => error.innerText(), PATIENT).toMatch(/^Something to search for is missing here.* · character 9$/)
    expect(await cards(page).count()).toBe(2)
    await page.close()
  })

  it('shows hostile markup in a post as text, in the stream and on its page', async () => {
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/conversations?q=hospitality`)
    const card = cards(page).filter({ hasText: 'Hospitality night' })
    await expect.poll(() => card.count(), PATIENT).toBe(1)
    // The markup reads as written, line breaks included.
    const stored = await storedText(server.dbFile, 'conversations-e2e-4')
    expect(stored).toBe('Hospitality night <img src=x onerror=alert(1)> and <script>alert(2)</script>\nfor newcomers\n\nBring food')
    expect(await card.getByTestId('post-text').innerText()).toBe(stored)
    expect(await injected(page)).toEqual({ images: 0, scripts: 0 })

    await card.getByTestId('post-detail-link').click()
    await page.waitForURL(/\/conversations\/\d+$/)
    const main = page.getByTestId('post-main')
    await main.waitFor()
    expect(await main.getByTestId('post-text').innerText()).toBe(stored)
    expect(await injected(page)).toEqual({ images: 0, scripts: 0 })
    const original = main.getByTestId('post-original')
    expect(await original.getAttribute('target')).toBe('_blank')
    expect(await original.getAttribute('rel')).toBe('noopener noreferrer')
    expect(dialogs).toEqual([])
    await page.close()
  })

  it('loads the next page as the reader scrolls, and filters by an author', async () => {
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/conversations`)
    await expect.poll(() => cards(page).count(), PATIENT).toBe(30)
    await page.getByTestId('stream-end').scrollIntoViewIfNeeded()
    await expect.poll(() => cards(page).count(), PATIENT).toBe(60)
    const ids = await cardIds(page)
    expect(new Set(ids).size).toBe(60)

    const first = cards(page).first()
    const handle = await first.getAttribute('data-author')
    await first.getByTestId('post-author').click()
    await page.waitForURL(/author=\d+/)
    const chip = page.getByTestId('author-chip')
    await expect.poll(() => chip.innerText(), PATIENT).toBe(handle)
    await expect.poll(() => cards(page).evaluateAll((elements) => [...new Set(elements.map((e) => e.getAttribute('data-author')))]), PATIENT)
      .toEqual([handle])
    await chip.getByTestId('author-chip-remove').click()
    await page.waitForURL((url) => !url.searchParams.has('author'))
    await page.close()
  })

  it('shows a post with its thread, language, topics and source', async () => {
    const reply = await aReplyInAThread(server.dbFile)
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/conversations/${reply}`)
    const ancestors = page.getByTestId('thread-ancestors').getByTestId('post-card')
    await expect.poll(() => ancestors.count()).toBeGreaterThan(0)
    expect(await page.getByTestId('post-language').innerText()).toMatch(/^Language\s+\S.*\s+Declared by the platform: \S/i)
    expect(await page.getByTestId('post-source').innerText()).toMatch(/^Source\s+\S/i)
    await page.screenshot({ path: screenshotPath('post-detail'), fullPage: true })

    // Each post of the thread opens on its own page.
    const parentId = await ancestors.last().getAttribute('data-post-id')
    await ancestors.last().getByTestId('post-detail-link').click()
    await page.waitForURL(new RegExp(`/conversations/${parentId}$`))
    await expect.poll(() => page.getByTestId('thread-replies').getByTestId('post-card').evaluateAll((elements) => elements.map((e) => e.getAttribute('data-post-id'))))
      .toContain(String(reply))

    // An analyst corrects the sentiment from the detail.
    await page.getByTestId('post-facts').getByTestId('sentiment-menu').click()
    await page.getByRole('menuitemcheckbox', { name: 'Negative' }).click()
    await expect.poll(() => page.getByTestId('post-facts').getByTestId('sentiment').innerText()).toBe('Negative, corrected')
    await page.close()
  })

  it('shows a boost with the post it repeats and in its language, not as a post of no language', async () => {
    const { db, sqlite } = createDb(server.dbFile, { mustExist: true })
    const boost = await db.selectFrom('postRelations').innerJoin('posts', 'posts.id', 'postRelations.postId')
      .innerJoin('posts as original', 'original.id', 'postRelations.targetPostId')
      .select(['posts.id', 'posts.lang', 'original.id as originalId', 'original.text as originalText', 'original.lang as originalLang'])
      .where('postRelations.kind', '=', 'repost').where('posts.text', '=', '').where('original.text', '!=', '')
      .orderBy('posts.id').executeTakeFirstOrThrow()
      .finally(() => sqlite.close())
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/conversations/${boost.id}`)
    const card = page.getByTestId('post-card').first()
    await expect.poll(() => card.getByTestId('post-repost').innerText()).toBe('Repost')
    // The demo's boosts came with their originals, whose language they take.
    expect(boost.originalLang).not.toBe('und')
    expect(boost.lang).toBe(boost.originalLang)
    const language = await card.getByTestId('post-lang').innerText()
    expect(language).not.toBe('Undetermined')
    expect(await card.getByTestId('post-reposted').innerText()).toContain(boost.originalText.slice(0, 40))
    const facts = page.getByTestId('post-facts')
    expect(await facts.getByTestId('post-repost-facts').innerText()).toMatch(/A repost has no words of its own: its language is that of the post it repeats/)
    expect(await facts.getByTestId('post-language').innerText()).toContain(language)
    expect(await facts.getByTestId('post-language').innerText()).toContain('Taken from the post it repeats')
    expect(await facts.getByTestId('sentiment-menu').count()).toBe(0)
    await page.screenshot({ path: screenshotPath('post-detail-repost'), fullPage: true })
    await facts.getByRole('link', { name: /^Reposted from / }).click()
    await page.waitForURL(new RegExp(`/conversations/${boost.originalId}$`))
    // The address changes before the page does: the facts are the original's once no repost's are left.
    await expect.poll(() => page.getByTestId('post-facts').getByTestId('post-repost-facts').count()).toBe(0)
    expect(await page.getByTestId('post-facts').getByTestId('post-language').innerText()).toContain(language)
    expect(await page.getByTestId('post-facts').getByTestId('post-language').innerText()).not.toContain('Taken from the post it repeats')
    await page.close()
  })

  it('lists a post\'s keyphrases, each opening the posts that use it, and its mentions as links', async () => {
    const { db, sqlite } = createDb(server.dbFile, { mustExist: true })
    let id: number
    try {
      // An English post with words of its own that mentions someone Chorus knows.
      id = (await db.selectFrom('postRelations').innerJoin('posts', 'posts.id', 'postRelations.postId').select('posts.id')
        .where('postRelations.kind', '=', 'mention').where('postRelations.targetAuthorId', 'is not', null)
        .where('posts.lang', '=', 'en').where('posts.kind', '=', 'post').orderBy('posts.id').executeTakeFirstOrThrow()).id
    }
    finally {
      sqlite.close()
    }
    const page = await signInAs('viewer')
    await page.goto(`${server.url}/conversations/${id}`)
    const keyphrases = page.getByTestId('post-keyphrases')
    const phrases = keyphrases.getByRole('link')
    await expect.poll(() => phrases.count()).toBeGreaterThan(0)
    expect(await keyphrases.innerText()).toMatch(/the other posts in its language \(English, [\d,]+ stored\)/)
    expect(await phrases.first().getAttribute('title')).toMatch(/^Used in [\d,]+ of [\d,]+ posts \(English\)$/)
    expect(await page.getByTestId('post-mentions').getByRole('link').first().getAttribute('href')).toMatch(/\/conversations\?author=\d+$/)
    await page.screenshot({ path: screenshotPath('post-detail-keyphrases'), fullPage: true })

    const phrase = (await phrases.first().innerText()).trim()
    await phrases.first().click()
    await page.waitForURL((url) => url.searchParams.get('q') === `"${phrase}"`)
    expect(await shownCount(page)).toBeGreaterThan(0)
    for (const words of await postWords(page)) expect(words.toLowerCase()).toContain(phrase.toLowerCase())
    await page.close()
  })

  it('exports the filtered set as CSV with its progress, and the same rows as JSONL', async () => {
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/conversations?lang=fr`)
    await cards(page).first().waitFor()
    const total = await shownCount(page)
    const cookie = (await browser.cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
    const to = new Date().toISOString().slice(0, 10)
    const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10)
    expect(await countOf(cookie, { filters: { from, to, langs: ['fr'] } })).toBe(total)

    await page.getByTestId('export-menu').click()
    const downloading = page.waitForEvent('download')
    await page.getByRole('menuitem', { name: 'Export CSV' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe(`chorus-conversations-${to}.csv`)
    const rows = parse(readFileSync(await download.path()).toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as { id: string, lang: string, text: string }[]
    expect(rows.length).toBe(total)
    expect(new Set(rows.map((row) => row.lang))).toEqual(new Set(['fr']))
    // The Japanese and English imports are outside the filter.
    expect(rows.some((row) => row.text.includes('難民') || row.text.includes('Hospitality'))).toBe(false)

    const response = await fetch(`${server.url}/api/export/conversations?format=jsonl&from=${from}&to=${to}&q=${encodeURIComponent('難民')}`, { headers: { cookie } })
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="chorus-conversations-${to}.jsonl"`)
    const lines = (await response.text()).trimEnd().split('\n').map((line) => JSON.parse(line) as { title: string | null, text: string })
    const japanese = { filters: { from, to }, q: '難民' }
    expect(lines.length).toBe(await countOf(cookie, japanese))
    // Search reads a news item's headline as well as its text.
    expect(lines.every((line) => `${line.title ?? ''}\n${line.text}`.includes('難民'))).toBe(true)
    expect(lines.filter((line) => line.text.includes('難民申請の審査') || line.text.includes('東京の支援団体'))).toHaveLength(2)
    await page.close()
  })

  it('shows an export\'s progress on a slow connection, and cancels it', async () => {
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/conversations`)
    await cards(page).first().waitFor()
    const total = await shownCount(page)
    // A slow line, so the download is still under way when we look.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 40_000, uploadThroughput: 40_000 })
    let downloaded = false
    page.on('download', () => { downloaded = true })

    await page.getByTestId('export-menu').click()
    await page.getByRole('menuitem', { name: 'Export JSONL' }).click()
    const progress = page.getByTestId('export-progress')
    const figures = page.getByTestId('export-count')
    await expect.poll(async () => Number((/^([\d,]+) of/.exec(await figures.innerText())?.[1] ?? '0').replace(/,/g, '')), PATIENT).toBeGreaterThan(0)
    expect(await figures.innerText()).toMatch(new RegExp(`^[\\d,]+ of ${total.toLocaleString('en')} posts$`))
    expect(await progress.getByRole('progressbar').count()).toBe(1)
    await page.screenshot({ path: screenshotPath('conversations-export-progress') })

    await page.getByTestId('export-cancel').click()
    await progress.waitFor({ state: 'detached' })
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    expect(downloaded).toBe(false)
    await page.close()
  })

  it('refuses the export without a session, to a viewer, and for a query that does not parse', async () => {
    const to = new Date().toISOString().slice(0, 10)
    const url = `${server.url}/api/export/conversations?format=csv&from=${to}&to=${to}`
    expect((await fetch(url)).status).toBe(401)
    expect((await fetch(url, { headers: { cookie: await signIn(server.url, demoEmail('viewer')) } })).status).toBe(403)
    const analyst = await signIn(server.url, demoEmail('analyst'))
    const bad = await fetch(`${url}&q=${encodeURIComponent('refugees AND (')}`, { headers: { cookie: analyst } })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toMatch(/^q: .* at 14$/)
    expect((await fetch(`${url}&platform=myspace`, { headers: { cookie: analyst } })).status).toBe(400)
  })

  it('saves a search, opens it again and deletes it', async () => {
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/conversations?q=${encodeURIComponent('réfugiés')}&sort=engaged`)
    await cards(page).first().waitFor()
    await page.getByTestId('saved-searches').click()
    await page.getByTestId('saved-search-name').fill('French refugees, most engaged')
    await page.getByTestId('saved-search-save').click()
    const saved = page.getByTestId('saved-search').filter({ hasText: 'French refugees, most engaged' })
    await saved.waitFor()
    await page.keyboard.press('Escape')

    await page.goto(`${server.url}/conversations`)
    await cards(page).first().waitFor()
    await page.getByTestId('saved-searches').click()
    await saved.getByTestId('saved-search-open').click()
    await page.waitForURL((url) => url.searchParams.get('q') === 'réfugiés' && url.searchParams.get('sort') === 'engaged' && url.searchParams.has('from'))
    expect(await page.getByTestId('search-input').inputValue()).toBe('réfugiés')

    await page.getByTestId('saved-searches').click()
    await saved.getByTestId('saved-search-delete').click()
    await expect.poll(() => saved.count()).toBe(0)
    await page.close()
  })

  it('leaves saving and exporting out for a viewer', async () => {
    const page = await signInAs('viewer')
    await page.goto(`${server.url}/conversations`)
    await cards(page).first().waitFor()
    expect(await page.getByTestId('export-menu').count()).toBe(0)
    expect(await page.getByTestId('saved-searches').count()).toBe(0)
    expect(await page.getByTestId('sentiment-menu').count()).toBe(0)
    await page.close()
  })

  it('says what to try when nothing matches', async () => {
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/conversations?range=7&q=${encodeURIComponent('"no post says this"')}`)
    const empty = page.getByTestId('conversations-empty')
    await empty.waitFor(PATIENT)
    expect(await empty.innerText()).toMatch(/No posts match[\s\S]*Last 90 days[\s\S]*Clear the search/)
    await page.close()
  })

  it('fits a phone screen', async () => {
    const page = await signInAs('analyst', { width: 390, height: 844 })
    await page.goto(`${server.url}/conversations?q=${encodeURIComponent('réfugiés')}`)
    await cards(page).first().waitFor()
    await shownCount(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.screenshot({ path: screenshotPath('conversations-narrow') })
    await page.goto(`${server.url}/conversations/${await aReplyInAThread(server.dbFile)}`)
    await page.getByTestId('post-main').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.screenshot({ path: screenshotPath('post-detail-narrow'), fullPage: true })
    await page.close()
  })
})
