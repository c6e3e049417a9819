import { describe, expect, it } from 'vitest'
import { findBrowser } from '../../../src/export/browser/find.ts'
import { KitError } from '../../../src/core/problems.ts'

describe('finding the browser', () => {
  it('takes CHROME_PATH first, then BROWSER_PATH, as given', async () => {
    expect(await findBrowser({ CHROME_PATH: process.execPath, BROWSER_PATH: '/nowhere' })).toEqual({ path: process.execPath, source: 'CHROME_PATH' })
    expect(await findBrowser({ BROWSER_PATH: process.execPath })).toEqual({ path: process.execPath, source: 'BROWSER_PATH' })
  })

  it('a variable naming a file that does not exist is a usage error that says which', async () => {
    const error = await findBrowser({ CHROME_PATH: '/no/such/chrome' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KitError)
    expect((error as KitError).exitCode).toBe(2)
    expect((error as KitError).problems.map((p) => p.code)).toEqual(['KIT_BROWSER_PATH'])
    expect((error as KitError).problems[0]?.message).toContain('CHROME_PATH')
  })
})
