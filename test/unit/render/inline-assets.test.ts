import { describe, expect, it } from 'vitest'
import { assetDataUrl, fontsUsedBy } from '../../../src/render/inline-assets.ts'

const face = (family: string, style: string, weight: number, chars = 'abtxAB') => ({
  family,
  style,
  weight: String(weight),
  chars,
  rule: `@font-face{font-family:'${family}';font-style:${style};font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${family}${weight}${style}) format('woff2');}`,
})
const CSS = [face('Inter', 'normal', 400), face('Inter', 'italic', 400), face('Inter', 'normal', 600), face('Inter', 'normal', 700), face('JetBrains Mono', 'normal', 400)]

describe('fonts embedded into SVG diagrams', () => {
  it('keeps only the families, weights and styles a diagram uses', () => {
    const svg = `<svg><g font-family="Inter, sans-serif"><text font-weight="700">A</text><text>b</text></g></svg>`
    const used = fontsUsedBy(svg, CSS)
    expect(used).toContain('Inter700normal')
    expect(used).toContain('Inter400normal')
    expect(used).not.toContain('Inter600normal')
    expect(used).not.toContain('italic')
    expect(used).not.toContain('JetBrains')
  })

  it('adds italics and other families only when asked for', () => {
    const svg = `<svg style="font-family:'JetBrains Mono'"><text font-family="Inter" font-style="italic">x</text></svg>`
    const used = fontsUsedBy(svg, CSS)
    expect(used).toContain('Inter400italic')
    expect(used).toContain('JetBrains Mono400normal')
  })

  it('embeds them into the data URL of the diagram', () => {
    const url = assetDataUrl('assets/d.svg', Buffer.from('<svg font-family="Inter"><text>t</text></svg>'), CSS)
    const svg = Buffer.from(url.replace('data:image/svg+xml;base64,', ''), 'base64').toString('utf8')
    expect(svg).toMatch(/^<svg font-family="Inter"><style>@font-face\{font-family:'Inter';font-style:normal;font-weight:400;/)
    expect(svg).not.toContain('JetBrains')
  })

  it('declares the face that draws a character none of its families draws under each family it names, with that face’s data', () => {
    const faces = [...CSS, face('Noto Sans JP', 'normal', 400, '→あ'), face('Noto Sans JP', 'normal', 700, '→あ'), face('DejaVu Sans', 'normal', 400, '✓')]
    const svg = `<svg font-family="Inter, 'JetBrains Mono', sans-serif"><text>a → b</text><text>&#x2192; &#10003;</text></svg>`
    const used = fontsUsedBy(svg, faces)
    expect(used).toContain(`@font-face{font-family:'Inter';font-style:normal;font-weight:400;font-display:block;src:url(data:font/woff2;base64,Noto Sans JP400normal)`)
    expect(used).toContain(`@font-face{font-family:'JetBrains Mono';font-style:normal;font-weight:400;font-display:block;src:url(data:font/woff2;base64,Noto Sans JP400normal)`)
    expect(used).toContain(`font-family:'Inter';font-style:normal;font-weight:400;font-display:block;src:url(data:font/woff2;base64,DejaVu Sans400normal)`)
    expect(used).not.toContain(`font-family:'Noto Sans JP'`)
    // Weights the diagram does not use, and characters it does not show, add nothing.
    expect(used).not.toContain('Noto Sans JP700normal')
    expect(fontsUsedBy('<svg font-family="Inter"><text>a b</text></svg>', faces)).not.toContain('Noto Sans JP')
  })
})
