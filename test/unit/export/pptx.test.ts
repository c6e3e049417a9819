import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodePng } from '../../../src/export/pptx/png-decode.ts'
import { bulletFonts } from '../../../src/export/pptx/finish.ts'
import { fallbackProblems, fallbackReasons, FIDELITY_THRESHOLD } from '../../../src/export/pptx/gate.ts'
import { containRect, pitchFamily, textBox } from '../../../src/export/pptx/geometry.ts'
import type { TextParagraph, TextRun, TextShape } from '../../../src/export/pptx/model.ts'
import { numberMarker, previewHtml } from '../../../src/export/pptx/preview.ts'
import { stripFontFaces, svgForOffice } from '../../../src/export/pptx/svg.ts'
import { textRuns } from '../../../src/export/pptx/writer.ts'
import { greyscale, shrink, ssim } from '../../../src/export/pptx/ssim.ts'

/** Encodes byte `v` of a row for PNG filter `filter` (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth), given its left, upper and upper-left neighbours. */
function filtered(filter: number, v: number, a: number, b: number, c: number): number {
  const p = a + b - c
  const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c
  const predictor = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0
  return (v - predictor + 256) % 256
}

/** A PNG as Chromium writes one: 8-bit RGBA rows, each row encoded for real with the given filter (or the filter of its row, from a list). */
function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number], filter: number | number[] = 0): Uint8Array {
  const rows: number[] = []
  let previous: number[] = []
  for (let y = 0; y < height; y++) {
    const kind = Array.isArray(filter) ? (filter[y % filter.length] ?? 0) : filter
    rows.push(kind)
    const line: number[] = []
    for (let x = 0; x < width; x++) line.push(...pixel(x, y))
    for (const [i, v] of line.entries()) rows.push(filtered(kind, v, i >= 4 ? line[i - 4]! : 0, previous[i] ?? 0, i >= 4 ? (previous[i - 4] ?? 0) : 0))
    previous = line
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length, 0)
    head.write(type, 4, 'latin1')
    return Buffer.concat([head, data, Buffer.alloc(4)])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 6
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]),
  )
}

/** A greyscale test card: white with dark "text lines" where `lines` says. */
function card(width: number, height: number, lines: (y: number) => boolean): Float32Array {
  const out = new Float32Array(width * height)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = lines(y) && x % 7 < 5 && x > 10 && x < width - 10 ? 30 : 250
  return out
}

const run = (text: string, extra: Partial<TextRun> = {}): TextRun => ({ text, font: 'Inter', generic: 'sans-serif', size: 28, color: '#112233', ...extra })

describe('fidelity measure (SSIM)', () => {
  const w = 160
  const h = 90
  const text = card(w, h, (y) => y % 12 < 5)

  it('scores identical images 1 and a blank against text far lower', () => {
    expect(ssim(text, text, w, h)).toBeCloseTo(1, 6)
    const blank = card(w, h, () => false)
    expect(ssim(text, blank, w, h)).toBeLessThan(0.5)
  })

  it('passes anti-aliasing differences and fails a missing half of the text', () => {
    const antialiased = text.map((v, i) => v + ((i * 7919) % 13) - 6)
    const half = card(w, h, (y) => y < h / 2 && y % 12 < 5)
    expect(ssim(text, antialiased, w, h)).toBeGreaterThan(FIDELITY_THRESHOLD)
    expect(ssim(text, half, w, h)).toBeLessThan(FIDELITY_THRESHOLD)
  })

  it('refuses images of different sizes', () => {
    expect(() => ssim(text, new Float32Array(10), w, h)).toThrow(/160×90/)
  })

  it('turns RGBA into luma and shrinks by averaging', () => {
    expect([...greyscale([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255])].map(Math.round)).toEqual([255, 0, 76])
    expect([...shrink([0, 100, 200, 100, 0, 100, 200, 100], 4, 2, 2, 1)]).toEqual([50, 150])
    expect([...shrink([1, 2, 3, 4], 2, 2, 2, 2)]).toEqual([1, 2, 3, 4])
  })
})

