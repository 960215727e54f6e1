import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { inject } from 'vitest'
import { whenBuilt } from '../../server/cli/build'
import { DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../server/cli/commands/demo'
import { loadDemoCorpus } from '../../server/cli/demo-corpus'
import { createDb } from '../../server/db'
import { chromiumPath, ROOT } from './machine'

export const SCREENSHOTS = join(ROOT, 'tests/e2e/screenshots')
export { chromiumPath, DEMO_PASSWORD, demoEmail, ROOT }

// The global setup starts the build; a file waits for it here, where no hook's timeout runs.
await whenBuilt(ROOT)

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    }).on('error', fail)
  })
}

/**
 * The demo accounts and `posts` posts of the demo corpus (ending today; digests in the process's
 * CHORUS_TIME_ZONE), loaded once per run and kept for the next server that asks for the same.
 */
async function demoDatabase(posts: number, dir: string): Promise<string> {
  const template = join(inject('demoTemplates'), `demo-${posts}-${encodeURIComponent(process.env.CHORUS_TIME_ZONE ?? 'default')}.db`)
  if (existsSync(template)) return template
  const building = join(dir, 'template.db')
  await seedDemoUsers(building)
  const { db, sqlite } = createDb(building)
  await loadDemoCorpus(db, sqlite, join(dir, 'corpus'), { posts })
  // Closing the last connection folds the write-ahead log into the file, so the one file is the whole database.
  await db.destroy()
  renameSync(building, template)
  return template
}

export interface RunningServer {
  url: string
  dbFile: string
  stop: () => Promise<void>
}

async function freshDatabase(demoPosts?: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'chorus-e2e-'))
  const dbFile = join(dir, 'chorus.db')
  if (demoPosts) copyFileSync(await demoDatabase(demoPosts, dir), dbFile)
  else await seedDemoUsers(dbFile)
  return dbFile
}

/**
 * The built server on a free port, with a fresh database holding the four demo accounts and,
 * with `demoPosts`, that many posts of the demo corpus (ending today), loaded before it starts;
 * with `dbFile`, on that database as it is (another server's, say).
 */
export async function startServer(options: { env?: Record<string, string>, demoPosts?: number, dbFile?: string } = {}): Promise<RunningServer> {
  const dbFile = options.dbFile ?? await freshDatabase(options.demoPosts)
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, '.output/server/index.mjs')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CHORUS_DB: dbFile, NUXT_SESSION_PASSWORD: randomBytes(32).toString('hex'), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => { output += chunk })
  child.stderr!.on('data', (chunk) => { output += chunk })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`)
    try {
      if ((await fetch(`${url}/login`)).ok) break
    }
    catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer within 30 s:\n${output}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    dbFile,
    stop: () => new Promise((done) => {
      if (child.exitCode !== null) return done()
      child.once('exit', () => done())
      child.kill('SIGTERM')
    }),
  }
}

/** Debian's Chromium with a fresh profile, flags as these machines need them. */
export async function launchBrowser(): Promise<BrowserContext> {
  const executablePath = chromiumPath()
  if (!executablePath) throw new Error('no Chromium found: apt-get install -y chromium')
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chorus-profile-')), {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  })
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true })
  return join(SCREENSHOTS, `${name}.png`)
}

/** Signs in over HTTP and returns the session cookie. */
export async function signIn(url: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!response.ok) throw new Error(`sign-in as ${email} answered ${response.status}`)
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
}

/**
 * Waits until Vue has taken over the server-rendered page. A form typed into before that has
 * its fields reset, and a click submits the bare HTML form: on a busy machine that happens.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((document.querySelector('#__nuxt') as (Element & { __vue_app__?: unknown }) | null)?.__vue_app__))
}

/**
 * Waits for Nuxt's loading bar to fade and the page's web animations to end, then for two
 * frames, so that a screenshot shows the page as people see it: the bar stays at full width for
 * a moment after a navigation ends, and a panel scrolled just before paints what it uncovers on
 * a later frame.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.querySelector<HTMLElement>('.nuxt-loading-indicator')?.style.opacity ?? '0') === '0')
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)))
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
}

/**
 * Console errors and uncaught exceptions on a page, from now on, each with the address it came
 * from. Vue reports a page that hydrated unlike the server rendered it as a console error.
 */
export function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`))
  return errors
}

/**
 * Opens `url`, waits until Vue has taken the page over, and returns the ids that its labels,
 * hints and ARIA references name and no element has, and the ids that more than one element
 * has (a label then names the first of them).
 */
export async function brokenReferencesAt(page: Page, url: string): Promise<string[]> {
  await page.goto(url, { waitUntil: 'networkidle' })
  await hydrated(page)
  return page.evaluate(() => {
    const names = ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls']
    const broken: string[] = []
    const holders = new Map<string, number>()
    for (const element of document.querySelectorAll('[id]')) holders.set(element.id, (holders.get(element.id) ?? 0) + 1)
    for (const [id, count] of holders) if (count > 1) broken.push(`id="${id}" on ${count} elements`)
    for (const element of document.querySelectorAll(names.map((name) => `[${name}]`).join(', '))) {
      for (const name of names) {
        for (const id of element.getAttribute(name)?.split(/\s+/).filter(Boolean) ?? []) {
          if (!document.getElementById(id)) broken.push(`${element.tagName.toLowerCase()} ${name}="${id}"`)
        }
      }
    }
    return broken
  })
}

/** A new page signed in through the login form as a demo account, at the given size. */
export async function signInPage(browser: BrowserContext, url: string, role: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  await browser.clearCookies()
  const page = await browser.newPage()
  await page.setViewportSize(viewport)
  await page.goto(`${url}/login`)
  await hydrated(page)
  // In whichever interface language the browser profile was left (a test may switch it).
  await page.getByLabel(/e-mail|courriel|correo/i).fill(demoEmail(role))
  await page.getByLabel(/^password$|^mot de passe$|^contraseña$/i).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: /sign in|se connecter|iniciar sesión/i }).click()
  await page.getByTestId('welcome').waitFor()
  return page
}

/** Loads posts the way an admin would: `chorus import` of a JSONL file on the server's database. */
export async function importPosts(dbFile: string, items: object[]): Promise<number> {
  const file = join(mkdtempSync(join(tmpdir(), 'chorus-import-')), 'posts.jsonl')
  writeFileSync(file, `${items.map((item) => JSON.stringify(item)).join('\n')}\n`)
  return (await importFile(dbFile, file, ['--platform', 'mastodon'])).inserted
}

/** `chorus import` of a file on the server's database, with the command's own options; its counts. */
export async function importFile(dbFile: string, file: string, options: string[] = []): Promise<{ inserted: number, failed: number }> {
  const { stdout } = await promisify(execFile)(process.execPath,
    [join(ROOT, 'server/cli/chorus.mjs'), 'import', file, '--db', dbFile, ...options, '--json'], { cwd: ROOT })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { inserted: number, failed: number }
}
