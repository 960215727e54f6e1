import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { inferRouterOutputs } from '@trpc/server'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppRouter } from '../../server/trpc/routers'
import { lastFullWeek, shiftWeek } from '../../shared/digest'
import { startSmtpServer, type TestSmtpServer } from '../server/alerts/smtp-server'
import { chromiumPath, demoEmail, importPosts, launchBrowser, type RunningServer, SCREENSHOTS, screenshotPath, settled, signIn, signInPage, startServer } from './support'

type Outputs = inferRouterOutputs<AppRouter>['digest']

const NARROW = { width: 390, height: 844 }
const PATIENT = { timeout: 20_000 }
// The instance's zone, for the demo's digests (made in this process) and the server alike.
const ZONE = 'Europe/Paris'
process.env.CHORUS_TIME_ZONE = ZONE

// Markup arrives escaped in a status's HTML (as Mastodon sends it), and is text once decoded.
const HOSTILE_HTML = '<p>Digest night &lt;img src=x onerror=alert(1)&gt; and &lt;script&gt;alert(2)&lt;/script&gt; for everyone</p>'
const HOSTILE_TEXT = 'Digest night <img src=x onerror=alert(1)> and <script>alert(2)</script> for everyone'

let server: RunningServer
let browser: BrowserContext
let smtp: TestSmtpServer
let week: string

const cookies = new Map<string, string>()

/** A digest procedure over HTTP, as the page calls it, with a demo account's session. */
async function call<K extends keyof Outputs>(role: string, path: K, input?: object, method: 'GET' | 'POST' = 'GET'): Promise<Outputs[K]> {
  if (!cookies.has(role)) cookies.set(role, await signIn(server.url, demoEmail(role)))
  const cookie = cookies.get(role)!
  const query = method === 'GET' && input ? `?input=${encodeURIComponent(JSON.stringify(input))}` : ''
  const response = await fetch(`${server.url}/api/trpc/digest.${String(path)}${query}`, {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    body: method === 'POST' ? JSON.stringify(input) : undefined,
  })
  if (!response.ok) throw new Error(`digest.${String(path)} answered ${response.status}: ${await response.text()}`)
  return ((await response.json()) as { result: { data: Outputs[K] } }).result.data
}

beforeAll(async () => {
  smtp = await startSmtpServer()
  server = await startServer({ demoPosts: 3000, env: { CHORUS_SCHEDULER: 'off', CHORUS_SMTP_URL: smtp.url(), CHORUS_TIME_ZONE: ZONE } })
  week = (await call('viewer', 'info')).lastFullWeek
  expect(week).toBe(lastFullWeek(new Date(), ZONE))
  // A post of the last full week, engaging enough to lead its top posts (the demo's most engaging
  // have under 2,000 likes and reposts), whose text holds markup.
  const wednesday = new Date(Date.parse(mondayOf(week)) + 2 * 86_400_000)
  expect(await importPosts(server.dbFile, [{
    id: 'digest-hostile-1',
    url: 'https://social.example/@host/1',
    text: HOSTILE_HTML,
    createdAt: wednesday.toISOString(),
    author: 'host',
    authorName: 'Host of the night',
    lang: 'en',
    likes: 20_000,
  }])).toBe(1)
  // The week's digest is made again with it, as an analyst would after a late import.
  await call('analyst', 'generate', { week }, 'POST')
  browser = await launchBrowser()
}, 240_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await smtp?.close()
})

/** Monday of an ISO week, 00:00 in the instance's zone, as an ISO instant. */
function mondayOf(isoWeek: string): string {
  const [year, number] = isoWeek.split('-W').map(Number) as [number, number]
  const january4 = new Date(Date.UTC(year, 0, 4))
  const monday = new Date(january4.getTime() - ((january4.getUTCDay() + 6) % 7) * 86_400_000 + (number - 1) * 7 * 86_400_000)
  // Paris is one or two hours ahead of UTC: noon on the day is safely inside it.
  return new Date(monday.getTime() + 12 * 3_600_000).toISOString()
}

const signInAs = (role: string, viewport?: { width: number, height: number }) => signInPage(browser, server.url, role, viewport)

/** A figure on screen as a number ("12,345" in the English interface). */
async function figure(page: Page, key: string): Promise<number> {
  return Number((await page.getByTestId(`digest-figure-${key}`).getByTestId('figure-value').innerText()).replace(/\D/g, ''))
}

/** Waits until the digest and its charts have drawn. */
async function drawn(page: Page, element: 'canvas' | 'svg' = 'canvas') {
  await page.getByTestId('digest-report').waitFor()
  await page.getByTestId('digest-chart-daily').locator(element).first().waitFor(PATIENT)
  await settled(page)
  await page.waitForTimeout(500)
}

