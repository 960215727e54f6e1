import Database from 'better-sqlite3'
import ICAL from 'ical.js'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, demoEmail, importPosts, launchBrowser, type RunningServer, screenshotPath, signIn, signInPage, startServer } from './support'

// The editorial calendar in Chromium: planning an item in three languages, moving a version
// through its steps, dragging the item across the spring daylight-saving change in Paris,
// filtering by language, following a gap hint to a draft, and the ICS feed.

const HOUR = 3_600_000
const NARROW = { width: 390, height: 844 }
const PATIENT = { timeout: 15_000 }
// Hostile markup in a title must come back as text, everywhere it is shown.
const TITLE = 'Cholera <img src=x onerror=alert(1)> explainer'
// Paris moves its clocks forward on Sunday 28 March 2027.
const MARCH = '2027-03-01'

let server: RunningServer
let browser: BrowserContext
const dialogs: string[] = []

/**
 * Portuguese posts about refugees, written over the last few complete days: the demo corpus is
 * quiet there, so the topic rises in Portuguese and, with nothing planned, makes a gap hint.
 */
const PORTUGUESE = [
  'Mais famílias refugiadas chegaram ao abrigo de Boa Vista esta semana.',
  'O acolhimento de migrantes venezuelanos precisa de mais recursos, dizem as ONGs.',
  'Refugiados relatam dificuldades para conseguir documentos e trabalho.',
  'Abrigos em Roraima estão lotados depois da nova onda de chegadas.',
  'A interiorização de refugiados continua, com novas famílias acolhidas em São Paulo.',
  'Voluntários organizam doações para os abrigos de migrantes na fronteira.',
  'Crianças refugiadas voltam às aulas com apoio de professores voluntários.',
  'O deslocamento forçado cresce e a resposta humanitária precisa acompanhar.',
]
const BURST = Array.from({ length: 48 }, (_, n) => ({
  id: `calendar-e2e-${n}`,
  url: `https://social.example/@voz${n % 12}/${n}`,
  text: `${PORTUGUESE[n % PORTUGUESE.length]} (${n})`,
  createdAt: new Date(Date.now() - (30 + 2 * n) * HOUR).toISOString(),
  author: `voz${n % 12}`,
  authorName: `Voz ${n % 12}`,
  lang: 'pt',
}))

beforeAll(async () => {
  server = await startServer({ demoPosts: 5000, env: { CHORUS_SCHEDULER: 'off' } })
  expect(await importPosts(server.dbFile, BURST)).toBe(BURST.length)
  browser = await launchBrowser()
}, 240_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

function query<T>(sql: string, ...params: unknown[]): T[] {
  const sqlite = new Database(server.dbFile, { readonly: true })
  try {
    return sqlite.prepare(sql).all(...params) as T[]
  }
  finally {
    sqlite.close()
  }
}

const itemByTitle = (title: string) => query<{ id: number, publish_at: string, time_zone: string, topic_id: number | null, community: string | null }>(
  'SELECT id, publish_at, time_zone, topic_id, community FROM content_items WHERE title = ?', title)[0]
const versionsOf = (id: number) => query<{ lang: string, status: string, title: string }>(
  'SELECT lang, status, title FROM content_versions WHERE item_id = ? ORDER BY lang', id)

async function signInAs(role: string, viewport?: { width: number, height: number }): Promise<Page> {
  const page = await signInPage(browser, server.url, role, viewport)
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message())
    await dialog.dismiss()
  })
  return page
}

/** Plans an item over HTTP, as the page would: the same procedure, a signed-in cookie. */
async function planOverHttp(role: string, input: object): Promise<number> {
  const cookie = await signIn(server.url, demoEmail(role))
  const response = await fetch(`${server.url}/api/trpc/calendar.create`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(input),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { result: { data: { id: number } } }).result.data.id
}

