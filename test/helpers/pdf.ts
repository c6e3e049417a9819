import { execFileSync } from 'node:child_process'
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib'

/** Text of a PDF (or of pages first..last), read back with poppler's pdftotext. */
export function pdfText(file: string, first?: number, last?: number): string {
  const range = first ? ['-f', String(first), '-l', String(last ?? first)] : []
  return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' })
}

/** pdfinfo's key: value lines as an object. */
export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  return Object.fromEntries(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  )
}

/** Fonts with their embedded and subset flags, from pdffonts. */
export function pdfFonts(file: string): { name: string; embedded: boolean; subset: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/)
    // name type... emb sub uni object ID: the emb flag is the 5th from the end, sub the 4th.
    return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes', subset: cols[cols.length - 4] === 'yes' }
  })
}

/** Top-level bookmarks of a PDF: title and 0-based page index. */
export async function pdfOutline(bytes: Uint8Array): Promise<{ title: string; page: number }[]> {
  const doc = await PDFDocument.load(bytes)
  const pages = doc.getPages().map((p) => p.ref.toString())
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const out: { title: string; page: number }[] = []
  let item = outlines?.lookupMaybe(PDFName.of('First'), PDFDict)
  while (item) {
    const title = item.lookup(PDFName.of('Title')) as PDFHexString | PDFString
    const dest = item.lookup(PDFName.of('Dest')) as unknown as { get(i: number): { toString(): string } }
    out.push({ title: title.decodeText(), page: pages.indexOf(dest.get(0).toString()) })
    item = item.lookupMaybe(PDFName.of('Next'), PDFDict)
  }
  return out
}

/** The document language (/Lang in the catalog). */
export async function pdfLanguage(bytes: Uint8Array): Promise<string | undefined> {
  const doc = await PDFDocument.load(bytes)
  const lang = doc.catalog.lookup(PDFName.of('Lang'))
  return lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined
}
