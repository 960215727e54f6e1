import Database from 'better-sqlite3'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { brokenReferencesAt, chromiumPath, collectErrors, launchBrowser, type RunningServer, screenshotPath, settled, signInPage, startServer } from './support'

const DAY = 86_400_000
const NARROW = { width: 390, height: 844 }

let server: RunningServer
let browser: BrowserContext

beforeAll(async () => {
  server = await startServer({ demoPosts: 5000, env: { CHORUS_SCHEDULER: 'off' } })
  browser = await launchBrowser()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The last `days` UTC days up to today, as the page's presets count them. */
function lastDays(days: number) {
  const to = new Date().toISOString().slice(0, 10)
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY).toISOString().slice(0, 10)
  return { from, to }
}

/** Posts of a period counted straight from the server's database, not through any rollup. */
function countPosts(period: { from: string, to: string }, lang?: string): number {
  const sqlite = new Database(server.dbFile, { readonly: true })
  try {
    const row = sqlite.prepare(`SELECT count(*) AS n FROM posts WHERE created_at >= ? AND created_at < ?${lang ? ' AND lang = ?' : ''}`)
      .get(`${period.from}T00:00:00`, `${period.to}T24`, ...(lang ? [lang] : [])) as { n: number }
    return row.n
  }
  finally {
    sqlite.close()
  }
}

const signInAs = (role: string, viewport?: { width: number, height: number }) => signInPage(browser, server.url, role, viewport)

/** The posts figure as a number ("2,643" in the English interface). */
async function postsFigure(page: Page): Promise<number> {
  return Number((await page.getByTestId('figure-posts').getByTestId('figure-value').innerText()).replace(/\D/g, ''))
}

/** Waits until every section has its data and the charts have drawn. */
async function loaded(page: Page) {
  await page.getByTestId('overview-summary').waitFor()
  await expect.poll(() => page.getByTestId('section-loading').count()).toBe(0)
  await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0)
  await page.getByTestId('volume-chart').locator('canvas').first().waitFor()
  await settled(page)
  // ECharts animates its first drawing on the canvas, where no web animation can be awaited.
  await page.waitForTimeout(1200)
}

/** Nothing sticks out sideways: not the document, nor the panel that scrolls the page. */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const elements = [document.documentElement, ...document.querySelectorAll<HTMLElement>('[data-testid="monitor-filters"], #dashboard-panel-overview, main')]
    return Math.max(0, ...elements.map((el) => el.scrollWidth - el.clientWidth))
  })
}