/** Nothing sticks out sideways: not the document, nor the panel that scrolls the page. */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const elements = [document.documentElement, ...document.querySelectorAll<HTMLElement>('main, [id^="dashboard-panel-digest"]')]
    return Math.max(0, ...elements.map((el) => el.scrollWidth - el.clientWidth))
  })
}

/** Elements the hostile post would have made, had its text been read as markup. */
function injected(page: Page) {
  return page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
    scripts: [...document.scripts].filter((script) => script.type !== 'application/json' && script.text.includes('alert(2)')).length,
  }))
}

describe.skipIf(!chromiumPath())('the Digest pages', () => {
  it('shows a viewer the archive and the latest digest with its real figures', async () => {
    const archive = await call('viewer', 'list', { limit: 104 })
    expect(archive.length).toBeGreaterThan(0)
    expect(archive[0]!.week).toBe(week)
    const { data } = await call('viewer', 'get', { week })

    const page = await signInAs('viewer')
    await page.getByTestId('nav-workspace').getByRole('link', { name: 'Digest' }).click()
    await page.waitForURL(/\/digest$/)
    await drawn(page)

    expect(await page.getByTestId('archive-entry').count()).toBe(archive.length)
    expect(await page.getByTestId('archive-entry').first().getAttribute('data-week')).toBe(week)
    expect(await page.getByTestId('archive-entry').first().getAttribute('aria-current')).toBe('page')
    expect(await page.getByTestId('digest-title').innerText()).toContain(`Week ${Number(week.slice(6))}, ${week.slice(0, 4)}`)
    expect(await page.getByTestId('digest-meta').innerText()).toContain(ZONE)

    expect(data.totals.current.posts).toBeGreaterThan(0)
    expect(await figure(page, 'posts')).toBe(data.totals.current.posts)
    expect(await figure(page, 'engagement')).toBe(data.totals.current.engagement)
    expect(await figure(page, 'authors')).toBe(data.totals.current.authors)
    expect(await page.getByTestId('digest-fact').count()).toBe(data.summary.length)
    expect(await page.getByTestId('digest-fact').first().innerText()).toContain(`${data.totals.current.posts.toLocaleString('en-GB')} posts heard this week`)

    // A topic row: its name, its posts and a link to the overview on that topic and week.
    const topic = data.topics[0]!
    const row = page.getByTestId('digest-topic-table').locator('tr', { has: page.locator(`[data-key="${topic.key}"]`) })
    expect(await row.getByTestId('breakdown-name').innerText()).toBe(topic.label)
    expect(Number((await row.getByTestId('breakdown-posts').innerText()).replace(/\D/g, ''))).toBe(topic.current.posts)
    expect(await row.getByTestId('breakdown-name').getAttribute('href'))
      .toBe(`/overview?from=${data.week.monday}&to=${data.week.sunday}&topic=${topic.key}`)
    expect(await page.getByTestId('digest-language-table').locator('tbody tr').count()).toBe(data.languages.length)

    // The hostile post leads the top posts, its markup shown as text.
    const post = page.getByTestId('digest-post').first()
    expect(await post.getByTestId('digest-post-text').innerText()).toBe(HOSTILE_TEXT)
    expect(await injected(page)).toEqual({ images: 0, scripts: 0 })
    expect(await post.getByTestId('digest-post-original').getAttribute('rel')).toBe('noopener noreferrer')
    expect(await post.getByTestId('digest-post-author').getAttribute('href')).toBe(`/influencers/${data.topPosts[0]!.authorId}`)

    if (data.network.rising.length) {
      expect(await page.getByTestId('rising-author').first().getAttribute('href')).toBe(`/influencers/${data.network.rising[0]!.authorId}`)
    }
    expect(await page.getByTestId('digest-spike').count()).toBe(data.spikes.length)
    expect(await page.getByTestId('digest-content-item').count()).toBe(data.content.items.length)

    // The archive's older week opens from the arrow, and the newer arrow leads back.
    if (archive.length > 1) {
      await page.getByTestId('digest-older').click()
      await page.waitForURL(new RegExp(`/digest/${archive[1]!.week}$`))
      await page.locator(`[data-testid="digest-report"][data-week="${archive[1]!.week}"]`).waitFor()
      await page.getByTestId('digest-newer').click()
      await page.waitForURL(new RegExp(`/digest/${week}$`))
      await page.locator(`[data-testid="digest-report"][data-week="${week}"]`).waitFor()
      await drawn(page)
    }

    expect(await overflow(page)).toBe(0)
    await page.screenshot({ path: screenshotPath('digest-desktop') })
    await page.setViewportSize({ width: 1280, height: 5200 })
    await drawn(page)
    await page.screenshot({ path: screenshotPath('digest-desktop-full') })
    await page.close()
  })

  it('explains each spike of a week and leads to the posts behind it', async () => {
    const archive = await call('viewer', 'list', { limit: 104 })
    const spiky = archive.find((entry) => entry.spikes > 0)
    expect(spiky, 'the demo corpus holds a spike in one of its digested weeks').toBeDefined()
    const { data } = await call('viewer', 'get', { week: spiky!.week })
    const spike = data.spikes[0]!

    const page = await signInAs('viewer')
    await page.goto(`${server.url}/digest/${spiky!.week}`)
    await drawn(page)
    const spikes = page.getByTestId('digest-spike')
    expect(await spikes.count()).toBe(data.spikes.length)
    expect(await spikes.first().innerText()).toContain(spike.topicName)
    expect(await spikes.first().innerText()).toMatch(new RegExp(`${spike.peakCount} posts at its peak vs ~[\\d.,]+ expected`))
    const overview = new URL(await spikes.first().getByTestId('spike-overview').getAttribute('href') ?? '', server.url)
    expect(overview.pathname).toBe('/overview')
    expect(overview.searchParams.get('topic')).toBe(String(spike.topicId))
    expect(overview.searchParams.get('from')).toBe(spike.start.slice(0, 10))
    const posts = new URL(await spikes.first().getByTestId('spike-posts').getAttribute('href') ?? '', server.url)
    expect(posts.pathname).toBe('/conversations')
    expect(posts.searchParams.get('topic')).toBe(String(spike.topicId))
    expect(await page.getByTestId('digest-fact').filter({ hasText: /spike/ }).count()).toBe(1)
    await page.getByTestId('digest-spikes').screenshot({ path: screenshotPath('digest-spikes') })

    await spikes.first().getByTestId('spike-posts').click()
    await page.waitForURL(/\/conversations\?/)
    await page.getByTestId('post-card').first().waitFor(PATIENT)
    await page.close()
  })

  it('gives a viewer nothing to generate or send', async () => {
    const page = await signInAs('viewer')
    await page.goto(`${server.url}/digest`)
    await page.getByTestId('digest-report').waitFor()
    expect(await page.getByTestId('digest-generate').count()).toBe(0)
    expect(await page.getByTestId('digest-regenerate').count()).toBe(0)
    expect(await page.getByTestId('digest-send').count()).toBe(0)
    const refused = await page.evaluate(async (target) => (await fetch('/api/trpc/digest.generate', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ week: target }),
    })).status, week)
    expect(refused).toBe(403)
    await page.close()
  })

  it('prints the digest on white A4 pages with sharp charts, even from the dark theme', async () => {
    const page = await signInAs('viewer')
    await page.goto(`${server.url}/digest`)
    await page.getByRole('button', { name: /dark mode|switch to dark/i }).first().click()
    await expect.poll(() => page.locator('html').getAttribute('class')).toMatch(/dark/)
    await drawn(page)
    await page.screenshot({ path: screenshotPath('digest-dark') })
    await page.getByTestId('digest-charts').screenshot({ path: screenshotPath('digest-dark-charts') })
    await page.getByTestId('digest-topics').screenshot({ path: screenshotPath('digest-dark-topics') })
    expect(await page.getByTestId('digest-print').getAttribute('href')).toBe(`/digest/${week}/print`)

    await page.goto(`${server.url}/digest/${week}/print`)
    await drawn(page, 'svg')
    expect(await page.locator('html').getAttribute('class')).not.toMatch(/dark/)
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="digest-print"]')!).backgroundColor)).toBe('rgb(255, 255, 255)')
    expect(await page.locator('nav[aria-label]').count()).toBe(0)
    expect(await page.getByTestId('digest-chart-daily').locator('canvas').count()).toBe(0)
    expect(await page.getByTestId('digest-post').first().getByTestId('digest-post-text').innerText()).toBe(HOSTILE_TEXT)
    expect(await injected(page)).toEqual({ images: 0, scripts: 0 })
    await page.setViewportSize({ width: 900, height: 5200 })
    await drawn(page, 'svg')
    await page.screenshot({ path: screenshotPath('digest-print') })
    // As the printer lays it out: the A4 page's width within its margins (186 mm at 96 dpi).
    await page.emulateMedia({ media: 'print' })
    await page.setViewportSize({ width: 703, height: 1000 })
    await drawn(page, 'svg')
    await page.screenshot({ path: screenshotPath('digest-print-media'), fullPage: true })

    // The print button and the way back are for the screen only.
    expect(await page.getByTestId('print-toolbar').isVisible()).toBe(false)
    // Paper has no tooltip for what an ellipsis hides: every handle and name is printed whole.
    expect(await page.getByTestId('digest-rising').locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('digest-print').evaluate((root) => [...root.querySelectorAll('*')]
      .filter((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis')
      .map((el) => el.textContent))).toEqual([])
    const file = join(SCREENSHOTS, 'digest.pdf')
    await page.pdf({ path: file, preferCSSPageSize: true })
    const pdf = readFileSync(file).toString('latin1')
    expect(pdf.slice(0, 5)).toBe('%PDF-')
    expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(1)
    // A4 in points, as @page asks.
    expect(pdf).toMatch(/\/MediaBox\s*\[0 0 59[45]\.\d+ 841\.\d+\]/)
    await page.emulateMedia({ media: 'screen' })

    await page.goto(`${server.url}/digest`)
    await page.getByRole('button', { name: /light mode|switch to light/i }).first().click()
    await page.close()
  })

  it('says what changed in the reader\'s language', async () => {
    const { data } = await call('viewer', 'get', { week })
    const page = await signInAs('viewer')
    await page.goto(`${server.url}/digest`)
    await drawn(page)
    await page.getByTestId('locale-select').click()
    await page.getByRole('option', { name: 'Français' }).click()
    const posts = new Intl.NumberFormat('fr-FR').format(data.totals.current.posts)
    await expect.poll(() => page.getByTestId('digest-fact').first().innerText()).toContain(`${posts} publications entendues cette semaine`)
    expect(await page.getByTestId('digest-title').innerText()).toContain(`Semaine ${Number(week.slice(6))} de ${week.slice(0, 4)}`)
    await drawn(page)
    await page.screenshot({ path: screenshotPath('digest-fr') })
    await page.getByTestId('locale-select').click()
    await page.getByRole('option', { name: 'English' }).click()
    await expect.poll(() => page.getByTestId('digest-title').innerText()).toContain('Week')
    await page.close()
  })

  it('fits a phone screen, tables scrolling inside their cards', async () => {
    const page = await signInAs('viewer', NARROW)
    await page.goto(`${server.url}/digest`)
    await drawn(page)
    expect(await overflow(page)).toBe(0)
    const table = page.getByTestId('digest-topic-table')
    expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
    await page.screenshot({ path: screenshotPath('digest-narrow') })
    await page.setViewportSize({ width: NARROW.width, height: 9000 })
    await drawn(page)
    expect(await overflow(page)).toBe(0)
    await page.screenshot({ path: screenshotPath('digest-narrow-full') })

    await page.goto(`${server.url}/digest/${week}/print`)
    await drawn(page, 'svg')
    expect(await overflow(page)).toBe(0)
    await page.screenshot({ path: screenshotPath('digest-print-narrow'), fullPage: true })
    await page.close()
  })

  it('lets an analyst generate a week picked from the list, which joins the archive', async () => {
    const before = await call('analyst', 'list', { limit: 104 })
    const picked = Array.from({ length: 8 }, (_, back) => shiftWeek(week, -back)).find((w) => !before.some((entry) => entry.week === w))!
    expect(picked).toBeDefined()

    const page = await signInAs('analyst')
    await page.goto(`${server.url}/digest`)
    await page.getByTestId('digest-report').waitFor()
    const generate = page.getByTestId('digest-generate')
    await generate.getByTestId('generate-week').click()
    await page.getByRole('option', { name: new RegExp(`^Week ${Number(picked.slice(6))}, ${picked.slice(0, 4)} ·`) }).click()
    expect(await generate.getByTestId('generate-button').innerText()).toBe('Generate')
    await generate.getByTestId('generate-button').click()
    await page.waitForURL(new RegExp(`/digest/${picked}$`), PATIENT)
    await page.locator(`[data-testid="digest-report"][data-week="${picked}"]`).waitFor()
    expect(await page.getByTestId('digest-title').innerText()).toContain(`Week ${Number(picked.slice(6))}, ${picked.slice(0, 4)}`)
    await expect.poll(() => page.locator(`[data-testid="archive-entry"][data-week="${picked}"]`).count()).toBe(1)
    expect(await page.getByTestId('archive-entry').count()).toBe(before.length + 1)

    const { data } = await call('analyst', 'get', { week: picked })
    expect(await figure(page, 'posts')).toBe(data.totals.current.posts)
    await page.screenshot({ path: screenshotPath('digest-generated') })

    // Made again from the page itself, the same week stays one entry of the archive.
    await page.getByTestId('digest-regenerate').click()
    await page.getByText(/The digest of Week \d+, \d{4} is ready/).first().waitFor()
    expect(await page.getByTestId('archive-entry').count()).toBe(before.length + 1)

    // A week that has not finished yet is refused with the server's reason.
    const refused = await page.evaluate(async (target) => {
      const response = await fetch('/api/trpc/digest.generate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ week: target }) })
      return { status: response.status, text: await response.text() }
    }, shiftWeek(week, 1))
    expect(refused.status).toBe(400)
    expect(refused.text).toMatch(/a digest covers a finished week/)
    await page.close()
  })

  it('keeps the e-mail subscription across a reload, and an admin sends the digest to subscribers', async () => {
    const page = await signInAs('viewer')
    await page.goto(`${server.url}/digest`)
    const toggle = page.getByRole('switch', { name: 'E-mail me the digest every Monday' })
    await toggle.waitFor()
    expect(await page.getByTestId('digest-subscribe').innerText()).toContain(demoEmail('viewer'))
    expect(await toggle.getAttribute('aria-checked')).toBe('false')
    await toggle.click()
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true')
    await page.getByText(/will be e-mailed to/).first().waitFor()
    await page.reload()
    await page.getByRole('switch', { name: 'E-mail me the digest every Monday' }).waitFor()
    expect(await page.getByRole('switch', { name: 'E-mail me the digest every Monday' }).getAttribute('aria-checked')).toBe('true')
    expect((await call('viewer', 'info')).subscribed).toBe(true)
    await page.close()

    const admin = await signInAs('admin')
    await admin.goto(`${server.url}/digest`)
    await admin.getByTestId('digest-send').click()
    await admin.getByTestId('digest-send-confirm').click()
    await admin.getByText('Sent to 1 person').first().waitFor(PATIENT)
    await expect.poll(() => smtp.mails.length).toBe(1)
    expect(smtp.mails[0]!.rcptTo).toEqual([demoEmail('viewer')])
    await expect.poll(() => admin.getByTestId('digest-sent').innerText()).toMatch(/^E-mailed to 1 person on /)
    await admin.close()
  })

  it('explains an empty archive, offers no subscription without e-mail, and makes a first digest from there', async () => {
    const bare = await startServer({ env: { CHORUS_SCHEDULER: 'off', CHORUS_TIME_ZONE: ZONE } })
    try {
      await browser.clearCookies()
      const viewer = await signInPage(browser, bare.url, 'viewer')
      await viewer.goto(`${bare.url}/digest`)
      const empty = viewer.getByTestId('digest-empty')
      await empty.waitFor()
      expect(await empty.innerText()).toMatch(/No digest yet[\s\S]*every Monday for the week before, Monday to Sunday in Europe\/Paris/)
      expect(await viewer.getByTestId('digest-generate').count()).toBe(0)
      expect(await viewer.getByRole('switch', { name: 'E-mail me the digest every Monday' }).isDisabled()).toBe(true)
      expect(await viewer.getByTestId('digest-subscribe').innerText()).toMatch(/E-mail is not set up/)
      await viewer.screenshot({ path: screenshotPath('digest-empty') })
      await viewer.close()

      await browser.clearCookies()
      const analyst = await signInPage(browser, bare.url, 'analyst')
      await analyst.goto(`${bare.url}/digest`)
      const generate = analyst.getByTestId('digest-empty').getByTestId('digest-generate')
      await generate.waitFor()
      expect(await generate.getByTestId('generate-week').innerText()).toContain(`Week ${Number(week.slice(6))}, ${week.slice(0, 4)}`)
      await analyst.screenshot({ path: screenshotPath('digest-empty-analyst') })
      await generate.getByTestId('generate-button').click()
      await analyst.waitForURL(new RegExp(`/digest/${week}$`), PATIENT)
      await analyst.locator(`[data-testid="digest-report"][data-week="${week}"]`).waitFor()
      const fact = analyst.getByTestId('digest-fact')
      await fact.first().waitFor()
      expect(await fact.allInnerTexts()).toEqual(['No posts were heard this week, nor the week before.'])
      expect(await analyst.getByTestId('digest-top-posts').innerText()).toContain('No posts this week.')
      expect(await analyst.getByTestId('archive-entry').count()).toBe(1)
      await analyst.screenshot({ path: screenshotPath('digest-quiet'), fullPage: true })
      await analyst.close()
    }
    finally {
      await bare.stop()
    }
  })
})
