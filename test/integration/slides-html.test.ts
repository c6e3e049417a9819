import { describe, expect, it } from 'vitest'
import { KitError } from '../../src/problems.ts'
import { bespokeSlidesHtml } from '../../src/export/slides-html.ts'

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
