import { describe, expect, it } from 'vitest'
import { findBrowser, npmBrowser } from '../../../src/export/browser/find.ts'
import { launchBrowser } from '../../../src/export/browser/launch.ts'
import { printDocument } from '../../../src/export/print-pdf.ts'

/** SPEC "Browser": the lookup order and the npm-packaged fallback. */
describe('finding a browser', () => {
  it('takes CHROME_PATH first, then BROWSER_PATH', async () => {
    expect(await findBrowser({ CHROME_PATH: process.execPath, BROWSER_PATH: '/bin/sh' })).toEqual({ path: process.execPath, source: 'CHROME_PATH' })
    expect(await findBrowser({ BROWSER_PATH: process.execPath })).toEqual({ path: process.execPath, source: 'BROWSER_PATH' })
    await expect(findBrowser({ CHROME_PATH: '/no/such/chrome' })).rejects.toMatchObject({ exitCode: 2, problems: [{ code: 'KIT_BROWSER_PATH' }] })
  })

  const packaged = process.platform === 'linux' && process.arch === 'x64'
  it.skipIf(!packaged)('falls back to the Chromium shipped in @sparticuz/chromium and prints a PDF with it', async () => {
    const choice = await npmBrowser()
    expect(choice?.source).toBe('npm')
    const browser = await launchBrowser(choice!)
    try {
      const page = await browser.newPage()
      const pdf = await printDocument(page, '<!doctype html><html lang="en"><title>t</title><h1>Packaged browser</h1></html>', { title: 'T', author: 'A', language: 'en' })
      expect(pdf.pages).toBe(1)
      expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-')
    } finally {
      await browser.close()
    }
  })
})
