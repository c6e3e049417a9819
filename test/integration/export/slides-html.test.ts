import { describe, expect, it } from 'vitest'
import { KitError } from '../../../src/core/problems.ts'
import { bespokeSlidesHtml, withViewerFonts } from '../../../src/export/slides-html.ts'

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
