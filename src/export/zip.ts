import JSZip from 'jszip'

/** Formats that are compressed already: deflating them again costs time and saves nothing. */
const STORED = /\.(pdf|pptx|zip|png|jpe?g|gif|webp|avif|woff2?)$/i

/** Zips `files` (path → bytes) under `folder/`, with a fixed date so equal inputs give equal zips. */
export async function zipFolder(folder: string, files: Map<string, Uint8Array>): Promise<Uint8Array> {
  const zip = new JSZip()
  const date = new Date('2000-01-01T00:00:00Z')
  for (const [name, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    zip.file(`${folder}/${name}`, bytes, { date, binary: true, compression: STORED.test(name) ? 'STORE' : 'DEFLATE', compressionOptions: { level: 6 } })
  }
  return zip.generateAsync({ type: 'uint8array' })
}
