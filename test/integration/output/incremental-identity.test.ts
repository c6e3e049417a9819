import { readdirSync, readFileSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import JSZip from 'jszip'
import { PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildEvent } from '../../../src/commands/build.ts'
import { resetTimings, timings } from '../../../src/core/timings.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { copyFixture } from '../../helpers/project.ts'
import { pdfText } from '../../helpers/pdf.ts'

/**
 * An incremental build after an edit writes the same files as a forced
 * build of the same sources: decks are printed in parts and only the part
 * with the edited slide is printed again. What may differ between two
 * printings is normalised before comparing, and nothing else: Chromium's
 * creation dates in the printed documents (the decks have none), the ids
 * Chromium gives table cells in their structure trees (and so the order of
 * its id tree), the dates inside
 * zips and in the PPTX's properties, and the sizes and hashes the
 * manifests give of those files.
 */
const browser = await browserForTests()

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? walk(full, base) : [path.relative(base, full)]
  })
}

/** A PDF without its dates and the ids of its structure elements (Chromium numbers them by DOM node), saved the same way. */
async function normalPdf(bytes: Uint8Array): Promise<Buffer> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  doc.setCreationDate(new Date(0))
  doc.setModificationDate(new Date(0))
  const text = Buffer.from(await doc.save({ useObjectStreams: false }))
    .toString('latin1')
    .replace(/\(node\d+\)/g, '(node)')
  // With the ids gone, the id tree's entries are compared as a set.
  const ids = text.replace(/\/Names \[((?: \(node\) \d+ 0 R)+) \]/g, (_, entries: string) => `/Names [${(entries.match(/ \(node\) \d+ 0 R/g) ?? []).sort().join('')} ]`)
  return Buffer.from(ids, 'latin1')
}

/** A zip's entries by name, each normalised by its own kind (dates of the entries left out). */
async function normalZip(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes)
  const entries: string[] = []
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]
    if (!entry || entry.dir) continue
    entries.push(`${name}:${(await normal(name, await entry.async('uint8array'))).toString('base64')}`)
  }
  return entries.join('\n')
}

async function normal(name: string, bytes: Uint8Array): Promise<Buffer> {
  if (name.endsWith('.pdf')) return normalPdf(bytes)
  if (name.endsWith('.zip') || name.endsWith('.pptx')) return Buffer.from(await normalZip(bytes))
  // A PPTX's document properties carry the time it was written.
  if (name.endsWith('docProps/core.xml'))
    return Buffer.from(
      Buffer.from(bytes)
        .toString('utf8')
        .replace(/(<dcterms:(created|modified)[^>]*>)[^<]*/g, '$1'),
    )
  if (name.endsWith('manifest.json')) {
    const manifest = JSON.parse(Buffer.from(bytes).toString('utf8')) as { files: { path: string; bytes?: number; sha256?: string }[] }
    for (const file of manifest.files) {
      if (!/\.(pdf|pptx)$/.test(file.path)) continue
      delete file.bytes
      delete file.sha256
    }
    return Buffer.from(JSON.stringify(manifest))
  }
  return Buffer.from(bytes)
}

