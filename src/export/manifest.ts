import { createHash } from 'node:crypto'

export interface ManifestFile {
  path: string
  bytes: number
  sha256: string
  pages?: number
}

export interface Manifest {
  edition: string
  title: string
  files: ManifestFile[]
  /** Hash of every source file that went into the build. */
  sources: { path: string; sha256: string }[]
  tools: Record<string, string>
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

export function manifestEntry(path: string, data: string | Uint8Array, pages?: number): ManifestFile {
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength
  return { path, bytes, sha256: sha256(data), ...(pages === undefined ? {} : { pages }) }
}