describe('PNG decoding', () => {
  it('reads RGBA pixels back through the None and Sub filters', () => {
    const colour = (x: number, y: number): [number, number, number, number] => [x * 40, y * 60, (x + y) * 20, 255]
    for (const filter of [0, 1]) {
      const image = decodePng(png(5, 3, colour, filter))
      expect(image.width).toBe(5)
      expect(image.height).toBe(3)
      expect([...image.rgba.subarray(4 * (2 * 5 + 3), 4 * (2 * 5 + 3) + 4)]).toEqual(colour(3, 2))
    }
  })

  it('reads every pixel back through rows of all five filters', () => {
    const colour = (x: number, y: number): [number, number, number, number] => [(x * 37 + y * 11) % 256, (x * x + y * 90) % 256, (x * y * 13) % 256, 255 - ((x + y) % 7)]
    const image = decodePng(png(9, 10, colour, [4, 3, 2, 1, 0, 2, 4, 3, 1, 4]))
    for (let y = 0; y < 10; y++) for (let x = 0; x < 9; x++) expect([...image.rgba.subarray(4 * (y * 9 + x), 4 * (y * 9 + x) + 4)], `${x},${y}`).toEqual(colour(x, y))
  })

  it('refuses what it cannot read', () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/not a PNG/)
  })
})

describe('fallback decisions', () => {
  it('names unsupported features first, then a low score, else nothing', () => {
    expect(fallbackReasons(['CSS filter on <img>'], 0.99)).toEqual(['CSS filter on <img>'])
    expect(fallbackReasons([], 0.5)[0]).toMatch(/similarity 0\.500, below 0\.9/)
    expect(fallbackReasons([], 0.99)).toEqual([])
    expect(fallbackReasons([], undefined)).toEqual([])
  })

  it('reports each picture slide once, at its module line', () => {
    const parts = [{ kind: 'module', moduleId: 'alpha', first: 2, count: 3 }] as never
    const modules = [{ id: 'alpha', file: 'content/modules/01-alpha.md', slideLines: [5, 20, 31] }] as never
    const problems = fallbackProblems(
      [
        { index: 3, reasons: ['CSS transform on <div>'] },
        { index: 4, reasons: [] },
      ],
      parts,
      modules,
      'long/slides.pptx',
    )
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ code: 'KIT_PPTX_PICTURE', severity: 'warning', location: { file: 'content/modules/01-alpha.md', line: 20 } })
    // Named by its module, not the edition: the same slide in another edition is the same problem.
    expect(problems[0]?.message).toContain('Slide 2 of 01-alpha.md')
    expect(problems[0]?.message).toContain('CSS transform on <div>')
  })
})

describe('geometry shared by the writer and the preview', () => {
  const shape = (align: TextParagraph['align'], wrap = true): TextShape => ({
    kind: 'text',
    x: 100,
    y: 50,
    w: 1000,
    h: 40,
    wrap,
    paragraphs: [{ runs: [run('x')], align, spaceBefore: 0, lineHeight: 40 }],
  })

  it('widens a wrapping box a little, away from its alignment edge, never past the slide', () => {
    const left = textBox(shape('left'), 1280)
    expect(left.x).toBe(100)
    expect(left.w).toBeGreaterThan(1000)
    expect(left.w).toBeLessThan(1005)
    const right = textBox(shape('right'), 1280)
    expect(right.x + right.w).toBeCloseTo(1100, 6)
    const centre = textBox(shape('center'), 1280)
    expect(centre.x + centre.w / 2).toBeCloseTo(600, 6)
    expect(textBox(shape('left', false), 1280)).toEqual({ x: 100, y: 50, w: 1000, h: 40 })
    expect(textBox({ ...shape('left'), x: 1000, w: 280 }, 1280).x + textBox({ ...shape('left'), x: 1000, w: 280 }, 1280).w).toBeLessThanOrEqual(1280)
  })

  it('centres a contained image in its box', () => {
    expect(containRect({ kind: 'image', x: 0, y: 0, w: 400, h: 100, natural: { w: 200, h: 200 } })).toEqual({ x: 150, y: 0, w: 100, h: 100 })
  })

  it('classes fonts for substitution', () => {
    expect(pitchFamily('monospace')).toBe(49)
    expect(pitchFamily('serif')).toBe(18)
    expect(pitchFamily('sans-serif')).toBe(34)
  })
})

