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

/** "1.2 MB", "830 kB", "512 B" (SI units, as file managers show). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  if (bytes < 1_000_000) return `${Math.round(bytes / 100) / 10} kB`
  return `${Math.round(bytes / 100_000) / 10} MB`
}
