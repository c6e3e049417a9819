import { inflateSync } from 'node:zlib'

/**
 * WOFF 1.0 to a plain TrueType/OpenType file (the tables inflated, the
 * directory rebuilt), so that LibreOffice, which reads only sfnt fonts, can
 * render the PPTX tests with the deck's own fonts.
 */
export function woffToSfnt(woff: Uint8Array): Buffer {
  const src = Buffer.from(woff)
  if (src.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 file')
  const flavor = src.readUInt32BE(4)
  const count = src.readUInt16BE(12)
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20
    const offset = src.readUInt32BE(at + 4)
    const compLength = src.readUInt32BE(at + 8)
    const origLength = src.readUInt32BE(at + 12)
    const raw = src.subarray(offset, offset + compLength)
    return { tag: src.readUInt32BE(at), checksum: src.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(raw) : Buffer.from(raw) }
  })
  const pad = (n: number) => (n + 3) & ~3
  let entrySelector = 0
  while (2 ** (entrySelector + 1) <= count) entrySelector++
  const searchRange = 2 ** entrySelector * 16
  const header = Buffer.alloc(12 + count * 16)
  header.writeUInt32BE(flavor, 0)
  header.writeUInt16BE(count, 4)
  header.writeUInt16BE(searchRange, 6)
  header.writeUInt16BE(entrySelector, 8)
  header.writeUInt16BE(count * 16 - searchRange, 10)
  let offset = header.length
  const bodies: Buffer[] = []
  tables.forEach((t, i) => {
    header.writeUInt32BE(t.tag, 12 + i * 16)
    header.writeUInt32BE(t.checksum, 16 + i * 16)
    header.writeUInt32BE(offset, 20 + i * 16)
    header.writeUInt32BE(t.data.length, 24 + i * 16)
    const body = Buffer.alloc(pad(t.data.length))
    t.data.copy(body)
    bodies.push(body)
    offset += body.length
  })
  return Buffer.concat([header, ...bodies])
}
