import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { createMessages } from '../../../src/core/messages.ts'
import { KitError } from '../../../src/core/problems.ts'
import { launchBrowser } from '../../../src/export/browser/launch.ts'
import { withScriptCsp } from '../../../src/export/csp.ts'
import { bespokeSlidesHtml, withViewerFonts, withViewerWords } from '../../../src/export/slides-html.ts'
import { kitCatalogues } from '../../../src/load/catalogues.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { copyFixture } from '../../helpers/project.ts'

const browser = await browserForTests()

describe('slides.html through marp-cli', () => {
  it('turns a marp-cli failure into a KIT_SLIDES_HTML problem naming the edition, and restores the console', async () => {
    const log = console.log
    const failing = async () => {
      console.error('[  ERROR ] Failed converting Markdown. (Error: theme "x" is broken)')
      return 1
    }
    const error = await bespokeSlidesHtml('# Slide', [], 'talk', failing).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KitError)
    const problem = (error as KitError).problems[0]
    expect(problem?.code).toBe('KIT_SLIDES_HTML')
    expect(problem?.message).toContain('"talk"')
    expect(problem?.message).toContain('theme "x" is broken')
    expect(problem?.hint).toBeTruthy()
    expect(console.log).toBe(log)
  })
})

describe('the viewer’s own text', () => {
  const page = '<!DOCTYPE html><html><head><style>.bespoke-marp-osc{font-family:Helvetica,Arial,sans-serif}</style></head><body></body></html>'
  const fonts = ['Inter', 'Noto Sans JP']

  it('controls, presenter view and notes use the embedded families in their order, after marp-cli’s own rules', () => {
    const html = withViewerFonts(page, fonts)
    const rule = /<style>([^<]*)<\/style><\/head>/.exec(html)?.[1] ?? ''
    expect(rule).toContain('.bespoke-marp-presenter-container')
    expect(rule).toContain('.bespoke-marp-osc')
    expect(rule).toContain("font-family: 'Inter', 'Noto Sans JP', sans-serif !important")
    expect(html.indexOf('Helvetica')).toBeLessThan(html.indexOf(rule))
  })

  it('leaves a page without embedded fonts as it is', () => {
    expect(withViewerFonts(page, [])).toBe(page)
  })
})

describe('the viewer’s own words', () => {
  const page = '<!DOCTYPE html><html><head></head><body><script>bespoke()</script></body></html>'

  it('come from the catalogue as data after marp-cli’s script, and a word cannot close the script', () => {
    const catalogues = new Map(kitCatalogues())
    catalogues.set('fr', { ...catalogues.get('fr'), 'viewer.timer': '</script><script>alert(1)</script>' })
    const html = withScriptCsp(withViewerWords(page, createMessages('fr', catalogues)))
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '')
    expect(scripts).toHaveLength(2)
    expect(scripts[0]).toBe('bespoke()')
    expect(scripts[1]).toContain('Diapositive suivante')
    expect(scripts[1]).not.toContain('</')
    // The policy allows both scripts by hash, nothing else.
    expect([...html.matchAll(/'sha256-[^']+'/g)]).toHaveLength(2)
  })
})

describe.skipIf(!browser)('slides.html of a French workshop', () => {
  it('labels its controls, presenter view and overview in French, within its CSP', async () => {
    const root = await copyFixture('mini')
    const workshop = path.join(root, 'content/workshop.yaml')
    await writeFile(workshop, (await readFile(workshop, 'utf8')).replace('language: en-GB', 'language: fr'))
    const out = path.join(root, 'dist')
    await build({ root, out, editions: ['short'], formats: ['html'], zip: false })
    const url = pathToFileURL(path.join(out, 'instructor/short/slides.html')).href
    const chrome = await launchBrowser(browser as NonNullable<typeof browser>)
    try {
      const tab = await chrome.newPage()
      const errors: string[] = []
      tab.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text())
      })
      tab.on('pageerror', (e) => errors.push(String(e)))
      const words = () =>
        tab.evaluate(() =>
          [...document.querySelectorAll('button, time')]
            .map((el) => `${(el as HTMLElement).title}|${el.className.includes('info-time') || el.className.includes('info-timer') ? '' : (el.textContent ?? '')}`)
            .concat(document.title),
        )
      await tab.goto(url)
      const controls = await words()
      expect(controls).toEqual(expect.arrayContaining(['Diapositive précédente|Diapositive précédente', 'Diapositive suivante|Diapositive suivante', 'Plein écran (f)|Plein écran']))
      // The overview opens in a frame of the same file, with its own close button.
      await tab.keyboard.press('o')
      const frame = await tab.waitForFrame((f) => f.url().includes('view=overview'))
      await frame.waitForSelector('.bespoke-marp-overview-close')
      const overview = await frame.evaluate(() => [(document.querySelector('.bespoke-marp-overview-close') as HTMLElement).title, document.title])
      expect(overview[0]).toBe('Fermer la vue d’ensemble')
      expect(overview[1]).toMatch(/^\[Vue d’ensemble\]/)
      await tab.goto(`${url}?view=presenter#2`)
      await tab.waitForFunction(() => document.querySelector('.bespoke-marp-presenter-info-page-next') !== null)
      const presenter = await words()
      expect(presenter).toEqual(expect.arrayContaining(['Précédente|Précédente', 'Suivante|Suivante', 'Heure actuelle|', 'Chronomètre|']))
      expect(presenter.at(-1)).toMatch(/^\[Vue présentateur\]/)
      const english = ['Previous', 'Next', 'Toggle', 'Open presenter', 'notes font size', 'Current time', 'Timer', 'Presenter view', 'Overview']
      for (const word of english) expect([...controls, ...presenter].join('\n'), word).not.toContain(word)
      expect(errors).toEqual([])
    } finally {
      await chrome.close()
    }
  }, 120_000)
})
