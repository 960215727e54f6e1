import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../server/db'
import { recordAlert, saveSpike } from '../../server/db/repositories/spikes'
import { chromiumPath, importPosts, launchBrowser, type RunningServer, screenshotPath, settled, signInPage, startServer } from './support'

const HOUR = 3_600_000
// The preview waits for a pause in typing, then scans the latest posts.
const PATIENT = { timeout: 10_000 }

let server: RunningServer
let browser: BrowserContext
let posts: number

/** A post as a JSONL export holds it, written some hours ago so it counts in "the last 7 days". */
function exported(n: number, lang: string, text: string, hoursAgo = n) {
  return {
    id: `topics-e2e-${n}`,
    url: `https://social.example/@author${n}/${n}`,
    text,
    createdAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
    author: `author${n}`,
    authorName: `Author ${n}`,
    lang,
  }
}

const CORPUS = [
  exported(1, 'en', 'Refugees at the border camp still need shelter and clean water tonight.'),
  exported(2, 'en', 'Great to see the town welcoming refugees with open arms and warm meals, wonderful people.'),
  exported(3, 'en', 'A new report on refugee education funding across the region was published this year.'),
  exported(4, 'en', 'The football match was cancelled because of the heavy rain this evening.'),
  exported(5, 'en', 'Volunteers are collecting winter coats for the homeless shelter downtown.'),
  exported(6, 'fr', 'Les réfugiés du camp attendent toujours un abri pour l\'hiver, c\'est une honte.'),
  exported(7, 'fr', 'Magnifique élan de solidarité pour accueillir les réfugiés dans notre ville, bravo à tous.'),
  exported(8, 'fr', 'Le marché de Noël ouvre ses portes samedi sur la place centrale de la ville.'),
  exported(9, 'sw', 'Wakimbizi wengi wanahitaji msaada wa chakula na maji katika kambi hii leo.'),
  exported(10, 'es', 'Los refugiados necesitan refugio y agua potable en la frontera esta noche.'),
  exported(11, 'en', 'Refugees and migrants deserve dignity, and the new shelter finally opened today.'),
  exported(12, 'en', 'Refugees <img src=x onerror=alert(1)> <script>alert(2)</script> are welcome here, say the neighbours.'),
]

/** A spike with its drivers and the in-app alert it raised, as the spike watch stores them. */
async function seedSpike(dbFile: string, topicId: number) {
  const { db, sqlite } = createDb(dbFile, { mustExist: true })
  try {
    const start = new Date(Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR)
    // Each driver's shares are of the spike's posts and of those in its baseline window.
    const total = 260
    const baselineTotal = 300
    const driver = (key: string, spike: number, baseline: number) => ({ key, spike, baseline, spikeShare: spike / total, baselineShare: baseline / baselineTotal, lift: 8, score: 12 })
    const now = new Date()
    const { id } = await saveSpike(db, {
      topicId, lang: 'sw', granularity: 'hour', start: start.toISOString(), end: new Date(start.getTime() + 3 * HOUR).toISOString(),
      peakAt: start.toISOString(), peakCount: 120, total, baseline: 8, z: 9.4,
      drivers: {
        terms: [driver('kambi', 80, 3), driver('msaada', 41, 2)], hashtags: [driver('#Wakimbizi', 55, 1)], authors: [driver('author9', 12, 0)],
        links: [], domains: [driver('news.example', 9, 1)], languages: [driver('sw', 240, 20)],
      },
    }, now)
    await recordAlert(db, { spikeId: id, topicId, channel: 'app', status: 'sent', detail: '120 posts in one hour against about 8 expected' }, now)
  }
  finally {
    sqlite.close()
  }
}

/**
 * Stands in for a long re-tag, which twelve posts never take: a job row as the runner leaves it
 * half-way. Returns a function that moves it on, and one that removes it again.
 */
async function fakeRetag(dbFile: string, topicId: number) {
  const { db, sqlite } = createDb(dbFile, { mustExist: true })
  const at = new Date().toISOString()
  const { id } = await db.insertInto('nlpJobs').values({
    kind: 'retag', topicId, topicVersion: null, status: 'running', total: 20_000, done: 9_000, matched: 1_200, error: null, createdAt: at, startedAt: at, finishedAt: null,
  }).returning('id').executeTakeFirstOrThrow()
  return {
    fail: (error: string) => db.updateTable('nlpJobs').set({ status: 'failed', error, finishedAt: new Date().toISOString() }).where('id', '=', id).execute(),
    remove: async () => {
      await db.deleteFrom('nlpJobs').where('id', '=', id).execute()
      sqlite.close()
    },
  }
}

