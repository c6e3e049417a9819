import { escapeHtml } from '../../core/escape-html.ts'
import { createHash } from 'node:crypto'
import JSZip from 'jszip'
import { concreteFont, pitchFamily } from './geometry.ts'
import { TITLE_NAME } from './writer.ts'

/**
 * What pptxgenjs cannot write, patched into its output: the PNG fallback of
 * each SVG picture (in Node it writes a broken placeholder), each slide's
 * title as the title placeholder PowerPoint's outline reads, and the font
 * family class that tells PowerPoint what to substitute for a missing font.
 */
export async function finishPptx(data: Uint8Array, opts: { svgFallbacks: string[][]; fonts: Map<string, string> }): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(data)
  for (const [i, fallbacks] of opts.svgFallbacks.entries()) {
    const n = i + 1
    const rels = await zip.file(`ppt/slides/_rels/slide${n}.xml.rels`)?.async('string')
    if (rels && fallbacks.length > 0) {
      const svgs = [...rels.matchAll(new RegExp(`media/image-${n}-(\\d+)\\.svg`, 'g'))].map((m) => Number(m[1])).sort((a, b) => a - b)
      svgs.forEach((k, j) => {
        const png = fallbacks[j]
        if (png?.startsWith('data:image/png;base64,')) zip.file(`ppt/media/image-${n}-${k - 1}.png`, Buffer.from(png.slice('data:image/png;base64,'.length), 'base64'))
      })
    }
    const path = `ppt/slides/slide${n}.xml`
    let xml = await zip.file(path)?.async('string')
    if (!xml) continue
    const at = xml.indexOf(`name="${TITLE_NAME}"`)
    if (at >= 0) {
      const start = xml.indexOf('<p:nvPr>', at)
      const end = xml.indexOf('</p:nvPr>', start)
      if (start >= 0 && end > start) xml = `${xml.slice(0, start)}<p:nvPr><p:ph type="title"/></p:nvPr>${xml.slice(end + '</p:nvPr>'.length)}`
      // A placeholder is not a free text box.
      const box = xml.indexOf('<p:cNvSpPr txBox="1"/>', at)
      if (box >= 0 && box < start) xml = `${xml.slice(0, box)}<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>${xml.slice(box + '<p:cNvSpPr txBox="1"/>'.length)}`
      xml = xml.replace(`name="${TITLE_NAME}"`, 'name="Title"')
    }
    xml = bulletFonts(xml)
    for (const [font, generic] of opts.fonts) {
      const family = pitchFamily(generic)
      const name = escapeHtml(concreteFont(font))
      if (family !== 34) xml = xml.replaceAll(`typeface="${name}" pitchFamily="34"`, `typeface="${name}" pitchFamily="${family}"`)
    }
    zip.file(path, xml)
  }
  await dedupeMedia(zip)
  return new Uint8Array(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }))
}

/** One copy of each picture: a diagram shown on several slides points every slide at the same file. */
async function dedupeMedia(zip: JSZip): Promise<void> {
  const first = new Map<string, string>()
  const moved = new Map<string, string>()
  for (const name of Object.keys(zip.files)
    .filter((n) => n.startsWith('ppt/media/'))
    .sort()) {
    const data = await zip.file(name)?.async('nodebuffer')
    if (!data) continue
    const key = `${name.slice(name.lastIndexOf('.'))}:${createHash('sha256').update(data).digest('hex')}`
    const kept = first.get(key)
    if (kept) moved.set(name.slice('ppt/'.length), kept.slice('ppt/'.length))
    else first.set(key, name)
  }
  if (moved.size === 0) return
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/slides\/_rels\/.*\.rels$/.test(n))) {
    const rels = await zip.file(name)?.async('string')
    if (!rels) continue
    const next = rels.replace(/Target="\.\.\/(media\/[^"]+)"/g, (all, target: string) => (moved.has(target) ? `Target="../${moved.get(target)}"` : all))
    if (next !== rels) zip.file(name, next)
  }
  for (const name of moved.keys()) zip.remove(`ppt/${name}`)
}

/** Each bullet in the font of its paragraph's first run, as the browser draws a list marker (a reader would otherwise pick a symbol font). */
export function bulletFonts(xml: string): string {
  return xml.replace(
    /<a:buChar ([^>]*)\/><\/a:pPr>(\s*<a:r>\s*<a:rPr[^>]*>(?:(?!<\/a:rPr>)[\s\S])*?<a:latin typeface="([^"]+)")/g,
    (_, char: string, rest: string, font: string) => `<a:buFont typeface="${font}"/><a:buChar ${char}/></a:pPr>${rest}`,
  )
}
