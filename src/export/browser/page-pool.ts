import type { Browser, Page } from 'puppeteer-core'
import { KitError } from '../../core/problems.ts'

/**
 * A fixed number of browser tabs shared by every export of a build. Each page
 * refuses any request that is not inline (data:, about:), so an output that
 * tried to reach the network is caught while it is printed. A job whose page
 * crashes, fails or hangs past the timeout is retried once on a fresh page,
 * then reported.
 */
export class PagePool {
  private readonly idle: Page[] = []
  private readonly waiting: ((page: Page | undefined) => void)[] = []
  private open = 0
  /** URLs that outputs tried to load; they were blocked. */
  readonly blocked: { url: string; output: string }[] = []

  constructor(
    private readonly browser: Pick<Browser, 'newPage'>,
    private readonly size: number,
    private readonly timeoutMs = 180_000,
  ) {}

  async use<T>(output: string, work: (page: Page) => Promise<T>): Promise<T> {
    let lastError: unknown
    for (let attempt = 1; attempt <= 2; attempt++) {
      const page = await this.acquire()
      ;(page as Page & { kitOutput?: string }).kitOutput = output
      try {
        const result = await withTimeout(work(page), this.timeoutMs, output)
        this.release(page)
        return result
      } catch (error) {
        if (error instanceof KitError) {
          this.release(page)
          throw error
        }
        lastError = error
        await this.discard(page)
      }
    }
    const reason = lastError instanceof Error ? lastError.message.split('\n')[0] : String(lastError)
    throw new KitError([
      {
        code: 'KIT_BROWSER_FAILED',
        severity: 'error',
        message: `The browser failed twice on ${output}: ${reason}`,
        hint: 'Run again; if it persists, try another browser with CHROME_PATH, or build --formats html to skip the browser.',
      },
    ])
  }

  private async acquire(): Promise<Page> {
    const page = this.idle.pop()
    if (page) return page
    if (this.open < this.size) {
      this.open++
      return this.newPage()
    }
    const handed = await new Promise<Page | undefined>((resolve) => this.waiting.push(resolve))
    return handed ?? this.newPage()
  }

  private release(page: Page): void {
    const next = this.waiting.shift()
    if (next) next(page)
    else this.idle.push(page)
  }

  /** Closes a page that failed; whoever waits gets a fresh one. */
  private async discard(page: Page): Promise<void> {
    await page.close().catch(() => undefined)
    const next = this.waiting.shift()
    if (next) next(undefined)
    else this.open--
  }

  private async newPage(): Promise<Page> {
    // A window of its own: headless Chromium paints only the front tab of a
    // window, so tabs in one window could not take screenshots side by side.
    const page = await this.browser.newPage({ type: 'window' })
    await page.setRequestInterception(true)
    page.on('request', (request) => {
      const url = request.url()
      if (/^(data|about|blob):/.test(url)) {
        void request.continue()
        return
      }
      this.blocked.push({ url, output: (page as Page & { kitOutput?: string }).kitOutput ?? '?' })
      void request.abort('blockedbyclient')
    })
    return page
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, output: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the page after ${Math.round(ms / 1000)} s while making ${output}`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
