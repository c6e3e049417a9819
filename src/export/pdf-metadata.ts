import { PDFDocument, PDFHexString, PDFName, PDFNull, type PDFRef } from 'pdf-lib'

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
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  doc.setTitle(meta.title, { showInWindowTitleBar: true })
  doc.setAuthor(meta.author)
  doc.setLanguage(meta.language)
  if (meta.subject) doc.setSubject(meta.subject)
  if (meta.keywords) doc.setKeywords(meta.keywords)
  doc.setCreator('kit')
  doc.setProducer('kit (Chromium, pdf-lib)')
  const entries = outline.filter((e) => e.page >= 0 && e.page < doc.getPageCount())
  if (entries.length > 0) addOutline(doc, entries)
  return { bytes: await doc.save(), pages: doc.getPageCount() }
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
