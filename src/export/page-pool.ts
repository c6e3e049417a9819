import type { Browser, Page } from 'puppeteer-core'

/**
 * A fixed number of browser tabs shared by every export of a build. Each page
 * refuses any request that is not inline (data:, about:), so an output that
 * tried to reach the network is caught while it is printed.
 */
export class PagePool {
  private readonly idle: Page[] = []
  private readonly waiting: ((page: Page) => void)[] = []
  private created = 0
  /** URLs that outputs tried to load; they were blocked. */
  readonly blocked: { url: string; output: string }[] = []

  constructor(
    private readonly browser: Browser,
    private readonly size: number,
  ) {}

  async use<T>(output: string, work: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.acquire()
    const current = { output }
    ;(page as Page & { kitOutput?: { output: string } }).kitOutput = current
    try {
      return await work(page)
    } finally {
      this.release(page)
    }
  }

  private async acquire(): Promise<Page> {
    const page = this.idle.pop()
    if (page) return page
    if (this.created < this.size) {
      this.created++
      return this.open()
    }
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  private release(page: Page): void {
    const next = this.waiting.shift()
    if (next) next(page)
    else this.idle.push(page)
  }

  private async open(): Promise<Page> {
    const page = await this.browser.newPage()
    await page.setRequestInterception(true)
    page.on('request', (request) => {
      const url = request.url()
      if (/^(data|about|blob):/.test(url)) {
        void request.continue()
        return
      }
      const output = (page as Page & { kitOutput?: { output: string } }).kitOutput?.output ?? '?'
      this.blocked.push({ url, output })
      void request.abort('blockedbyclient')
    })
    return page
  }
}
