import { PDFDocument, PDFHexString, PDFName, PDFNull, ParseSpeeds, type PDFRef } from 'pdf-lib'

/**
 * pdf-lib reads and writes at once instead of yielding to the event loop
 * every 100 or 50 objects: a printed PDF has thousands, and the pauses
 * made up much of each read and write.
 */
export const PDF_LOAD = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest }
export const PDF_SAVE = { objectsPerTick: Number.POSITIVE_INFINITY }

/** Document information every PDF of the kit carries. */
export interface PdfMeta {
  title: string
  author: string
  subject?: string
  language: string
  keywords?: string[]
}

export interface OutlineEntry {
  title: string
  /** 0-based page index the bookmark opens. */
  page: number
}

/**
 * Sets title, author and language, and adds a flat outline (one bookmark per
 * entry) to a PDF printed by the browser. Returns the new bytes and the page
 * count.
 */
export async function finishPdf(bytes: Uint8Array, meta: PdfMeta, outline: OutlineEntry[] = []): Promise<{ bytes: Uint8Array; pages: number }> {
  return describePdf(await PDFDocument.load(bytes, PDF_LOAD), meta, outline)
}

/** Sets the document's information and outline, then saves it. */
export async function describePdf(doc: PDFDocument, meta: PdfMeta, outline: OutlineEntry[]): Promise<{ bytes: Uint8Array; pages: number }> {
  doc.setTitle(meta.title, { showInWindowTitleBar: true })
  doc.setAuthor(meta.author)
  doc.setLanguage(meta.language)
  if (meta.subject) doc.setSubject(meta.subject)
  if (meta.keywords) doc.setKeywords(meta.keywords)
  doc.setCreator('kit')
  doc.setProducer('kit (Chromium, pdf-lib)')
  const entries = outline.filter((e) => e.page >= 0 && e.page < doc.getPageCount())
  if (entries.length > 0) addOutline(doc, entries)
  return { bytes: await doc.save(PDF_SAVE), pages: doc.getPageCount() }
}

function addOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  const context = doc.context
  const root = context.nextRef()
  const refs: PDFRef[] = entries.map(() => context.nextRef())
  entries.forEach((entry, i) => {
    const item = context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: root,
      Dest: [doc.getPage(entry.page).ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull],
    })
    const prev = refs[i - 1]
    const next = refs[i + 1]
    if (prev) item.set(PDFName.of('Prev'), prev)
    if (next) item.set(PDFName.of('Next'), next)
    context.assign(refs[i] as PDFRef, item)
  })
  context.assign(root, context.obj({ Type: 'Outlines', First: refs[0] as PDFRef, Last: refs[refs.length - 1] as PDFRef, Count: refs.length }))
  doc.catalog.set(PDFName.of('Outlines'), root)
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}

/**
 * One PDF per page of `bytes` (one certificate per learner), each with the
 * document's metadata and its own title. Fails when the page count is not
 * the number of files asked for: a certificate that ran onto a second page
 * would otherwise be cut in two.
 */
export async function splitPages(bytes: Uint8Array, meta: PdfMeta, titles: readonly string[]): Promise<Uint8Array[]> {
  const source = await PDFDocument.load(bytes, PDF_LOAD)
  if (source.getPageCount() !== titles.length) throw new Error(`expected ${titles.length} pages to split, got ${source.getPageCount()}`)
  const out: Uint8Array[] = []
  for (const [i, title] of titles.entries()) {
    const doc = await PDFDocument.create({ updateMetadata: false })
    const [page] = await doc.copyPages(source, [i])
    if (page) doc.addPage(page)
    out.push((await finishPdf(await doc.save(PDF_SAVE), { ...meta, title })).bytes)
  }
  return out
}
