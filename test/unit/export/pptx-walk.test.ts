import { describe, expect, it } from 'vitest'
import { alignOf, colour, families, genericOf, lineHeightOf, markerOf, px } from '../../../src/export/pptx/walk/css-values.ts'

/** The walker's readers of computed CSS values: pure, so tested here; the walker itself runs in test/integration/export/pptx-walk.test.ts. */
describe('PPTX walker: computed CSS values', () => {
  it('reads rgb() and rgba() colours as #rrggbb, a translucent one mixed over white, an all but transparent one as none', () => {
    expect(colour('rgb(200, 0, 0)')).toBe('#c80000')
    expect(colour('rgb(10 20 30)')).toBe('#0a141e')
    expect(colour('rgba(0, 0, 0, 0.5)')).toBe('#808080')
    expect(colour('rgb(0 0 255 / 50%)')).toBe('#8080ff')
    expect(colour('rgba(0, 0, 0, 0)')).toBeUndefined()
    expect(colour('rgba(0, 0, 0, 0.04)')).toBeUndefined()
    expect(colour('transparent')).toBeUndefined()
    expect(colour('linear-gradient(red, blue)')).toBeUndefined()
  })

  it('reads lengths, font stacks and their generic family', () => {
    expect(px('12.5px')).toBe(12.5)
    expect(px('normal')).toBe(0)
    expect(families('Inter, "DejaVu Sans", \'Noto Sans\', sans-serif')).toEqual(['Inter', 'DejaVu Sans', 'Noto Sans', 'sans-serif'])
    expect(genericOf('"JetBrains Mono", monospace')).toBe('monospace')
    expect(genericOf('Inter, serif, sans-serif')).toBe('serif')
    expect(genericOf('Inter')).toBe('sans-serif')
  })

  it('takes a normal line height as 1.2 times the font size', () => {
    expect(lineHeightOf({ lineHeight: 'normal', fontSize: '20px' })).toBe(24)
    expect(lineHeightOf({ lineHeight: '39.2px', fontSize: '28px' })).toBe(39.2)
  })

  it('maps text-align onto the four alignments PowerPoint has', () => {
    const align = (textAlign: string) => alignOf({ textAlign })
    expect(['start', 'left', 'center', '-webkit-center', 'right', 'end', '-webkit-right', 'justify'].map(align)).toEqual(['left', 'left', 'center', 'center', 'right', 'right', 'right', 'justify'])
  })

  it('gives list items a bullet character or a numbering scheme', () => {
    expect(markerOf('disc', false)).toBe('•')
    expect(markerOf('square', false)).toBe('▪')
    expect(markerOf('none', false)).toBe('')
    expect(markerOf('upper-roman', true)).toBe('romanUcPeriod')
    expect(markerOf('lower-latin', true)).toBe('alphaLcPeriod')
    expect(markerOf('georgian', true)).toBe('arabicPeriod')
    expect(markerOf('disclosure-open', false)).toBe('•')
  })
})