describe('text runs for pptxgenjs', () => {
  it('keeps runs, breaks paragraphs and lines, and numbers lists', () => {
    const paragraphs: TextParagraph[] = [
      {
        runs: [run('Bold', { bold: true }), run(' and '), run('code', { font: 'JetBrains Mono', generic: 'monospace', highlight: '#f3f5f8' })],
        align: 'left',
        spaceBefore: 0,
        lineHeight: 39.2,
        list: { level: 0, ordered: true, start: 3, marker: 'arabicPeriod', indent: 30 },
      },
      { runs: [run('line one', { breakAfter: true }), run('line two')], align: 'left', spaceBefore: 4, lineHeight: 39.2, list: { level: 1, ordered: false, start: 1, marker: '•', indent: 60 } },
    ]
    const out = textRuns(paragraphs)
    expect(out.map((r) => r.text)).toEqual(['Bold', ' and ', 'code', 'line one', 'line two'])
    expect(out[0]?.options).toMatchObject({ bold: true, fontFace: 'Inter', fontSize: 21, bullet: { type: 'number', style: 'arabicPeriod', numberStartAt: 3, indent: 22.5 } })
    expect(out[2]?.options).toMatchObject({ fontFace: 'JetBrains Mono', highlight: 'F3F5F8', breakLine: true })
    expect(out[3]?.options).toMatchObject({ indentLevel: 1, bullet: { characterCode: '2022', indent: 22.5 }, paraSpaceBefore: 3 })
    expect(out[4]?.options?.softBreakBefore).toBe(true)
    expect(out[4]?.options?.breakLine).toBeUndefined()
  })

  it('numbers list items as PowerPoint does', () => {
    expect([1, 2, 27].map((n) => numberMarker('alphaUcPeriod', n))).toEqual(['A.', 'B.', 'A.'])
    expect(numberMarker('romanLcPeriod', 14)).toBe('xiv.')
    expect(numberMarker('arabicPeriod', 10)).toBe('10.')
  })

  it('draws a model as positioned HTML, text escaped', () => {
    const html = previewHtml(
      {
        background: '#ffffff',
        title: '',
        unsupported: [],
        text: '',
        shapes: [
          { kind: 'text', x: 10, y: 20, w: 300, h: 40, wrap: true, paragraphs: [{ runs: [run('<b>&')], align: 'left', spaceBefore: 0, lineHeight: 40 }] },
          { kind: 'rect', x: 0, y: 0, w: 5, h: 5, fill: '#ff0000' },
        ],
      },
      new Map(),
      { width: 1280, height: 720 },
      1280,
    )
    expect(html).toContain('left:1280px')
    expect(html).toContain('&lt;b&gt;&amp;')
    expect(html).toContain('background:#ff0000')
    expect(html).not.toContain('<b>')
  })
})

describe('SVG pictures for PowerPoint', () => {
  it('drops embedded web fonts and keeps the drawing', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><style>@font-face{font-family:'Inter';src:url(data:font/woff2;base64,AAAA"}")}text{fill:red}</style><text>Hi</text></svg>`
    expect(stripFontFaces(svg)).toBe('<svg xmlns="http://www.w3.org/2000/svg"><style>text{fill:red}</style><text>Hi</text></svg>')
    const out = svgForOffice(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`)
    const text = Buffer.from(out.split(',')[1] ?? '', 'base64').toString()
    expect(text).toContain('<text>Hi</text>')
    expect(text).not.toContain('font-face')
    const plain = `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`
    expect(svgForOffice(plain)).toBe(plain)
  })
})

describe('bullet fonts', () => {
  it('gives each bullet the font of its paragraph, and leaves numbered lists alone', () => {
    const xml =
      '<a:p><a:pPr><a:buSzPct val="100000"/><a:buChar char="&#x2022;"/></a:pPr><a:r><a:rPr sz="2100"><a:latin typeface="Inter" pitchFamily="34"/></a:rPr><a:t>x</a:t></a:r></a:p><a:p><a:pPr><a:buAutoNum type="arabicPeriod"/></a:pPr><a:r><a:rPr><a:latin typeface="Inter"/></a:rPr><a:t>y</a:t></a:r></a:p>'
    const out = bulletFonts(xml)
    expect(out).toContain('<a:buFont typeface="Inter"/><a:buChar char="&#x2022;"/>')
    expect(out.match(/<a:buFont/g)).toHaveLength(1)
  })
})

describe('the preview of an editable slide', () => {
  it('escapes an image source once: a quote is &quot;, never &amp;quot;', () => {
    const src = 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" a="b&c"/>'
    const html = previewHtml({ background: '#ffffff', title: '', shapes: [{ kind: 'image', x: 0, y: 0, w: 10, h: 10, src }] } as never, new Map(), { width: 100, height: 100 })
    expect(html).toContain('src="data:image/svg+xml,&lt;svg xmlns=&quot;http://www.w3.org/2000/svg&quot; a=&quot;b&amp;c&quot;/&gt;"')
    expect(html).not.toContain('&amp;quot;')
  })
})
