import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { brokenReferencesAt, chromiumPath, collectErrors, demoEmail, hydrated, launchBrowser, type RunningServer, screenshotPath, signInPage, startServer } from './support'

let server: RunningServer
let browser: BrowserContext

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
}, 90_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const signInAs = (role: string): Promise<Page> => signInPage(browser, server.url, role)

async function navLabels(page: Page): Promise<string[]> {
  const links = page.locator('nav[aria-label] a')
  return (await links.allInnerTexts()).map((t) => t.trim()).filter(Boolean)
}

describe.skipIf(!chromiumPath())('the app in a browser', () => {
  it('shows the login page to an anonymous visitor', async () => {
    await browser.clearCookies()
    const page = await browser.newPage()
    await page.goto(`${server.url}/admin/users`)
    await page.waitForURL(/\/login\?next=/)
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await page.screenshot({ path: screenshotPath('login') })
    await page.getByLabel('E-mail').fill(demoEmail('viewer'))
    await page.getByLabel(/^password$/i).fill('wrong password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/do not match/)
    await page.close()
  })

  it('gives each role the navigation it may use', async () => {
    const expected: Record<string, string[]> = {
      admin: ['Home', 'Overview', 'Conversations', 'Influencers', 'Calendar', 'Digest', 'Sources', 'Topics', 'Users', 'Audit log'],
      analyst: ['Home', 'Overview', 'Conversations', 'Influencers', 'Calendar', 'Digest', 'Sources', 'Topics'],
      editor: ['Home', 'Overview', 'Conversations', 'Influencers', 'Calendar', 'Digest', 'Topics'],
      viewer: ['Home', 'Overview', 'Conversations', 'Influencers', 'Calendar', 'Digest', 'Topics'],
    }
    for (const role of ['admin', 'analyst', 'editor', 'viewer']) {
      const page = await signInAs(role)
      expect(await navLabels(page)).toEqual(expected[role])
      expect(await page.getByTestId('role-badge').innerText()).toMatch(new RegExp(role, 'i'))
      await page.screenshot({ path: screenshotPath(`home-${role}`) })
      await page.close()
    }
  })

  it('refuses the admin pages to a viewer', async () => {
    const page = await signInAs('viewer')
    const response = await page.goto(`${server.url}/admin/users`)
    expect(response?.status()).toBe(403)
    await page.getByTestId('error-page').waitFor()
    expect(await page.getByTestId('error-page').innerText()).toMatch(/Not for your role/)
    await page.screenshot({ path: screenshotPath('viewer-forbidden') })
    // The page's own calls are refused by the server too, whatever the UI shows.
    const status = await page.evaluate(async () => (await fetch('/api/trpc/users.list')).status)
    expect(status).toBe(403)
    const mutation = await page.evaluate(async () => (await fetch('/api/trpc/users.create', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sneaky@example.org', name: 'Sneaky', role: 'admin', password: 'a long password' }),
    })).status)
    expect(mutation).toBe(403)
    await page.close()
  })

  it('switches between English, French and Spanish', async () => {
    const page = await signInAs('editor')
    const choose = async (name: string) => {
      await page.getByTestId('locale-select').click()
      await page.getByRole('option', { name }).click()
    }
    await choose('Français')
    await expect.poll(() => navLabels(page)).toEqual(['Accueil', 'Vue d’ensemble', 'Conversations', 'Influenceurs', 'Calendrier', 'Synthèse', 'Sujets'])
    expect(await page.getByTestId('welcome').innerText()).toMatch(/^Bienvenue/)
    await page.screenshot({ path: screenshotPath('home-editor-fr') })
    await choose('Español')
    await expect.poll(() => navLabels(page)).toEqual(['Inicio', 'Resumen', 'Conversaciones', 'Influencers', 'Calendario', 'Resumen semanal', 'Temas'])
    await page.reload()
    expect(await page.getByTestId('welcome').innerText()).toMatch(/^Bienvenido/)
    expect(await page.locator('html').getAttribute('lang')).toBe('es-ES')
    await page.screenshot({ path: screenshotPath('home-editor-es') })
    await choose('English')
    await page.close()
  })

  it('validates forms in the interface language', async () => {
    await browser.clearCookies()
    const page = await browser.newPage()
    await page.goto(`${server.url}/login`)
    await hydrated(page)
    await page.getByTestId('locale-select').click()
    await page.getByRole('option', { name: 'Français' }).click()
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await expect.poll(() => page.locator('form').innerText()).toMatch(/Trop petit/)
    await page.screenshot({ path: screenshotPath('login-fr-validation') })
    await page.getByTestId('locale-select').click()
    await page.getByRole('option', { name: 'English' }).click()
    await page.close()
  })

  it('lets an admin add a person, change their role and read it in the audit log', async () => {
    const page = await signInAs('admin')
    await page.goto(`${server.url}/admin/users`)
    await page.getByTestId('users-table').waitFor()
    await page.getByTestId('add-user').click()
    const form = page.getByTestId('add-user-form')
    await form.getByLabel('E-mail').fill('analyst@example.org')
    await form.getByLabel('Name').fill('Amina Diallo')
    await form.getByLabel('Initial password').fill('a long password')
    await form.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => form.innerText()).toMatch(/An account with this e-mail already exists/)
    await page.screenshot({ path: screenshotPath('users-add-conflict') })

    await form.getByLabel('E-mail').fill('amina@example.org')
    await form.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => page.getByTestId('users-table').innerText()).toMatch(/amina@example\.org/)

    await page.getByRole('combobox', { name: 'Role of amina@example.org' }).click()
    await page.getByRole('option', { name: 'Editor' }).click()
    await expect.poll(() => page.getByText('Saved changes to amina@example.org').count()).toBeGreaterThan(0)
    await page.screenshot({ path: screenshotPath('users-admin') })

    await page.goto(`${server.url}/admin/audit`)
    const audit = page.getByTestId('audit-table')
    await expect.poll(() => audit.innerText()).toMatch(/role: analyst → editor/)
    expect(await audit.innerText()).toMatch(/created an account/)
    await page.screenshot({ path: screenshotPath('audit-log') })
    await page.close()
  })

  it('hydrates every page as the server rendered it, with each label tied to its field', async () => {
    const page = await signInAs('admin')
    const problems = collectErrors(page)
    const paths = ['/', '/overview', '/conversations', '/influencers', '/calendar', '/calendar/new', '/digest', '/sources',
      '/sources/new', '/topics', '/topics/new', '/account', '/admin/users', '/admin/audit']
    for (const path of paths) {
      expect(await brokenReferencesAt(page, `${server.url}${path}`), path).toEqual([])
    }
    expect(problems).toEqual([])
    await page.close()
  })

  it('has a dark theme', async () => {
    const page = await signInAs('analyst')
    await page.getByRole('button', { name: /dark mode|switch to dark/i }).first().click()
    await expect.poll(() => page.locator('html').getAttribute('class')).toMatch(/dark/)
    await page.screenshot({ path: screenshotPath('home-analyst-dark') })
    await page.close()
  })
})
