import { decodeUrlPath } from '../load/references.ts'
import { mimeOf } from '../core/mime.ts'
import { ruleAs, type EmbeddedFace } from './font-faces.ts'

/**
 * Makes rendered HTML self-contained: every `assets/…` reference becomes a
 * data URL. SVG diagrams get the theme's @font-face rules embedded, because an
 * SVG shown through <img> cannot see the fonts of the page around it.
 */

export interface AssetData {
  /** Edition path (`assets/…`) → file bytes. */
  files: Map<string, Uint8Array>
  /** The @font-face rules to embed into SVG files. */
  fonts: readonly EmbeddedFace[]
  /** Data URLs made already, by edition path (they take precedence over `files`). */
  urls?: ReadonlyMap<string, string>
}

/** Data URL of one asset (SVGs with fonts embedded). */
export function assetDataUrl(editionPath: string, bytes: Uint8Array, fonts: readonly EmbeddedFace[]): string {
  const mime = mimeOf(editionPath)
  let data = Buffer.from(bytes)
  if (mime === 'image/svg+xml' && fonts.length > 0) {
    const svg = data.toString('utf8')
    // Contextual alternates off: Inter's raised hyphen between capitals (SVG-BOX) has no character of its own, and a PDF of the diagram would read it back as a space.
    const style = `<style>${fontsUsedBy(svg, fonts)}\ntext{font-feature-settings:'calt' 0}</style>`
    data = Buffer.from(svg.replace(/(<svg\b[^>]*>)/, `$1${style}`), 'utf8')
  }
  return `data:${mime};base64,${data.toString('base64')}`
}

/**
 * The @font-face rules an SVG can use: families it names, regular weight
 * and the weights it asks for, italics only when it asks for them. A diagram
 * embeds two or three faces instead of every face of the theme, which keeps
 * decks with many diagrams small in bytes and in the browser's memory.
 *
 * A character none of its families draws (an arrow in a Japanese edition
 * goes to Noto Sans JP, which a diagram naming Inter does not name) would
 * come from the machine: the face of the edition that draws it is declared
 * again under each family the diagram names, with its unicode-range, so the
 * browser composes it into that family.
 */
export function fontsUsedBy(svg: string, fonts: readonly EmbeddedFace[]): string {
  const weights = new Set(['400', ...[...svg.matchAll(/font-weight\s*[:=]\s*["']?(\d{3}|bold)/g)].map((m) => (m[1] === 'bold' ? '700' : (m[1] ?? '')))])
  const italic = /font-style\s*[:=]\s*["']?italic/.test(svg)
  const wanted = fonts.filter((face) => weights.has(face.weight) && (face.style === 'normal' || italic))
  const named = wanted.filter((face) => svg.includes(face.family))
  const families = [...new Set(named.map((face) => face.family))]
  const text = charactersIn(svg)
  const fallbacks = wanted.filter((face) => !families.includes(face.family)).filter((face) => drawsMissing(face, named, text))
  return [...named.map((face) => face.rule), ...fallbacks.flatMap((face) => families.map((family) => ruleAs(face, family)))].join('\n')
}

/** Whether the face draws a character of the text that no named face of its weight and style draws. */
function drawsMissing(face: EmbeddedFace, named: readonly EmbeddedFace[], text: ReadonlySet<string>): boolean {
  const covered = new Set(named.filter((n) => n.weight === face.weight && n.style === face.style).flatMap((n) => [...n.chars]))
  return [...face.chars].some((char) => text.has(char) && !covered.has(char))
}

/** The characters of an SVG's source, its numeric character references decoded (`&#x2192;` is an arrow). */
function charactersIn(svg: string): Set<string> {
  const decoded = svg.replace(/&#(x[0-9a-f]+|\d+);/gi, (whole, code: string) => {
    const point = code[0] === 'x' || code[0] === 'X' ? Number.parseInt(code.slice(1), 16) : Number(code)
    return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole
  })
  return new Set(decoded)
}

/** Replaces `assets/…` URLs in src attributes and CSS url() with data URLs. */
export function inlineAssets(html: string, assets: AssetData): string {
  const cache = new Map<string, string>()
  const dataUrl = (ref: string): string | undefined => {
    const made = assets.urls?.get(ref)
    if (made) return made
    const bytes = assets.files.get(ref)
    if (!bytes) return undefined
    let url = cache.get(ref)
    if (!url) {
      url = assetDataUrl(ref, bytes, assets.fonts)
      cache.set(ref, url)
    }
    return url
  }
  return html
    .replace(/(\bsrc=")(assets\/[^"]+)"/g, (whole, pre: string, ref: string) => {
      const url = dataUrl(decodeHtml(ref))
      return url ? `${pre}${url}"` : whole
    })
    .replace(/url\((&quot;|"|')?(assets\/[^"')&]+)(&quot;|"|')?\)/g, (whole, _q, ref: string) => {
      const url = dataUrl(decodeHtml(ref))
      return url ? `url(&quot;${url}&quot;)` : whole
    })
}

function decodeHtml(text: string): string {
  return decodeUrlPath(text.replace(/&amp;/g, '&')) ?? text
}
