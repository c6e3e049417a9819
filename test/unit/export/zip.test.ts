import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { zipFolder } from '../../../src/export/zip.ts'

const files = new Map<string, Uint8Array>([
  ['index.html', Buffer.from(`<!DOCTYPE html><p>${'hello '.repeat(2000)}</p>`)],
  ['exercises/one.pdf', Buffer.from(`%PDF-1.7 ${'x'.repeat(5000)}`)],
  ['assets/a.png', new Uint8Array([137, 80, 78, 71, 1, 2, 3])],
])

/** The compression method of each entry, read from the zip's central directory (0 stored, 8 deflated). */
function methods(zip: Uint8Array): Map<string, number> {
  const view = Buffer.from(zip)
  const found = new Map<string, number>()
  for (let at = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
    const nameLength = view.readUInt16LE(at + 28)
    found.set(view.subarray(at + 46, at + 46 + nameLength).toString('utf8'), view.readUInt16LE(at + 10))
  }
  return found
}

describe('zipFolder', () => {
  it('puts every file under the folder, byte for byte, with a fixed date', async () => {
    const zip = await JSZip.loadAsync(await zipFolder('talk', files))
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir)
    expect(names.sort()).toEqual(['talk/assets/a.png', 'talk/exercises/one.pdf', 'talk/index.html'])
    for (const [name, bytes] of files) expect(Buffer.from((await zip.file(`talk/${name}`)?.async('uint8array')) ?? [])).toEqual(Buffer.from(bytes))
    expect(zip.files['talk/index.html']?.date.getUTCFullYear()).toBe(2000)
  })

  it('gives equal bytes for equal files, whatever their order', async () => {
    const reversed = new Map([...files].reverse())
    expect(Buffer.from(await zipFolder('talk', reversed)).equals(Buffer.from(await zipFolder('talk', files)))).toBe(true)
  })

  it('deflates text and stores what is compressed already', async () => {
    const found = methods(await zipFolder('talk', files))
    expect(found.get('talk/index.html')).toBe(8)
    expect(found.get('talk/exercises/one.pdf')).toBe(0)
    expect(found.get('talk/assets/a.png')).toBe(0)
  })
})
