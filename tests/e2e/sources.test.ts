import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../server/db'
import { makeStatuses, tagTimeline } from '../support/mastodon-timeline'
import { type ReplayServer, startReplayServer } from '../support/replay-server'
import { brokenReferencesAt, chromiumPath, collectErrors, importFile, importPosts, launchBrowser, ROOT, type RunningServer, screenshotPath, signInPage, startServer } from './support'

let server: RunningServer
let replay: ReplayServer
let browser: BrowserContext

beforeAll(async () => {
  replay = await startReplayServer([tagTimeline(makeStatuses(12, {
    text: (i) => (i === 3 ? 'Attention <img src=x onerror=alert(1)> <script>alert(2)</script> texte' : `Appel ${i} pour le financement climatique`),
  }))])
  // The replay server is on 127.0.0.1: this instance's admin allows private hosts.
  server = await startServer({ env: { CHORUS_ALLOW_PRIVATE_HOSTS: '1', CHORUS_SCHEDULER: 'off' } })
  browser = await launchBrowser()
}, 90_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await replay?.close()
})

const signInAs = (role: string, viewport?: { width: number, height: number }) => signInPage(browser, server.url, role, viewport)

type CommandLineRun = Awaited<ReturnType<typeof commandLineRunHalfWay>>

/**
 * A `chorus ingest` of a new Mastodon source, caught after its first page: fifty new statuses by
 * `author` (not the first test's) in pages of 40, the second held back `holdMs` by the replay
 * server, which the caller closes.
 */
async function commandLineRunHalfWay(db: Db, name: string, author: string, holdMs: number) {
  const statuses = makeStatuses(51).map((status) => ({ ...status, uri: status.uri.replace('/amina/', `/${author}/`) }))
  const slow = await startReplayServer([tagTimeline(statuses, { delayMs: (n) => (n === 2 ? holdMs : 0) })])
  try {
    const at = new Date().toISOString()
    const { id } = await db.insertInto('sources').values({
      kind: 'mastodon', name, intervalMinutes: 60, enabled: 1, consecutiveFailures: 0, createdAt: at, updatedAt: at,
      config: JSON.stringify({ mode: 'hashtag', tag: 'climat', instance: slow.url, limit: 40 }),
      // Listening since the first status: the fifty after it are new.
      cursor: JSON.stringify({ minId: statuses[0]!.id }),
    }).returning('id').executeTakeFirstOrThrow()
    const cli = spawn(process.execPath, [join(ROOT, 'server/cli/chorus.mjs'), 'ingest', '--source', String(id), '--db', server.dbFile], {
      cwd: ROOT, env: { ...process.env, CHORUS_ALLOW_PRIVATE_HOSTS: '1' }, stdio: 'ignore',
    })
    const exited = new Promise<number | null>((done) => cli.on('exit', done))
    await expect.poll(async () => (await db.selectFrom('ingestRuns').select('pages').where('sourceId', '=', id).executeTakeFirst())?.pages, { timeout: 30_000 }).toBe(1)
    return { id, cli, exited, slow }
  }
  catch (error) {
    await slow.close()
    throw error
  }
}