describe.skipIf(!browser)('incremental build after an edit', () => {
  let root: string
  const events: BuildEvent[] = []
  let partsRead = 0
  const today = new Date('2026-12-07T10:00:00Z')
  const incremental = () => path.join(root, 'dist')
  const forced = () => path.join(root, 'dist-forced')

  beforeAll(async () => {
    root = await copyFixture('mini')
    const formats: ('html' | 'pdf' | 'pptx')[] = ['html', 'pdf', 'pptx']
    await build({ root, out: incremental(), editions: [], formats, today })
    const module = path.join(root, 'content/modules/02-beta.md')
    await writeFile(module, readFileSync(module, 'utf8').replace('More text.', 'More text, edited.'))
    resetTimings()
    await build({ root, out: incremental(), editions: [], formats, today, onEvent: (e) => events.push(e) })
    partsRead = timings().find((t) => t.step === 'pptx: read')?.count ?? 0
    await build({ root, out: forced(), editions: [], formats, today, force: true })
  })

  it('loads again only the deck part with the edited slide, once for both decks of an edition and for the PPTX', () => {
    const parts = events.flatMap((e) => (e.type === 'job' && e.label.includes('(part ') ? [e] : []))
    const built = parts.filter((e) => e.type === 'job' && e.status === 'built').map((e) => (e.type === 'job' ? e.label : ''))
    // Both editions show the module; its part is the same in the instructor's and the learners' deck,
    // and the one job that loads it prints it and reads its slides for the PPTX.
    expect(built.sort()).toEqual([expect.stringMatching(/^long\/slides \(part \d+\/\d+\)$/), expect.stringMatching(/^short\/slides \(part \d+\/\d+\)$/)])
    expect(partsRead).toBe(2)
    expect(parts.filter((e) => e.type === 'job' && e.status === 'cached').length).toBeGreaterThan(4)
    expect(pdfText(path.join(incremental(), 'instructor/long/slides.pdf'))).toContain('More text, edited.')
  })

  it('writes the same files as a forced build of the same sources', async () => {
    const files = walk(incremental()).sort()
    expect(walk(forced()).sort()).toEqual(files)
    const differing: string[] = []
    for (const file of files) {
      const a = readFileSync(path.join(incremental(), file))
      const b = readFileSync(path.join(forced(), file))
      if (!(await normal(file, a)).equals(await normal(file, b))) differing.push(file)
    }
    expect(differing).toEqual([])
    // The decks, merged from their parts, carry no date: they are equal byte for byte.
    for (const deck of ['instructor/long/slides.pdf', 'learner/long/slides.pdf', 'instructor/short/slides.pdf']) {
      expect(readFileSync(path.join(incremental(), deck)).equals(readFileSync(path.join(forced(), deck))), deck).toBe(true)
    }
  })

  it('keeps the merged deck tagged: one structure tree, each page with its own marked-content key', async () => {
    const doc = await PDFDocument.load(readFileSync(path.join(incremental(), 'instructor/long/slides.pdf')), { updateMetadata: false })
    const tree = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
    expect(tree).toBeDefined()
    const keys = doc.getPages().map((page) => page.node.lookupMaybe(PDFName.of('StructParents'), PDFNumber)?.asNumber())
    expect(keys.every((k) => k !== undefined)).toBe(true)
    expect(new Set(keys).size).toBe(doc.getPageCount())
    const next = tree?.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0
    expect(Math.max(...keys.map((k) => k ?? 0))).toBeLessThan(next)
  })

  it('after a speaker note edit, loads no deck part and writes the new note into the PPTX', async () => {
    const module = path.join(root, 'content/modules/02-beta.md')
    await writeFile(module, readFileSync(module, 'utf8').replace('Beta notes three.', 'Beta notes three, said differently.'))
    const after: BuildEvent[] = []
    resetTimings()
    await build({ root, out: incremental(), editions: [], formats: ['html', 'pdf', 'pptx'], today, onEvent: (e) => after.push(e) })
    const built = after.flatMap((e) => (e.type === 'job' && e.status === 'built' ? [e.label] : []))
    expect(built.filter((label) => label.includes('(part '))).toEqual([])
    expect(built).toEqual(expect.arrayContaining(['long/slides.pptx', 'short/slides.pptx']))
    // No deck was laid out in the browser: the PPTX was written from the parts' slides as read before.
    expect(timings().find((t) => t.step === 'deck: load')).toBeUndefined()
    const pptx = await JSZip.loadAsync(readFileSync(path.join(incremental(), 'instructor/long/slides.pptx')))
    const notes = await Promise.all(
      Object.keys(pptx.files)
        .filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n))
        .map((n) => pptx.files[n]?.async('string') ?? ''),
    )
    expect(notes.join('\n')).toContain('Beta notes three, said differently.')
  })
})
