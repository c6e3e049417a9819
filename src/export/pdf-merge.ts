import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObjectCopier, PDFPage, type PDFPageLeaf, type PDFObject, type PDFRef } from 'pdf-lib'
import { describePdf, PDF_LOAD, type OutlineEntry, type PdfMeta } from './pdf-metadata.ts'

/**
 * One PDF of the pages of several (a deck's print parts, in order), with
 * the document's metadata and outline. The parts are tagged PDFs: their
 * structure trees are joined under one root, each part's marked-content
 * keys (StructParents) moved past the previous parts', so the deck stays
 * as tagged as one printed in one piece. The new document takes no
 * creation date: equal parts give equal bytes.
 */
export async function mergePdfs(parts: readonly Uint8Array[], meta: PdfMeta, outline: OutlineEntry[] = []): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  const root = doc.context.nextRef()
  const tree = { kids: [] as PDFObject[], nums: [] as PDFObject[], next: 0, roles: undefined as PDFObject | undefined }
  for (const bytes of parts) addPart(doc, await PDFDocument.load(bytes, PDF_LOAD), root, tree)
  if (tree.kids.length > 0) {
    const parentTree = doc.context.obj({ Nums: tree.nums })
    const entries: Record<string, PDFObject> = {
      Type: PDFName.of('StructTreeRoot'),
      K: doc.context.obj(tree.kids),
      ParentTree: doc.context.register(parentTree),
      ParentTreeNextKey: PDFNumber.of(tree.next),
    }
    if (tree.roles) entries.RoleMap = tree.roles
    doc.context.assign(root, doc.context.obj(entries))
    doc.catalog.set(PDFName.of('StructTreeRoot'), root)
    doc.catalog.set(PDFName.of('MarkInfo'), doc.context.obj({ Marked: true }))
  }
  return describePdf(doc, meta, outline)
}

/** Appends a part's pages and its structure tree (one copier, so the tree's page references land on the copied pages). */
function addPart(doc: PDFDocument, part: PDFDocument, root: PDFRef, tree: { kids: PDFObject[]; nums: PDFObject[]; next: number; roles: PDFObject | undefined }): void {
  const copier = PDFObjectCopier.for(part.context, doc.context)
  const offset = tree.next
  for (const page of part.getPages()) {
    const ref = copier.copy(page.ref) as PDFRef
    const leaf = doc.context.lookup(ref) as PDFPageLeaf
    shiftKey(leaf, 'StructParents', offset)
    for (const annot of leaf.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []) {
      const dict = doc.context.lookupMaybe(annot, PDFDict)
      if (dict) shiftKey(dict, 'StructParent', offset)
    }
    doc.addPage(PDFPage.of(leaf, ref, doc))
  }
  const source = part.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  if (!source) return
  const kids = source.get(PDFName.of('K'))
  const list = kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : []
  for (const kid of list) {
    // The part's root is not copied: its top elements get the new root as parent.
    part.context.lookupMaybe(kid, PDFDict)?.delete(PDFName.of('P'))
    const copied = copier.copy(kid)
    doc.context.lookupMaybe(copied, PDFDict)?.set(PDFName.of('P'), root)
    tree.kids.push(copied)
  }
  const nums = numberTree(part, source.lookupMaybe(PDFName.of('ParentTree'), PDFDict))
  for (const [key, value] of nums) tree.nums.push(PDFNumber.of(key + offset), copier.copy(value))
  const next = source.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? Math.max(-1, ...nums.map(([key]) => key)) + 1
  tree.next = offset + next
  const roles = source.get(PDFName.of('RoleMap'))
  if (roles && !tree.roles) tree.roles = copier.copy(roles)
}

function shiftKey(dict: PDFDict, key: string, offset: number): void {
  const value = dict.lookupMaybe(PDFName.of(key), PDFNumber)
  if (value) dict.set(PDFName.of(key), PDFNumber.of(value.asNumber() + offset))
}

/** The entries of a number tree (its Nums, and its Kids' in order). */
function numberTree(part: PDFDocument, node: PDFDict | undefined): [number, PDFObject][] {
  if (!node) return []
  const out: [number, PDFObject][] = []
  const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray)?.asArray() ?? []
  for (let i = 0; i + 1 < nums.length; i += 2) {
    const key = nums[i]
    const value = nums[i + 1]
    if (key instanceof PDFNumber && value) out.push([key.asNumber(), value])
  }
  for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) out.push(...numberTree(part, part.context.lookupMaybe(kid, PDFDict)))
  return out
}
