import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'puppeteer-core'
import { launchBrowser } from '../../../../src/export/browser/launch.ts'
import { browserForTests } from '../../../helpers/browser.ts'
import { KIT } from '../../../helpers/project.ts'

/**
 * What the live browser tests share: a real Chromium, a page per person in
 * its own browser context (its own storage, as on separate devices), and
 * waiting on what a page shows instead of sleeping. The live pages' scripts
 * are served from lib/ (npm run compile bundles them).
 */
export async function liveBrowser(): Promise<Browser | undefined> {
  const choice = await browserForTests()
  return choice ? launchBrowser(choice) : undefined
}

export interface Person {
  context: BrowserContext
  page: Page
}

/** A page in a context of its own, with clipboard access granted for `origin`. */
export async function person(browser: Browser, url: string, viewport = { width: 1280, height: 860 }): Promise<Person> {
  const context = await browser.createBrowserContext()
  await context.overridePermissions(new URL(url).origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write'])
  const page = await context.newPage()
  await page.setViewport(viewport)
  page.on('pageerror', (error) => {
    throw error
  })
  await page.goto(url, { waitUntil: 'domcontentloaded' })
  return { context, page }
}

/** Joins the room from the join link: types the name and submits; resolves when the first slide is drawn. */
export async function join(browser: Browser, joinLink: string, name: string, viewport?: { width: number; height: number }): Promise<Person> {
  const learner = await person(browser, joinLink, viewport)
  await learner.page.waitForSelector('#join-form input[name=name]', { visible: true })
  await learner.page.type('#join-form input[name=name]', name)
  await learner.page.click('#join-form button[type=submit]')
  await learner.page.waitForSelector('#slide svg')
  return learner
}

/** Resolves when `selector`'s text contains `text`. */
export async function textIn(page: Page, selector: string, text: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction((s, t) => (document.querySelector(s)?.textContent ?? '').includes(t), { timeout }, selector, text)
}

export async function textOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (e) => e.textContent ?? '')
}

/** Screenshots for docs/live.md, taken from the tests (docs/images/live-*.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(KIT, 'docs/images')
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `live-${name}.png`) as `${string}.png` })
}
