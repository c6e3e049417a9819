import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderDeck } from '../../../src/core/marp-engine.ts'
import { launchBrowser } from '../../../src/export/browser/launch.ts'
import { PagePool } from '../../../src/export/browser/page-pool.ts'
import type { ImageShape, RectShape, Shape, SlideModel, TableShape, TextRun, TextShape } from '../../../src/export/pptx/model.ts'
import { addWalker, walkSlideIn } from '../../../src/export/pptx/page-walker.ts'
import { slidesPrintHtml } from '../../../src/render/deck/print-html.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { kitMarp } from '../../helpers/project.ts'

/**
 * The PPTX walker (src/export/pptx/walk/, bundled as walk.browser.ts) in a
 * real Chromium: small Marp decks in the kit theme are laid out on the
 * print page the exporter uses, in a guarded tab, and each slide's model is
 * read with the bundle the build adds. One deck per part of the walker.
 */
const choice = await browserForTests()

/** A 4 × 2 PNG, red. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAYAAAB/qH1jAAAAEklEQVR4nGM4ISf3HxkzoAsAAA81EBmbqAf0AAAAAElFTkSuQmCC'
const SVG = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#336699"/></svg>').toString('base64')}`

const texts = (shapes: Shape[]) => shapes.filter((s): s is TextShape => s.kind === 'text')
const runText = (runs: TextRun[]) => runs.map((r) => r.text).join('')
const run = (shape: TextShape | undefined, text: string) => shape?.paragraphs.flatMap((p) => p.runs).find((r) => r.text === text)

describe.skipIf(!choice)('the PPTX walker in the browser', () => {
  let browser: Browser
  let pool: PagePool

  beforeAll(async () => {
    browser = await launchBrowser(choice!)
    pool = new PagePool(browser, 1)
  })
  afterAll(async () => {
    await browser?.close()
  })

  /** Every slide of `markdown`, rendered with the kit theme and read as the exporter reads it: one slide shown at a time. */
  async function walk(markdown: string): Promise<SlideModel[]> {
    const marp = kitMarp()
    marp.themeSet.default = marp.themeSet.get('kit')
    const deck = renderDeck(marp, markdown)
    // markdown-it refuses SVG data: URLs in markdown; the build puts them in after Marp, as here.
    const slides = deck.slides.map((slide) => slide.replaceAll('src="picture.svg"', `src="${SVG}"`))
    const html = slidesPrintHtml({ slides, css: deck.css, fonts: '', lang: 'en', title: 'Walk', width: 1280, height: 720 })
    return pool.use('walk test', async (page) => {
      await page.setViewport({ width: 1280, height: 720 })
      await page.setContent(html, { waitUntil: 'load' })
      await addWalker(page)
      const models: SlideModel[] = []
      for (let i = 0; i < deck.slides.length; i++) {
        await page.evaluate((shown) => {
          document.querySelectorAll<SVGElement>('div.marpit > svg[data-marpit-svg]').forEach((svg, k) => {
            svg.style.display = k === shown ? 'block' : 'none'
          })
        }, i)
        models.push(await walkSlideIn(page, i))
      }
      return models
    })
  }

  it('reads a paragraph as runs with their weight, style, colour, code font, links and decorations, and the first heading as the title', async () => {
    const [slide] = await walk(`## Runs <em>here</em>

<style scoped>
p strong { color: rgb(200, 0, 0); }
p code { background-color: rgb(230, 230, 230); }
</style>

Plain **bold** *italic* \`code\` [link](https://example.org/) ~~gone~~ end
`)
    expect(slide!.unsupported).toEqual([])
    expect(slide!.title).toBe('Runs here')
    const [heading, paragraph] = texts(slide!.shapes)
    expect(heading!.title).toBe(true)
    expect(paragraph!.title).toBeUndefined()
    expect(paragraph!.paragraphs).toHaveLength(1)
    // The inline code's padding is kept as a no-break space on each side, in its background.
    expect(runText(paragraph!.paragraphs[0]!.runs)).toBe('Plain bold italic \u00a0code\u00a0 link gone end')
    // Absent properties are left out of the model, not set to false.
    const plain = run(paragraph, 'Plain ')!
    expect([plain.bold, plain.italic, plain.underline, plain.href, plain.highlight]).toEqual([undefined, undefined, undefined, undefined, undefined])
    expect(plain).toMatchObject({ color: expect.stringMatching(/^#[0-9a-f]{6}$/), generic: 'sans-serif' })
    expect(run(paragraph, 'bold')).toMatchObject({ bold: true, color: '#c80000' })
    expect(run(paragraph, 'italic')).toMatchObject({ italic: true })
    expect(run(paragraph, 'italic')!.bold).toBeUndefined()
    expect(run(paragraph, 'code')).toMatchObject({ generic: 'monospace', highlight: '#e6e6e6' })
    expect(run(paragraph, '\u00a0')).toMatchObject({ highlight: '#e6e6e6' })
    expect(run(paragraph, 'link')).toMatchObject({ href: 'https://example.org/' })
    expect(run(paragraph, 'gone')).toMatchObject({ strike: true })
    expect(slide!.text.split(/[\s\u00a0]+/)).toEqual(['Runs', 'here', 'Plain', 'bold', 'italic', 'code', 'link', 'gone', 'end'])
  })

  it('keeps line breaks and indentation of code, in one box that never wraps', async () => {
    const [slide] = await walk('```\ndef f(x):\n\treturn x\n```\n')
    const [code] = texts(slide!.shapes)
    expect(code!.wrap).toBe(false)
    const runs = code!.paragraphs[0]!.runs
    // A tab is four spaces; each line but the last ends in a break (the writer ignores a break after the last).
    expect(runs.map((r) => r.text)).toEqual(['def f(x):', '    return x'])
    expect(runs[0]!.breakAfter).toBe(true)
    expect(runs.every((r) => r.generic === 'monospace')).toBe(true)
  })

  it('reads nested lists as paragraphs with levels, numbering from the list start, the nested items indented further', async () => {
    const [slide] = await walk(`3. Third
4. Fourth
   - nested a
   - nested b
5. Fifth
`)
    const [list] = texts(slide!.shapes)
    const items = list!.paragraphs.map((p) => ({ text: runText(p.runs), level: p.list?.level, ordered: p.list?.ordered, start: p.list?.start }))
    expect(items).toEqual([
      { text: 'Third', level: 0, ordered: true, start: 3 },
      { text: 'Fourth', level: 0, ordered: true, start: 3 },
      { text: 'nested a', level: 1, ordered: false, start: 1 },
      { text: 'nested b', level: 1, ordered: false, start: 1 },
      { text: 'Fifth', level: 0, ordered: true, start: 3 },
    ])
    const [top, , nested] = list!.paragraphs
    expect(top!.list!.marker).toBe('arabicPeriod')
    expect(nested!.list!.marker).not.toBe('arabicPeriod')
    expect(nested!.list!.indent).toBeGreaterThan(top!.list!.indent)
    // The second paragraph starts one line below the first: no extra space between items.
    expect(list!.paragraphs[1]!.spaceBefore).toBeLessThan(top!.lineHeight / 2)
  })

  it('reads a table as a table: one column width per column, the rows, each cell’s text, alignment, fill and borders', async () => {
    const [slide] = await walk(`| Name | Kind | Boot time |
| --- | --- | ---: |
| Firecracker | microVM | 125 ms |
| runc | container | 50 ms |
`)
    const table = slide!.shapes.find((s): s is TableShape => s.kind === 'table')!
    expect(table.columns).toHaveLength(3)
    expect(table.columns.reduce((a, b) => a + b, 0)).toBeCloseTo(table.w, -1)
    expect(table.rows).toHaveLength(3)
    expect(table.cells.map((row) => row.map((c) => runText(c.paragraphs[0]!.runs)))).toEqual([
      ['Name', 'Kind', 'Boot time'],
      ['Firecracker', 'microVM', '125 ms'],
      ['runc', 'container', '50 ms'],
    ])
    expect(table.cells[1]![2]!.paragraphs[0]!.align).toBe('right')
    expect(table.cells[1]![0]!.paragraphs[0]!.align).toBe('left')
    expect(table.cells[0]![0]!.paragraphs[0]!.runs[0]!.bold).toBe(true)
    for (const cell of table.cells.flat()) {
      expect(cell.borders).toHaveLength(4)
      expect(cell.colspan).toBe(1)
    }
    expect(slide!.text).toContain('Firecracker microVM 125 ms')
  })

  it('reads an image as a picture with its data and natural size, an SVG image and inline math as pictures shot for their PNG fallback', async () => {
    const [slide] = await walk(`![w:200](${PNG})

![w:300](picture.svg)

Area $x^2$ here
`)
    const images = slide!.shapes.filter((s): s is ImageShape => s.kind === 'image')
    expect(images).toHaveLength(3)
    const [png, svg, math] = images
    // A PNG goes into the PPTX as it is: no screenshot.
    expect(png).toMatchObject({ src: PNG, natural: { w: 4, h: 2 } })
    expect(png!.shot).toBeUndefined()
    expect(png!.w).toBeCloseTo(200, 0)
    expect(png!.h).toBeCloseTo(100, 0)
    expect(svg).toMatchObject({ src: SVG, natural: { w: 400, h: 200 }, shot: 'box' })
    expect(svg!.w).toBeCloseTo(300, 0)
    expect(math).toMatchObject({ shot: 'box', alt: 'x^2', src: expect.stringMatching(/^data:image\/svg\+xml;base64,/) })
    // The formula's width is kept free in its line: a no-break space widened to it.
    const line = texts(slide!.shapes).find((t) => runText(t.paragraphs[0]!.runs).startsWith('Area'))!
    const space = line.paragraphs[0]!.runs.find((r) => r.text === '\u00a0')!
    expect(space.spacing).toBeGreaterThan(0)
    expect(slide!.unsupported).toEqual([])
  })

  it('reads the slide colour as its background, a background image as a fitted picture, a gradient as one picture of the background, and generated page numbers as text', async () => {
    const slides = await walk(`---
paginate: true
---

<!-- _backgroundColor: rgb(10, 20, 30) -->
<!-- _color: rgb(250, 250, 250) -->

Dark

---

![bg contain](${PNG})

Over a picture

---

<!-- _backgroundImage: linear-gradient(to right, rgb(255, 0, 0), rgb(0, 0, 255)) -->

On a gradient
`)
    const [dark, picture, gradient] = slides
    expect(dark!.background).toBe('#0a141e')
    expect(run(texts(dark!.shapes)[0], 'Dark')?.color).toBe('#fafafa')
    // kit's theme draws "page / pages" in section::after from attributes.
    expect(texts(dark!.shapes).map((t) => runText(t.paragraphs[0]!.runs))).toContain('1 / 3')

    const figure = picture!.shapes.find((s): s is ImageShape => s.kind === 'image')!
    expect(figure).toMatchObject({ src: PNG, fit: 'contain', natural: { w: 4, h: 2 }, x: 0, y: 0, w: 1280, h: 720 })
    expect(picture!.unsupported).toEqual([])

    expect(gradient!.shapes[0]).toEqual({ kind: 'image', x: 0, y: 0, w: 1280, h: 720, shot: 'paint' })
    expect(gradient!.shapes.filter((s): s is RectShape => s.kind === 'rect' && s.w === 1280 && s.h === 720)).toEqual([])
    expect(gradient!.unsupported).toEqual([])
  })

  it('reports what an editable slide cannot show: CSS transforms and filters, embedded media, generated content other than text', async () => {
    const [transformed, media] = await walk(`<style scoped>
h2 { transform: rotate(3deg); }
p { filter: blur(1px); }
</style>

## Tilted

Blurred

---

<style scoped>
h2::before { content: counter(page); }
</style>

## Counted

<video></video>
`)
    expect(transformed!.unsupported).toEqual(['CSS transform on <h2>', 'CSS filter on <p>'])
    expect(media!.unsupported).toEqual(['generated content counter(page) in ::before', '<video>'])
  })

  it('says so when asked for a slide that is not there', async () => {
    const [, missing] = await pool.use('walk test', async (page) => {
      await page.setContent(slidesPrintHtml({ slides: [], css: '', fonts: '', lang: 'en', title: 'Empty', width: 1280, height: 720 }))
      await addWalker(page)
      return [undefined, await walkSlideIn(page, 0)]
    })
    expect(missing).toEqual({ background: '#ffffff', shapes: [], title: '', unsupported: ['the slide was not found'], text: '' })
  })

  it('loads into a tab that printed a page with a strict Content-Security-Policy before: setContent keeps the policy', async () => {
    // A tab of its own: a tab the walker was added to keeps it as a global through setContent.
    const slide = await new PagePool(browser, 1).use('walk test', async (page) => {
      await page.setContent(`<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"></head><body>A handout</body></html>`)
      const deck = renderDeck(kitMarp(), '## After a handout\n')
      await page.setContent(slidesPrintHtml({ slides: deck.slides, css: deck.css, fonts: '', lang: 'en', title: 'Walk', width: 1280, height: 720 }))
      await addWalker(page)
      return walkSlideIn(page, 0)
    })
    expect(slide.title).toBe('After a handout')
  })

  it('loads the walker into the guarded tab without a request: the pool blocked none', () => {
    expect(pool.blocked).toEqual([])
  })
})
