import { describe, expect, it } from 'vitest'
import { type FontFamily, inRanges, inScripts, isSpace, leftToSystem, mayDraw, parseFontsourceCss, parseUnicodeRange, prefers } from '../../../src/load/font-packages.ts'
import { charactersOf } from '../../../src/render/font-faces.ts'

const family = (over: Partial<FontFamily>): FontFamily => ({ family: 'F', faces: [], installed: true, ...over })

describe('font slices and scripts', () => {
  it('reads unicode-range values and fontsource stylesheets', () => {
    const ranges = parseUnicodeRange('U+0000-00FF, U+0131,U+25ee8')
    expect(ranges).toEqual([
      [0, 0xff],
      [0x131, 0x131],
      [0x25ee8, 0x25ee8],
    ])
    expect(inRanges(0x131, ranges)).toBe(true)
    expect(inRanges(0x132, ranges)).toBe(false)
    const css = `/* a */\n@font-face {\n  font-family: 'X';\n  src: url(./files/x-0-400-normal.woff2) format('woff2'), url(./files/x-0-400-normal.woff) format('woff');\n  unicode-range: U+4E00-4E0F;\n}\n@font-face {\n  src: url(./files/x-1-400-normal.woff2) format('woff2');\n}`
    expect(parseFontsourceCss(css)).toEqual([
      { file: './files/x-0-400-normal.woff2', range: [[0x4e00, 0x4e0f]] },
      { file: './files/x-1-400-normal.woff2', range: undefined },
    ])
  })

  it('knows scripts by Script_Extensions, so CJK punctuation belongs to Han and kana, arrows to the common script', () => {
    expect(inScripts('日', ['Hani'])).toBe(true)
    expect(inScripts('カ', ['Hani'])).toBe(false)
    expect(inScripts('。', ['Hira'])).toBe(true)
    expect(inScripts('→', ['Zyyy'])).toBe(true)
    expect(inScripts('→', ['Hani', 'Hira', 'Kana'])).toBe(false)
    expect(inScripts('\u{12000}', ['Xsux'])).toBe(true)
    expect(inScripts('a', ['Nope'])).toBe(false)
    expect(mayDraw(family({ scripts: ['Hebr'] }), 'א')).toBe(true)
    expect(mayDraw(family({ scripts: ['Hebr'] }), 'a')).toBe(false)
    expect(mayDraw(family({}), 'a')).toBe(true)
  })

  it('prefers a family for its languages: zh for every Chinese tag, zh-TW only for Taiwan', () => {
    const sc = family({ languages: ['zh'] })
    const tc = family({ languages: ['zh-TW', 'zh-Hant'] })
    expect(prefers(sc, 'zh-CN')).toBe(true)
    expect(prefers(sc, 'zh')).toBe(true)
    expect(prefers(tc, 'zh-CN')).toBe(false)
    expect(prefers(tc, 'zh-TW')).toBe(true)
    expect(prefers(tc, 'zh-Hant-HK')).toBe(true)
    expect(prefers(sc, 'ja')).toBe(false)
  })

  it('collects each character once, with both cases, and leaves controls and colour emoji to the system', () => {
    expect(charactersOf(['Quiz\n', 'quiz 😀 ✔\u{fe0f}'])).toEqual([' ', 'I', 'Q', 'U', 'Z', 'i', 'q', 'u', 'z', '✔'])
    expect(leftToSystem('😀')).toBe(true)
    expect(leftToSystem('\u200d')).toBe(true)
    expect(leftToSystem('✔')).toBe(false)
    expect(isSpace('\u3000')).toBe(true)
  })
})