describe.skipIf(!chromiumPath())('the Sources page', () => {
  it('adds a Mastodon source, tests it, runs it and shows the run history', async () => {
    const page = await signInAs('analyst')
    await page.getByTestId('nav-workspace').getByRole('link', { name: 'Sources' }).click()
    await page.getByText('No sources yet').waitFor()
    await page.screenshot({ path: screenshotPath('sources-empty') })
    await page.getByTestId('add-source').first().click()

    const form = page.getByTestId('source-form')
    await form.getByLabel('Name').fill('#climat on social.example')
    await form.getByLabel('Hashtag').fill('climat')
    await form.getByLabel('Instance URL').fill(replay.url)
    await page.getByTestId('test-source').click()
    const preview = page.getByTestId('test-preview')
    await expect.poll(() => preview.innerText()).toMatch(/12 posts read/)
    // Hostile HTML in a post is shown as text and never runs.
    expect(await preview.innerText()).toContain('Attention')
    expect(await preview.locator('img, script').count()).toBe(0)
    await page.screenshot({ path: screenshotPath('sources-test'), fullPage: true })

    await form.getByRole('button', { name: 'Add source' }).click()
    await page.waitForURL(/\/sources\/\d+$/)
    const sourcePage = page.url()
    await page.getByTestId('run-now').click()
    await expect.poll(() => page.getByTestId('run-history').innerText(), { timeout: 20_000 }).toMatch(/Run now\s+Done\s+12\s+12\s+0\s+0/)
    await page.screenshot({ path: screenshotPath('sources-run'), fullPage: true })

    await page.goto(`${server.url}/sources`)
    await expect.poll(() => page.getByTestId('sources-table').innerText()).toMatch(/Healthy/)
    await page.screenshot({ path: screenshotPath('sources-list') })

    // What was heard shows on everyone's home page.
    await page.goto(server.url)
    expect(await page.getByTestId('posts-heard').innerText()).toBe('12')

    // The source's page and the list, with a run behind them, load as the server rendered them.
    const errors = collectErrors(page)
    for (const url of [sourcePage, `${server.url}/sources`]) expect(await brokenReferencesAt(page, url), url).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('follows a source that the command line is fetching: its progress while it runs, then its outcome', async () => {
    const { db, sqlite } = createDb(server.dbFile)
    let run: CommandLineRun | undefined
    try {
      run = await commandLineRunHalfWay(db, '#climat from the command line', 'omar', 8_000)
      const page = await signInAs('analyst')
      await page.goto(`${server.url}/sources/${run.id}`)
      await expect.poll(() => page.getByTestId('run-progress').innerText()).toMatch(/Running\s+page 1 · 40 fetched · 40 new/)
      expect(await page.getByTestId('run-history').innerText()).toMatch(/Command line\s+Running\s+40\s+40\s+0\s+0/)
      await page.screenshot({ path: screenshotPath('sources-cli-run'), fullPage: true })

      expect(await run.exited).toBe(0)
      await expect.poll(() => page.getByTestId('run-history').innerText(), { timeout: 20_000 }).toMatch(/Command line\s+Done\s+50\s+50\s+0\s+0/)
      expect(await page.getByTestId('run-progress').innerText()).toMatch(/Done/)
      await page.close()
    }
    finally {
      sqlite.close()
      await run?.slow.close()
    }
  })

  it('shows a command-line run whose process died as interrupted, in a web process that does not poll sources', async () => {
    const { db, sqlite } = createDb(server.dbFile)
    let run: CommandLineRun | undefined
    let second: RunningServer | undefined
    try {
      // The second page would come long after the process is killed.
      run = await commandLineRunHalfWay(db, '#climat, killed half-way', 'lina', 30_000)
      run.cli.kill('SIGKILL')
      await run.exited

      // A web process started now (CHORUS_SCHEDULER=off, as the README suggests for a second
      // one) looks for such runs when it starts, then every minute.
      second = await startServer({ dbFile: server.dbFile, env: { CHORUS_SCHEDULER: 'off' } })
      const page = await signInPage(browser, second.url, 'analyst')
      await page.goto(`${second.url}/sources/${run.id}`)
      await expect.poll(() => page.getByTestId('run-history').innerText(), { timeout: 20_000 }).toMatch(/Command line\s+Interrupted\s+40\s+40\s+0\s+0/)
      // Nothing runs the source any more: it can be run again.
      expect(await page.getByTestId('run-now').isEnabled()).toBe(true)
      await page.screenshot({ path: screenshotPath('sources-cli-interrupted'), fullPage: true })
      await page.setViewportSize({ width: 390, height: 844 })
      await page.screenshot({ path: screenshotPath('sources-cli-interrupted-narrow'), fullPage: true })
      await page.goto(`${second.url}/sources`)
      await expect.poll(() => page.getByTestId('sources-table').getByRole('row', { name: /killed half-way/ }).innerText()).toMatch(/Interrupted/)
      await page.close()
    }
    finally {
      await second?.stop()
      sqlite.close()
      await run?.slow.close()
    }
  })

  it('lists the imports made from the command line, with what they noted and the items they could not read', async () => {
    const at = new Date().toISOString()
    const items = [
      { id: 'import-1', text: 'Appel pour le financement climatique', createdAt: at, author: 'amina' },
      { id: 'import-2', text: 'Deuxième appel', createdAt: at, author: 'omar' },
      { id: 'import-3', text: 'Sans date lisible', createdAt: 'la semaine dernière', author: 'omar' },
    ]
    expect(await importPosts(server.dbFile, items)).toBe(2)
    // A Brandwatch export opens with report details, which the import skips and says so.
    expect(await importFile(server.dbFile, join(ROOT, 'tests/fixtures/file/brandwatch-mentions.csv'))).toMatchObject({ inserted: 5 })
    const page = await signInAs('analyst')
    await page.goto(`${server.url}/sources`)
    const imports = page.getByTestId('import-history')
    await expect.poll(() => imports.innerText()).toMatch(/brandwatch-mentions\.csv[\s\S]*Done\s+5\s+5\s+0\s+0[\s\S]*posts\.jsonl[\s\S]*Done\s+3\s+2\s+0\s+1/)
    expect(await imports.getByTestId('run-notes').innerText()).toMatch(/the header is on line 8; the 7 lines of report details above it were skipped/)
    await imports.getByRole('button', { name: '1' }).click()
    const failed = page.getByTestId('failed-items')
    await expect.poll(() => failed.innerText()).toMatch(/la semaine dernière/)
    await page.screenshot({ path: screenshotPath('sources-imports'), fullPage: true })
    const errors = collectErrors(page)
    expect(await brokenReferencesAt(page, `${server.url}/sources`)).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('is not offered to editors, and refused to them', async () => {
    const page = await signInAs('editor')
    expect(await page.getByRole('link', { name: 'Sources' }).count()).toBe(0)
    const response = await page.goto(`${server.url}/sources`)
    expect(response?.status()).toBe(403)
    await page.close()
  })
})
