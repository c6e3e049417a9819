import type { Browser, Page } from 'puppeteer-core'
import { describe, expect, it } from 'vitest'
import { PagePool } from '../../../src/export/browser/page-pool.ts'

/** A stand-in browser whose pages record whether they were closed. */
function fakeBrowser() {
  const pages: { closed: boolean }[] = []
  const browser = {
    async newPage() {
      const page = {
        closed: false,
        async setRequestInterception() {},
        on() {},
        async close() {
          page.closed = true
        },
      }
      pages.push(page)
      return page as unknown as Page
    },
  }
  return { browser: browser as unknown as Pick<Browser, 'newPage'>, pages }
}

describe('page pool', () => {
  it('retries a failed job once on a fresh page', async () => {
    const { browser, pages } = fakeBrowser()
    const pool = new PagePool(browser, 2)
    let calls = 0
    const result = await pool.use('x.pdf', async () => {
      calls++
      if (calls === 1) throw new Error('Target closed')
      return 'ok'
    })
    expect(result).toBe('ok')
    expect(calls).toBe(2)
    expect(pages.map((p) => p.closed)).toEqual([true, false])
  })

  it('reports a job that fails twice, naming the output', async () => {
    const { browser } = fakeBrowser()
    const pool = new PagePool(browser, 1)
    await expect(pool.use('talk/slides', () => Promise.reject(new Error('crash')))).rejects.toMatchObject({
      problems: [{ code: 'KIT_BROWSER_FAILED', message: expect.stringContaining('talk/slides: crash') }],
    })
    // The pool still works afterwards.
    expect(await pool.use('next', async () => 1)).toBe(1)
  })

  it('gives up on a hung page after the timeout, then retries', async () => {
    const { browser } = fakeBrowser()
    const pool = new PagePool(browser, 1, 50)
    let calls = 0
    const result = await pool.use('hang.pdf', () => {
      calls++
      return calls === 1 ? new Promise<string>(() => {}) : Promise.resolve('second try')
    })
    expect(result).toBe('second try')
  })
})