describe.skipIf(!chromiumPath())('the Overview page', () => {
  it('shows the real figures of the last 30 days', async () => {
    const page = await signInAs('analyst')
    await page.getByTestId('nav-workspace').getByRole('link', { name: 'Overview' }).click()
    await page.waitForURL(/\/overview$/)
    await loaded(page)

    const expected = countPosts(lastDays(30))
    expect(expected).toBeGreaterThan(0)
    expect(await postsFigure(page)).toBe(expected)
    expect(await page.getByTestId('figure-authors').getByTestId('figure-value').innerText()).toMatch(/^≈ [\d,]+$/)
    expect(await page.getByTestId('figure-posts').getByTestId('change').innerText()).toMatch(/^([+-][\d.]+%|new|no change)\n/)

    // The language chart's list adds up to the same posts.
    const langs = page.getByTestId('breakdown-langs').getByTestId('breakdown-list').getByRole('button')
    const counts = (await langs.allInnerTexts()).map((text) => Number(/([\d,]+) · /.exec(text)![1]!.replace(/,/g, '')))
    expect(counts.reduce((a, b) => a + b, 0)).toBe(expected)

    // The demo corpus holds one spike, the cholera outbreak, pinned on the chart and explained
    // beside it; the chance bursts of its smaller series are no spikes.
    const spikes = page.getByTestId('volume-spike')
    expect(await spikes.count()).toBeGreaterThan(0)
    expect(await spikes.first().innerText()).toMatch(/posts at its peak vs ~[\d.,]+ expected/)
    for (const spike of await spikes.allInnerTexts()) expect(spike).toMatch(/^Health & cholera/)

    const post = page.getByTestId('top-post').first()
    expect(await post.getByTestId('top-post-detail').getAttribute('href')).toMatch(/^\/conversations\/\d+$/)
    const original = post.getByTestId('top-post-original')
    expect(await original.getAttribute('rel')).toBe('noopener noreferrer')
    expect(await original.getAttribute('target')).toBe('_blank')
    expect(await page.getByTestId('overview-emerging').innerText()).toMatch(/Rising in .+ against their own past|No term is rising/)

    expect(await overflow(page)).toBe(0)
    await page.screenshot({ path: screenshotPath('overview-desktop') })
    await page.setViewportSize({ width: 1280, height: 2600 })
    await loaded(page)
    await page.screenshot({ path: screenshotPath('overview-desktop-full') })
    await page.close()
  })

  it('filters the page to a language clicked in the language chart, in the URL and after a reload', async () => {
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/overview`)
    await loaded(page)

    const french = page.getByTestId('breakdown-langs').getByRole('button', { name: /^French/ })
    await french.click()
    await page.waitForURL(/[?&]lang=fr(&|$)/)
    const expected = countPosts(lastDays(30), 'fr')
    expect(expected).toBeGreaterThan(0)
    await expect.poll(() => postsFigure(page)).toBe(expected)
    await loaded(page)
    expect(await french.getAttribute('aria-pressed')).toBe('true')
    expect(await page.getByTestId('breakdown-langs').getByRole('button').count()).toBe(1)
    expect(await page.getByTestId('filter-lang').innerText()).toBe('French')
    await page.getByTestId('monitor-filters').scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('overview-filtered') })

    await page.reload()
    await loaded(page)
    expect(page.url()).toMatch(/[?&]lang=fr(&|$)/)
    expect(await postsFigure(page)).toBe(expected)
    expect(await page.getByTestId('breakdown-langs').getByRole('button', { name: /^French/ }).getAttribute('aria-pressed')).toBe('true')

    // The volume chart's legend filters too: split by platform, then pick one.
    await page.getByTestId('volume-by-platform').click()
    await page.waitForURL(/[?&]by=platform(&|$)/)
    await page.getByTestId('volume-legend').getByRole('button', { name: /^Mastodon/ }).click()
    await page.waitForURL(/[?&]platform=mastodon(&|$)/)
    await expect.poll(() => postsFigure(page)).toBeLessThan(expected)

    await page.getByTestId('filters-clear').click()
    await expect.poll(() => page.url()).not.toMatch(/lang=|platform=/)
    await expect.poll(() => postsFigure(page)).toBe(countPosts(lastDays(30)))
    await page.close()
  })

  it('draws the day still running as a dashed stretch while it runs, and says it is still counted', async () => {
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/overview?range=7`)
    await loaded(page)
    const chart = page.getByTestId('volume-chart')
    expect(await page.getByTestId('volume-running').innerText()).toBe('Dashed: today, still being counted')
    // The changes beside the figures compare a period whose last day is not over.
    expect(await page.getByTestId('summary-against').innerText()).toMatch(/just before\. Today is not over yet: its posts are still being counted\.$/)
    expect(await chart.getAttribute('aria-label')).toMatch(/ Dashed: today, still being counted\.$/)
    // The tooltip of the chart's last day names it as counted so far. That day's point sits
    // about 36 px inside the chart's right edge: its grid's margin and half its axis label.
    await chart.scrollIntoViewIfNeeded()
    const box = (await chart.boundingBox())!
    await page.mouse.move(box.x + box.width - 40, box.y + box.height / 2, { steps: 5 })
    const today = new Intl.DateTimeFormat('en', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date())
    await expect.poll(() => chart.getByText(`${today} · so far`).count()).toBe(1)
    await page.screenshot({ path: screenshotPath('overview-running-day') })

    // A period of days that are all over has no such stretch.
    const past = lastDays(8)
    const yesterday = new Date(Date.parse(`${lastDays(1).to}T00:00:00Z`) - DAY).toISOString().slice(0, 10)
    await page.goto(`${server.url}/overview?from=${past.from}&to=${yesterday}`)
    await loaded(page)
    expect(await page.getByTestId('volume-running').count()).toBe(0)
    expect(await page.getByTestId('summary-against').innerText()).not.toMatch(/Today/)
    expect(await chart.getAttribute('aria-label')).not.toMatch(/Dashed/)
    await page.close()
  })

  it('fits a phone screen', async () => {
    const page = await signInAs('analyst', NARROW)
    await page.goto(`${server.url}/overview?range=90`)
    await loaded(page)
    expect(await postsFigure(page)).toBe(countPosts(lastDays(90)))
    expect(await overflow(page)).toBe(0)
    await page.screenshot({ path: screenshotPath('overview-narrow') })
    await page.setViewportSize({ width: NARROW.width, height: 4200 })
    await loaded(page)
    expect(await overflow(page)).toBe(0)
    await page.screenshot({ path: screenshotPath('overview-narrow-full') })
    await page.close()
  })

  it('has a dark theme', async () => {
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/overview`)
    await page.getByRole('button', { name: /dark mode|switch to dark/i }).first().click()
    await expect.poll(() => page.locator('html').getAttribute('class')).toMatch(/dark/)
    await loaded(page)
    await page.screenshot({ path: screenshotPath('overview-dark') })
    await page.getByRole('button', { name: /light mode|switch to light/i }).first().click()
    await page.close()
  })

  it('says what failed when a call fails, and loads again on retry', async () => {
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/overview`)
    await loaded(page)
    // The network drops every overview call made from here on.
    await page.route('**/api/trpc/*monitor.*', (route) => route.abort('failed'))
    await page.getByTestId('range-7').click()
    const errors = page.getByTestId('section-error')
    await expect.poll(() => errors.count()).toBeGreaterThan(0)
    expect(await errors.first().innerText()).toMatch(/could not load[\s\S]*Failed to fetch/)
    await page.screenshot({ path: screenshotPath('overview-error') })

    await page.unroute('**/api/trpc/*monitor.*')
    await errors.first().getByRole('button', { name: 'Try again' }).click()
    await expect.poll(() => postsFigure(page)).toBe(countPosts(lastDays(7)))
    await page.close()
  })

  it('says what to do when a period has no posts, as each role can', async () => {
    const analyst = await signInAs('analyst')
    await analyst.goto(`${server.url}/overview?from=2020-01-01&to=2020-01-31`)
    const empty = analyst.getByTestId('overview-empty')
    await empty.waitFor()
    expect(await empty.innerText()).toMatch(/No posts in this period/)
    expect(await analyst.getByTestId('overview-add-source').getAttribute('href')).toBe('/sources')
    await analyst.screenshot({ path: screenshotPath('overview-empty') })
    await analyst.close()

    const viewer = await signInAs('viewer')
    await viewer.goto(`${server.url}/overview?from=2020-01-01&to=2020-01-31`)
    await viewer.getByTestId('overview-empty').waitFor()
    expect(await viewer.getByTestId('overview-add-source').count()).toBe(0)
    expect(await viewer.getByTestId('filter-source').count()).toBe(0)
    await viewer.close()
  })

  it('hydrates the pages of stored posts, topics, influencers, plans and digests as the server rendered them', async () => {
    const page = await signInPage(browser, server.url, 'analyst')
    const problems = collectErrors(page)
    const sqlite = new Database(server.dbFile, { readonly: true })
    const first = (query: string) => sqlite.prepare(query).pluck().get() as string | number
    const pages = [
      '/', '/overview', '/conversations', `/conversations/${first('SELECT min(id) FROM posts')}`, '/topics',
      `/topics/${first('SELECT min(id) FROM topics')}`, '/influencers', `/influencers/${first('SELECT author_id FROM graph_nodes ORDER BY rank LIMIT 1')}`,
      '/calendar', `/calendar/${first('SELECT min(id) FROM content_items')}`, '/digest', `/digest/${first('SELECT max(week) FROM digests')}`,
    ]
    sqlite.close()
    for (const path of pages) {
      expect(await brokenReferencesAt(page, `${server.url}${path}`), path).toEqual([])
    }
    expect(problems).toEqual([])
    await page.close()
  })
})
