import { readFontFiles } from '../load/font-packages.ts'
import type { InputLog } from '../load/input-log.ts'
import type { Project } from '../load/project.ts'
import { charactersOf, embedFonts, type EmbeddedFonts, type SubsetStore } from './font-faces.ts'

/**
 * Fonts per output: each printed page, each part of a printed deck and each
 * SVG image carries the faces of its own characters, subset to them. A
 * character added in one module then changes the pages that show it and
 * no other (their HTML, and so their cache keys), and the same page in two
 * editions is the same HTML, printed once. Equal characters give equal
 * subsets, so outputs stay deterministic.
 */

/** Where a page's @font-face rules go until its characters are known. */
export const FONTS_MARK = '/*kit:page-fonts*/'

export class PageFonts {
  private readonly files = new Map<string, Uint8Array>()
  private readonly embedded = new Map<string, Promise<EmbeddedFonts>>()

  constructor(
    private readonly project: Project,
    private readonly inputs: InputLog,
    private readonly store?: SubsetStore,
  ) {}

  /** Reads (and logs) the font files the characters of these texts need; before `embed` is asked for them. */
  async read(texts: Iterable<string>): Promise<void> {
    const files = await readFontFiles(this.project.fonts, charactersOf(texts), this.inputs)
    for (const [file, bytes] of files) if (!this.files.has(file)) this.files.set(file, bytes)
  }

  /** The faces for the characters of these texts, each file subset to its share (once per distinct set of characters). */
  embed(texts: Iterable<string>): Promise<EmbeddedFonts> {
    const chars = charactersOf(texts)
    const key = chars.join('')
    let fonts = this.embedded.get(key)
    if (!fonts) {
      fonts = embedFonts(this.project.fonts, this.files, chars, this.project.content.workshop.language, this.store)
      this.embedded.set(key, fonts)
    }
    return fonts
  }

  /** `html` with its FONTS_MARK replaced by the rules of its own characters. */
  async fill(html: string): Promise<string> {
    const at = html.indexOf(FONTS_MARK)
    if (at < 0) return html
    const { css } = await this.embed([html.slice(0, at), html.slice(at + FONTS_MARK.length)])
    return `${html.slice(0, at)}${css}${html.slice(at + FONTS_MARK.length)}`
  }
}
