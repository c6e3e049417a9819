import type { Browser } from 'puppeteer-core'
import type { Problem } from '../../core/problems.ts'
import { blockedRequestProblems } from './blocked-requests.ts'
import type { BrowserChoice } from './find.ts'
import { launchBrowser } from './launch.ts'
import { PagePool } from './page-pool.ts'

/**
 * The one browser of a run (a build, a check, a preview): every page any
 * caller opens comes from its pool, so every page refuses network requests
 * and each refusal becomes a problem. The browser starts on the first page
 * asked for, so a run with nothing to print launches none.
 */
export class BrowserSession {
  private browser?: Promise<Browser>
  private pool?: PagePool

  constructor(
    readonly choice: BrowserChoice,
    private readonly tabs = 2,
  ) {}

  /** The guarded tabs; launches the browser the first time. */
  async pages(): Promise<PagePool> {
    this.browser ??= launchBrowser(this.choice)
    const browser = await this.browser
    this.pool ??= new PagePool(browser, this.tabs)
    return this.pool
  }

  /** Whether a browser was started. */
  get launched(): boolean {
    return this.browser !== undefined
  }

  /** Every request a page tried to make, as a problem at the source text that names its URL. */
  blockedRequests(texts: ReadonlyMap<string, string>): Problem[] {
    return blockedRequestProblems(this.pool?.blocked ?? [], texts)
  }

  async close(): Promise<void> {
    const browser = await this.browser?.catch(() => undefined)
    await browser?.close().catch(() => undefined)
  }
}

/** Runs `work` with a session that is closed afterwards, whatever happens. */
export async function withBrowser<T>(choice: BrowserChoice, work: (session: BrowserSession) => Promise<T>): Promise<T> {
  const session = new BrowserSession(choice)
  try {
    return await work(session)
  } finally {
    await session.close()
  }
}
