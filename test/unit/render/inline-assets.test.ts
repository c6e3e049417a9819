import { describe, expect, it } from 'vitest'
import { assetDataUrl, fontsUsedBy } from '../../../src/render/inline-assets.ts'

const face = (family: string, style: string, weight: number) => ({
  family,
  style,
  weight: String(weight),
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
})
