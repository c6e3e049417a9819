import yazl from 'yazl'

/** Formats that are compressed already: deflating them again costs time and saves nothing. */
const STORED = /\.(pdf|pptx|zip|png|jpe?g|gif|webp|avif|woff2?)$/i

/**
 * Zips `files` (path → bytes) under `folder/`, with a fixed date so equal
 * inputs give equal zips. yazl deflates with Node's zlib, off the main
 * thread: several zips made at once use every core.
 */
export async function zipFolder(folder: string, files: Map<string, Uint8Array>): Promise<Uint8Array> {
  const zip = new yazl.ZipFile()
  const mtime = new Date('2000-01-01T00:00:00Z')
  for (const [name, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    zip.addBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), `${folder}/${name}`, { mtime, compress: !STORED.test(name) })
  }
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}
