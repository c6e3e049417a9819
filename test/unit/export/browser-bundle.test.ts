import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Script, createContext, runInContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { browserScript, bundleBrowserEntry } from '../../../src/export/browser/browser-bundle.ts'
import { KIT } from '../../helpers/project.ts'

/** Every browser entry of src/, relative to src/. */
const entries = readdirSync(path.join(KIT, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.browser.ts'))
  .sort()

/**
 * Scripts that run inside a page: `src/**\/<name>.browser.ts`, bundled by
 * `npm run compile` into lib/ and in memory when kit runs from its sources.
 */
describe('browser scripts', () => {
  it('include the PPTX walker', () => {
    expect(entries).toContain(path.join('export', 'pptx', 'walk.browser.ts'))
  })

  it.each(entries)('%s is compiled into lib/ as it bundles now (lib/ is not older than its sources)', async (entry) => {
    const compiled = path.join(KIT, 'lib', entry.replace(/\.ts$/, '.js'))
    expect(existsSync(compiled), `${compiled} is missing: run npm run compile`).toBe(true)
    const fresh = await bundleBrowserEntry(path.join(KIT, 'src', entry))
    expect(readFileSync(compiled, 'utf8') === fresh, `lib/ holds an older bundle of src/${entry}: run npm run compile`).toBe(true)
  })

  it.each(entries)('%s bundles into one classic script: no module syntax, no helper the page lacks', async (entry) => {
    const script = await bundleBrowserEntry(path.join(KIT, 'src', entry))
    // A classic script: module syntax would not even compile.
    expect(() => new Script(script)).not.toThrow()
    expect(script).not.toMatch(/\b__name\b|\bimport\s*\(|\brequire\s*\(/)
  })

  it('the walker’s script sets one global, kitPptxWalk, with walkSlide', async () => {
    const context = createContext({})
    const before = Object.keys(context)
    runInContext(await browserScript(pathToFileURL(path.join(KIT, 'src/export/pptx/walk.browser.ts'))), context)
    expect(Object.keys(context).filter((k) => !before.includes(k))).toEqual(['kitPptxWalk'])
    expect(typeof (context as { kitPptxWalk: { walkSlide: unknown } }).kitPptxWalk.walkSlide).toBe('function')
  })

  it('run from lib/ (no source beside it), reads the bundle beside the code, and says how to make a missing one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kit-bundle-'))
    await writeFile(path.join(dir, 'here.browser.js'), 'globalThis.here = 1\n')
    expect(await browserScript(pathToFileURL(path.join(dir, 'here.browser.ts')))).toBe('globalThis.here = 1\n')
    await expect(browserScript(pathToFileURL(path.join(dir, 'gone.browser.ts')))).rejects.toThrow(/gone\.browser\.js is missing.*npm run compile/)
  })
})