/** The calendar page once its items for the period have arrived and drawn. */
async function calendarAt(page: Page, search = '') {
  await page.goto(`${server.url}/calendar${search}`)
  await page.getByTestId('calendar-board').waitFor()
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), PATIENT).toBe(0)
  await page.getByTestId('calendar-title').filter({ hasText: /\S/ }).waitFor()
  await page.waitForLoadState('networkidle')
}

/** Picks an option in a searchable menu: open it, type, choose; a multiple-choice menu stays open until Escape. */
async function choose(page: Page, trigger: string, search: string, option: RegExp, multiple = false) {
  await page.getByTestId(trigger).click()
  await page.keyboard.type(search)
  await page.getByRole('option', { name: option }).first().click()
  if (multiple) await page.keyboard.press('Escape')
  await page.getByRole('listbox').waitFor({ state: 'detached' })
}

const input = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input, textarea[data-testid="${testId}"], [data-testid="${testId}"] textarea`).first()

/** Nothing sticks out sideways. */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...[document.documentElement, ...document.querySelectorAll<HTMLElement>('main, [id^="dashboard-panel-"]')]
    .map((el) => el.scrollWidth - el.clientWidth)))
}

describe.skipIf(!chromiumPath())('the editorial calendar', () => {
  it('lets an editor plan an item in three languages and move a version through every status', async () => {
    const page = await signInAs('editor')
    await page.getByTestId('nav-workspace').getByRole('link', { name: 'Calendar' }).click()
    await page.waitForURL(/\/calendar$/)
    await page.getByTestId('calendar-board').waitFor()
    await page.getByTestId('calendar-new').click()
    await page.waitForURL(/\/calendar\/new$/)

    await input(page, 'item-title').fill(TITLE)
    await input(page, 'item-brief').fill('Where the clinics are, and how to keep water safe.')
    await input(page, 'item-date').fill('2027-03-26')
    await input(page, 'item-time').fill('09:00')
    // The demo network's communities are offered for the community, named by their terms.
    const offered = page.locator('[data-testid="item-community-options"] option')
    await expect.poll(() => offered.count(), PATIENT).toBeGreaterThan(0)
    const community = (await offered.first().getAttribute('value'))!
    await input(page, 'item-community').fill(community)
    await choose(page, 'item-zone', 'Paris', /^Europe\/Paris$/)
    await page.getByRole('checkbox', { name: 'Mastodon' }).check()
    await page.getByRole('checkbox', { name: 'Website' }).check()
    for (const language of ['English', 'French', 'Spanish']) await choose(page, 'item-add-language', language, new RegExp(`^${language}`))
    await page.getByRole('textbox', { name: 'Title in French' }).fill('Choléra : ce qu’il faut savoir')
    await page.screenshot({ path: screenshotPath('calendar-new-item'), fullPage: true })

    await page.getByTestId('item-save').click()
    await page.waitForURL(/\/calendar\/\d+$/)
    await page.getByTestId('version-card').first().waitFor()
    expect(await page.getByTestId('version-card').count()).toBe(3)
    expect(await page.getByTestId('item-heading').innerText()).toBe(TITLE)
    expect(await page.locator('img[src="x"]').count()).toBe(0)
    expect(await page.getByTestId('item-when').innerText()).toMatch(/Fri, Mar 26, 2027, 9:00\sAM\sGMT\+1|Fri, Mar 26, 2027, 9:00\sAM\sCET/)

    const stored = itemByTitle(TITLE)!
    expect(stored).toMatchObject({ publish_at: '2027-03-26T08:00:00.000Z', time_zone: 'Europe/Paris', community })
    expect(versionsOf(stored.id)).toEqual([
      { lang: 'en', status: 'idea', title: '' },
      { lang: 'es', status: 'idea', title: '' },
      { lang: 'fr', status: 'idea', title: 'Choléra : ce qu’il faut savoir' },
    ])

    // French goes all the way; the item stays as far along as its least advanced version.
    const french = page.locator('[data-testid="version-card"][data-lang="fr"]')
    for (const status of ['drafting', 'translating', 'review', 'scheduled', 'published']) {
      await french.getByTestId('version-advance').click()
      await expect.poll(() => french.getByTestId('status-badge').getAttribute('data-status'), PATIENT).toBe(status)
      expect(versionsOf(stored.id).find((v) => v.lang === 'fr')!.status).toBe(status)
    }
    expect(await french.getByTestId('version-advance').count()).toBe(0)
    expect(await page.getByTestId('item-status').getAttribute('data-status')).toBe('idea')
    const english = page.locator('[data-testid="version-card"][data-lang="en"]')
    await english.getByTestId('version-advance').click()
    await expect.poll(() => english.getByTestId('status-badge').getAttribute('data-status'), PATIENT).toBe('drafting')
    expect(await page.getByTestId('item-progress').innerText()).toBe(`${Math.round(100 * 6 / 15)} %`)
    await page.setViewportSize({ width: 1280, height: 1900 })
    await page.getByTestId('item-heading').scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('calendar-item-desktop') })

    const audit = query<{ action: string }>('SELECT action FROM audit_log WHERE target_type = ? AND target_id = ? ORDER BY id', 'contentItem', String(stored.id))
    expect(audit.map((a) => a.action)).toEqual(['content.create', ...Array(6).fill('content.version.update')])
    await page.close()
  })

  it('drags the item from Friday to Monday across the clock change, keeping 09:00 in Paris', async () => {
    const page = await signInAs('editor')
    await calendarAt(page, `?date=${MARCH}`)
    expect(await page.getByTestId('calendar-title').innerText()).toMatch(/March 2027/i)
    const event = page.getByTestId('calendar-event').filter({ hasText: 'Cholera' })
    await event.waitFor()
    expect(await event.innerText()).toMatch(/9:00\sAM\s+(CET|GMT\+1)/)
    expect(await page.locator('img[src="x"]').count()).toBe(0)
    await page.screenshot({ path: screenshotPath('calendar-month-desktop') })

    const from = (await event.boundingBox())!
    const to = (await page.locator('[data-date="2027-03-29"]').first().boundingBox())!
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await page.mouse.down()
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 })
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 })
    await page.mouse.up()

    await page.getByText(/^Moved to Mon, Mar 29, 2027, 9:00\sAM .*\(Europe\/Paris\)$/).waitFor(PATIENT)
    expect(itemByTitle(TITLE)).toMatchObject({ publish_at: '2027-03-29T07:00:00.000Z', time_zone: 'Europe/Paris' })
    await expect.poll(() => page.getByTestId('calendar-event').filter({ hasText: 'Cholera' }).innerText(), PATIENT).toMatch(/9:00\sAM\s+(CEST|GMT\+2)/)
    const audit = query<{ details: string }>('SELECT details FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1', 'content.reschedule')[0]!
    expect(JSON.parse(audit.details)).toMatchObject({ from: '2027-03-26T08:00:00.000Z', to: '2027-03-29T07:00:00.000Z', local: '2027-03-29T09:00' })

    // The week view of that Monday shows it at 09:00 Paris time too.
    await page.getByTestId('calendar-view-week').click()
    await page.waitForURL(/view=week/)
    await calendarAt(page, '?view=week&date=2027-03-29')
    const inWeek = page.getByTestId('calendar-event').filter({ hasText: 'Cholera' })
    expect(await inWeek.innerText()).toMatch(/^9:00\sAM\s+Cholera/)
    expect(await inWeek.getAttribute('title')).toMatch(/Mon, Mar 29, 2027, 9:00\sAM .*\(Europe\/Paris\)$/)
    await page.screenshot({ path: screenshotPath('calendar-week-desktop') })
    await page.close()
  })

  it('filters by language, in the URL, and colours by language', async () => {
    const editor = query<{ id: number }>('SELECT id FROM users WHERE email = ?', demoEmail('editor'))[0]!
    await planOverHttp('editor', {
      title: 'Aid cuts: what changes for partners', ownerId: editor.id, publishLocal: '2027-03-10T11:00', timeZone: 'Asia/Beirut',
      channels: ['newsletter'], versions: [{ lang: 'ar', title: 'ماذا تعني تخفيضات المساعدات', status: 'review' }],
    })
    const page = await signInAs('editor')
    await calendarAt(page, `?date=${MARCH}`)
    const titles = () => page.getByTestId('calendar-event').allInnerTexts()
    await expect.poll(async () => (await titles()).join('\n'), PATIENT).toMatch(/Aid cuts[\s\S]*Cholera|Cholera[\s\S]*Aid cuts/)

    await choose(page, 'calendar-filter-lang', 'Arabic', /^Arabic/, true)
    await page.waitForURL(/[?&]lang=ar(&|$)/)
    await expect.poll(async () => (await titles()).join('\n'), PATIENT).not.toMatch(/Cholera/)
    expect((await titles()).join('\n')).toMatch(/Aid cuts/)
    await page.screenshot({ path: screenshotPath('calendar-filtered') })

    await page.reload()
    await page.getByTestId('calendar-board').waitFor()
    await expect.poll(async () => (await titles()).join('\n'), PATIENT).toMatch(/Aid cuts/)
    expect((await titles()).join('\n')).not.toMatch(/Cholera/)

    await page.getByTestId('calendar-filters-clear').click()
    await expect.poll(async () => (await titles()).join('\n'), PATIENT).toMatch(/Cholera/)
    await page.getByTestId('calendar-colour-lang').click()
    await page.waitForURL(/colour=lang/)
    expect(await page.getByTestId('calendar-legend').innerText()).toMatch(/Arabic/)
    await page.screenshot({ path: screenshotPath('calendar-colour-language') })
    await page.close()
  })

  it('turns a gap hint into a draft with the topic and the language filled in', async () => {
    const page = await signInAs('analyst')
    // The overview shows the first hints too.
    await page.goto(`${server.url}/overview`)
    await page.getByTestId('calendar-gaps').scrollIntoViewIfNeeded()
    await expect.poll(() => page.getByTestId('gap-hint').filter({ hasText: 'Portuguese' }).count(), PATIENT).toBe(1)
    expect(await page.getByTestId('gap-hint').count()).toBeLessThanOrEqual(3)
    await page.getByTestId('calendar-gaps').screenshot({ path: screenshotPath('calendar-gaps-overview') })

    await calendarAt(page)
    const hint = page.getByTestId('gap-hint').filter({ hasText: 'Refugees & displacement' }).filter({ hasText: 'Portuguese' })
    await hint.waitFor(PATIENT)
    expect(await hint.innerText()).toMatch(/\d+ posts in the last 7 days, up from \d+/)
    await page.getByTestId('calendar-gaps').scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('calendar-gaps') })

    await hint.getByTestId('gap-plan').click()
    await page.waitForURL(/\/calendar\/\d+$/)
    await page.getByTestId('version-card').first().waitFor()
    expect(await page.getByTestId('item-heading').innerText()).toBe('Refugees & displacement — Portuguese')
    expect(await page.getByTestId('version-card').getAttribute('data-lang')).toBe('pt')
    expect(await page.getByTestId('item-status').getAttribute('data-status')).toBe('idea')
    expect(await page.getByTestId('item-topic').innerText()).toMatch(/Refugees & displacement/)

    const draft = itemByTitle('Refugees & displacement — Portuguese')!
    const topic = query<{ id: number }>('SELECT id FROM topics WHERE name = ?', 'Refugees & displacement')[0]!
    expect(draft.topic_id).toBe(topic.id)
    expect(versionsOf(draft.id).map((v) => v.lang)).toEqual(['pt'])
    expect(Date.parse(draft.publish_at) - Date.now()).toBeLessThan(14 * 24 * HOUR)
    await page.screenshot({ path: screenshotPath('calendar-gap-draft'), fullPage: true })

    // The draft closes the gap.
    await calendarAt(page)
    await page.getByTestId('calendar-gaps').waitFor()
    await expect.poll(() => page.getByTestId('gap-hint').filter({ hasText: 'Refugees & displacement' }).filter({ hasText: 'Portuguese' }).count(), PATIENT).toBe(0)
    await page.close()
  })

  it('gives each person a secret ICS feed with the right times, and stops it on request', async () => {
    const page = await signInAs('viewer')
    await calendarAt(page, `?date=${MARCH}`)
    expect(await page.getByTestId('calendar-new').count()).toBe(0)
    await page.getByTestId('calendar-feed-open').click()
    await page.getByTestId('calendar-feed-regenerate').click()
    const url = await input(page, 'calendar-feed-url').inputValue()
    expect(url).toMatch(new RegExp(`^${server.url}/api/calendar/[A-Za-z0-9_-]{43}\\.ics$`))
    await page.screenshot({ path: screenshotPath('calendar-feed') })

    const response = await fetch(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/)
    const calendar = new ICAL.Component(ICAL.parse(await response.text()))
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
    const event = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component)).find((e) => e.summary === TITLE)!
    expect(event.startDate.zone.tzid).toBe('Europe/Paris')
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-29T07:00:00.000Z')

    await page.getByTestId('calendar-feed-revoke').click()
    await page.getByText('Feed stopped: the old address no longer works.', { exact: true }).waitFor()
    await page.getByText('You have no feed address yet.').waitFor()
    expect((await fetch(url)).status).toBe(404)
    await page.close()
  })

  it('shows a viewer the plan without any way to change it, in the dark theme too', async () => {
    const page = await signInAs('viewer')
    await calendarAt(page, `?date=${MARCH}`)
    expect(await page.getByTestId('gap-plan').count()).toBe(0)
    await page.getByRole('button', { name: /dark mode|switch to dark/i }).first().click()
    await expect.poll(() => page.locator('html').getAttribute('class')).toMatch(/dark/)
    await page.screenshot({ path: screenshotPath('calendar-month-dark') })
    await page.getByRole('button', { name: /light mode|switch to light/i }).first().click()
    await page.getByTestId('calendar-event').filter({ hasText: 'Cholera' }).click()
    await page.waitForURL(/\/calendar\/\d+$/)
    await page.getByTestId('item-readonly').waitFor()
    expect(await page.getByTestId('version-advance').count()).toBe(0)
    expect(await page.getByTestId('version-card').count()).toBe(3)
    await page.goto(`${server.url}/calendar/new`)
    await page.getByText(/forbidden|403/i).first().waitFor()
    await page.close()
  })

  it('fits a phone screen', async () => {
    const page = await signInAs('editor', NARROW)
    await calendarAt(page, `?date=${MARCH}`)
    expect(await overflow(page)).toBe(0)
    await page.screenshot({ path: screenshotPath('calendar-month-narrow') })
    await page.setViewportSize({ width: NARROW.width, height: 3000 })
    await page.screenshot({ path: screenshotPath('calendar-narrow-full') })
    await page.getByTestId('calendar-view-list').click()
    await page.waitForURL(/view=list/)
    await page.getByTestId('calendar-event').filter({ hasText: 'Cholera' }).waitFor()
    await page.setViewportSize(NARROW)
    await page.screenshot({ path: screenshotPath('calendar-list-narrow') })

    await page.getByTestId('calendar-event').filter({ hasText: 'Cholera' }).click()
    await page.getByTestId('version-card').first().waitFor()
    expect(await overflow(page)).toBe(0)
    await page.screenshot({ path: screenshotPath('calendar-item-narrow') })
    expect(dialogs).toEqual([])
    await page.close()
  })
})