beforeAll(async () => {
  server = await startServer({ env: { CHORUS_SCHEDULER: 'off' } })
  posts = await importPosts(server.dbFile, CORPUS)
  browser = await launchBrowser()
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const signInAs = (role: string, viewport?: { width: number, height: number }) => signInPage(browser, server.url, role, viewport)

/** Picks a language in a searchable language menu. */
async function chooseLanguage(page: Page, trigger: string, name: string) {
  await page.getByTestId(trigger).click()
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).click()
  // Closing hands focus back to the menu's button: typing starts once that is done.
  await page.getByRole('listbox').waitFor({ state: 'detached' })
}

describe.skipIf(!chromiumPath())('the Topics pages', () => {
  it('lets an analyst write a topic per language with a live preview, save it and follow the re-tag', async () => {
    expect(posts).toBe(CORPUS.length)
    const page = await signInAs('analyst')
    await page.getByTestId('nav-workspace').getByRole('link', { name: 'Topics' }).click()
    await page.getByText('No topics yet').waitFor()
    await page.screenshot({ path: screenshotPath('topics-empty') })
    await page.getByTestId('new-topic').click()
    await page.waitForURL(/\/topics\/new$/)

    const form = page.getByTestId('topic-form')
    const summary = page.getByTestId('preview-summary')
    await form.getByLabel('Name').fill('Refugee protection')
    await chooseLanguage(page, 'query-lang-0', 'English')
    const english = page.getByTestId('query-text-0')
    await english.pressSequentially('refugee*')
    await expect.poll(() => summary.innerText(), PATIENT).toBe(`5 matches in the latest ${CORPUS.length} posts`)
    expect(await page.getByTestId('post-term').allInnerTexts()).toContain('refugee*')
    // Hostile markup in a post is shown as text and never runs.
    const preview = page.getByTestId('topic-preview')
    await expect.poll(() => preview.innerText()).toContain('are welcome here')
    expect(await preview.locator('img, script').count()).toBe(0)

    // Narrowing the query narrows the preview as it is typed.
    await english.pressSequentially(' AND (shelter')
    const error = page.getByTestId('query-error-0')
    await expect.poll(() => error.innerText()).toMatch(/This parenthesis has no partner\. · character 14/)
    expect(await error.getByTestId('query-error-mark').innerText()).toBe('(')
    // The preview asks again without the broken query, and says so.
    await expect.poll(() => preview.innerText(), PATIENT).toContain('A query with an error is left out of the preview.')
    await expect.poll(() => summary.innerText(), PATIENT).toBe(`No matches in the latest ${CORPUS.length} posts`)
    await error.scrollIntoViewIfNeeded()
    await settled(page)
    await page.screenshot({ path: screenshotPath('topics-query-error') })
    await english.pressSequentially(')')
    await expect.poll(() => error.count()).toBe(0)
    await expect.poll(() => summary.innerText(), PATIENT).toBe(`2 matches in the latest ${CORPUS.length} posts`)

    await chooseLanguage(page, 'add-language', 'French')
    await page.getByTestId('query-text-1').pressSequentially('réfugiés OR "camp de réfugiés"')
    await expect.poll(() => summary.innerText(), PATIENT).toBe(`4 matches in the latest ${CORPUS.length} posts`)
    // A query longer than a topic takes is flagged as it is typed, and the preview goes on without it.
    await page.getByTestId('query-text-1').fill(Array(400).fill('réfugiés').join(' OR '))
    await expect.poll(() => page.getByTestId('query-error-1').innerText()).toMatch(/^A query holds at most 4,000 characters/)
    await expect.poll(() => summary.innerText(), PATIENT).toBe(`2 matches in the latest ${CORPUS.length} posts`)
    await page.getByTestId('query-text-1').fill('réfugiés OR "camp de réfugiés"')
    await expect.poll(() => summary.innerText(), PATIENT).toBe(`4 matches in the latest ${CORPUS.length} posts`)

    // Swahili has no sentiment lexicon: its posts are "not scored", never neutral.
    await chooseLanguage(page, 'add-language', 'Swahili')
    await page.getByTestId('query-text-2').pressSequentially('wakimbizi')
    await expect.poll(() => summary.innerText(), PATIENT).toBe(`5 matches in the latest ${CORPUS.length} posts`)
    const swahili = page.getByTestId('preview-post').filter({ hasText: 'Wakimbizi' })
    expect(await swahili.getByTestId('post-lang').innerText()).toBe('Swahili')
    expect(await swahili.getByTestId('sentiment').innerText()).toBe('Not scored')

    // An analyst corrects the lexicon from the preview.
    const welcoming = page.getByTestId('preview-post').filter({ hasText: 'Refugees and migrants' })
    await welcoming.getByTestId('sentiment-menu').click()
    await page.getByRole('menuitemcheckbox', { name: 'Negative' }).click()
    await expect.poll(() => welcoming.getByTestId('sentiment').innerText()).toBe('Negative, corrected')
    await page.screenshot({ path: screenshotPath('topics-editor'), fullPage: true })

    await page.getByTestId('save-topic').click()
    await page.waitForURL(/\/topics\/\d+$/)
    const progress = page.getByTestId('retag-progress')
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 20_000 }).toBe('ok')
    expect(await progress.innerText()).toBe(`History re-tagged: 5 of ${CORPUS.length} posts match`)
    expect(await page.getByTestId('topic-spikes').innerText()).toMatch(/No spikes yet/)
    await page.screenshot({ path: screenshotPath('topics-saved'), fullPage: true })

    await page.getByRole('link', { name: 'Topics' }).first().click()
    const row = page.getByTestId('topic-row').filter({ hasText: 'Refugee protection' })
    await expect.poll(() => row.getByTestId('topic-posts').innerText()).toBe('5')
    expect(await row.innerText()).toMatch(/English[\s\S]*French[\s\S]*Swahili/)
    await page.screenshot({ path: screenshotPath('topics-list') })
    await page.close()
  })

  it('shows spikes with their drivers, and their alerts behind the bell', async () => {
    const topicId = 1
    await seedSpike(server.dbFile, topicId)
    const page = await signInAs('analyst')
    const bell = page.getByTestId('alerts-button')
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Alerts, 1 unread')
    await bell.click()
    const panel = page.getByTestId('alerts-panel')
    await expect.poll(() => panel.innerText()).toMatch(/Refugee protection[\s\S]*Spike: 120 posts at its peak vs ~8 expected · Swahili/)
    await settled(page)
    await page.screenshot({ path: screenshotPath('topics-alerts') })
    await panel.getByTestId('alert').first().click()
    await page.waitForURL(new RegExp(`/topics/${topicId}$`))
    const spikes = page.getByTestId('topic-spikes')
    await expect.poll(() => spikes.innerText()).toMatch(/120 posts at its peak vs ~8 expected/)
    expect(await spikes.innerText()).toMatch(/Terms\s+kambi 80 · 31% of the spike, 1% before/)
    expect(await spikes.innerText()).toMatch(/Hashtags\s+#Wakimbizi/)
    await spikes.screenshot({ path: screenshotPath('topics-spikes') })
    // Following the alert read it.
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Alerts')
    await page.close()
  })

  it('shows topics to a viewer read-only and refuses them the editor', async () => {
    const page = await signInAs('viewer')
    await page.getByTestId('nav-workspace').getByRole('link', { name: 'Topics' }).click()
    const row = page.getByTestId('topic-row').filter({ hasText: 'Refugee protection' })
    await row.waitFor()
    expect(await page.getByTestId('new-topic').count()).toBe(0)
    await row.getByRole('link', { name: 'Refugee protection' }).click()
    const readOnly = page.getByTestId('topic-readonly')
    await readOnly.waitFor()
    expect(await readOnly.innerText()).toMatch(/English\s+refugee\* AND \(shelter\)/)
    expect(await page.getByTestId('topic-form').count()).toBe(0)
    await page.screenshot({ path: screenshotPath('topics-viewer'), fullPage: true })

    const response = await page.goto(`${server.url}/topics/new`)
    expect(response?.status()).toBe(403)
    expect(await page.getByTestId('error-page').innerText()).toMatch(/Not for your role/)
    // The server refuses the viewer's mutations whatever the page shows.
    const status = await page.evaluate(async () => (await fetch('/api/trpc/topics.remove', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 1 }),
    })).status)
    expect(status).toBe(403)
    await page.close()
  })

  it('follows a re-tag under way, and says why one failed', async () => {
    const job = await fakeRetag(server.dbFile, 1)
    try {
      const page = await signInAs('viewer')
      await page.goto(`${server.url}/topics`)
      const progress = page.getByTestId('topic-row').first().getByTestId('retag-progress')
      await expect.poll(() => progress.innerText()).toBe('Re-tagging history: 45% (9,000 of 20,000 posts)')
      expect(await progress.getByRole('progressbar').count()).toBe(1)
      await page.screenshot({ path: screenshotPath('topics-list-retagging') })
      // The list keeps asking while the job runs, and stops once it has ended.
      await job.fail('database is locked')
      await expect.poll(() => progress.innerText(), PATIENT).toBe('Re-tagging history failed: database is locked')
      expect(await progress.getByRole('progressbar').count()).toBe(0)
      await page.close()
    }
    finally {
      await job.remove()
    }
  })

  it('fits a phone screen', async () => {
    const page = await signInAs('analyst', { width: 390, height: 844 })
    await page.goto(`${server.url}/topics`)
    await page.getByTestId('topic-row').first().waitFor()
    await page.screenshot({ path: screenshotPath('topics-list-narrow'), fullPage: true })
    await page.goto(`${server.url}/topics/1`)
    const preview = page.getByTestId('topic-preview')
    await preview.getByTestId('preview-post').first().waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.screenshot({ path: screenshotPath('topics-editor-narrow') })
    await page.getByTestId('query-row').first().screenshot({ path: screenshotPath('topics-query-narrow') })
    await preview.screenshot({ path: screenshotPath('topics-preview-narrow') })
    await page.close()
  })

  it('reads in French', async () => {
    const page = await signInAs('analyst')
    await browser.addCookies([{ name: 'chorus_locale', value: 'fr', url: server.url }])
    await page.goto(`${server.url}/topics/1`)
    const preview = page.getByTestId('topic-preview')
    await expect.poll(() => preview.getByTestId('preview-summary').innerText(), PATIENT).toBe('5 correspondances dans les 12 derniers messages')
    expect(await preview.getByTestId('post-lang').allInnerTexts()).toContain('Swahili')
    expect(await preview.getByTestId('sentiment').allInnerTexts()).toContain('Non évalué')
    await page.screenshot({ path: screenshotPath('topics-editor-fr') })
    await page.goto(`${server.url}/topics`)
    await page.getByTestId('topic-row').first().waitFor()
    expect(await page.getByTestId('topic-row').first().innerText()).toMatch(/Anglais[\s\S]*Français[\s\S]*Swahili[\s\S]*messages ces 7 derniers jours/)
    await page.close()
  })

  it('saves changes with a new re-tag, keeps the webhook secret masked, and deletes the topic', async () => {
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/topics/1`)
    const form = page.getByTestId('topic-form')
    // Fields are found by name here: on a page rendered by the server, labels lose their inputs
    // after hydration (useId differs under an async page; nuxt/nuxt#30289).
    const field = (name: string) => form.locator(`input[name="${name}"]`)
    const french = page.getByTestId('query-text-1')
    await french.focus()
    await french.press('Control+End')
    await french.pressSequentially(' OR marché')
    await expect.poll(() => page.getByTestId('preview-summary').innerText(), PATIENT).toBe(`6 matches in the latest ${CORPUS.length} posts`)
    await form.getByPlaceholder('name@example.org').fill('team@example.org')
    await form.getByPlaceholder('name@example.org').press('Enter')
    await field('alertWebhookUrl').fill('https://hooks.example.org/chorus')
    await field('alertWebhookSecret').fill('a long webhook secret')
    await page.getByTestId('save-topic').click()
    const progress = page.getByTestId('retag-progress')
    await expect.poll(() => progress.innerText(), { timeout: 20_000 }).toBe(`History re-tagged: 6 of ${CORPUS.length} posts match`)

    // The stored secret never comes back: the field shows the mask, and saving the mask keeps it.
    await page.reload()
    expect(await field('alertWebhookSecret').inputValue()).toBe('••••••••')
    expect(await form.innerText()).toContain('team@example.org')

    await form.getByRole('button', { name: 'Delete topic' }).click()
    await page.getByTestId('confirm-delete').click()
    await page.waitForURL(/\/topics$/)
    await page.getByText('No topics yet').waitFor()
    await page.close()
  })
})
