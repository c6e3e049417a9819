import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { decodePng } from '../../src/export/pptx/png-decode.ts'
import { greyscale } from '../../src/export/pptx/ssim.ts'
import { KIT } from './project.ts'
import { woffToSfnt } from './woff.ts'

/**
 * LibreOffice for the PPTX tests: an independent reader that renders
 * slides.pptx to PDF, with the deck's own fonts (converted from the npm font
 * packages, which ship WOFF only) installed in a private fontconfig.
 */

export function soffice(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['soffice', 'libreoffice']) if (existsSync(path.join(dir, name))) return path.join(dir, name)
  }
  return undefined
}

/** A fontconfig file listing the system fonts plus, with `deckFonts`, Inter and JetBrains Mono as TrueType. */
function fontConfig(dir: string, deckFonts: boolean): string {
  const fonts = path.join(dir, 'fonts')
  mkdirSync(fonts, { recursive: true })
  const wanted = [
    '@fontsource/inter/files/inter-latin-400-normal.woff',
    '@fontsource/inter/files/inter-latin-400-italic.woff',
    '@fontsource/inter/files/inter-latin-600-normal.woff',
    '@fontsource/inter/files/inter-latin-700-normal.woff',
    '@fontsource/inter/files/inter-latin-700-italic.woff',
    '@fontsource/jetbrains-mono/files/jetbrains-mono-latin-400-normal.woff',
    '@fontsource/jetbrains-mono/files/jetbrains-mono-latin-700-normal.woff',
  ]
  for (const file of deckFonts ? wanted : []) writeFileSync(path.join(fonts, path.basename(file).replace(/\.woff$/, '.ttf')), woffToSfnt(readFileSync(path.join(KIT, 'node_modules', file))))
  const conf = path.join(dir, 'fonts.conf')
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${fonts}</dir>\n  <cachedir>${path.join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  )
  return conf
}

/**
 * Converts a PPTX to PDF with LibreOffice in `dir` (its own profile, so runs
 * never share one) and returns the PDF's path. Without `deckFonts`, as on a
 * machine that lacks Inter and JetBrains Mono: LibreOffice substitutes.
 */
export function pptxToPdf(binary: string, pptx: string, dir: string, deckFonts = true): string {
  mkdirSync(dir, { recursive: true })
  const env = { ...process.env, FONTCONFIG_FILE: fontConfig(dir, deckFonts), HOME: dir }
  execFileSync(binary, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, pptx], { env, stdio: 'pipe', timeout: 180_000 })
  const pdf = path.join(dir, `${path.basename(pptx, '.pptx')}.pdf`)
  if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${pptx}`)
  return pdf
}

/** Every page of a PDF as greyscale pixels, rendered by poppler at `dpi`. */
export function pdfPages(pdf: string, dpi: number, dir: string): { width: number; height: number; grey: Float32Array }[] {
  mkdirSync(dir, { recursive: true })
  const prefix = path.join(dir, 'page')
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdf, prefix])
  return readdirSync(dir)
    .filter((f) => f.startsWith('page-') && f.endsWith('.png'))
    .sort((a, b) => Number(/(\d+)\.png$/.exec(a)?.[1]) - Number(/(\d+)\.png$/.exec(b)?.[1]))
    .map((f) => {
      const image = decodePng(readFileSync(path.join(dir, f)))
      return { width: image.width, height: image.height, grey: greyscale(image.rgba) }
    })
}
