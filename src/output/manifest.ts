import { createHash } from 'node:crypto'
import type { Project } from '../load/project.ts'
import { TOOLS, toolVersion } from '../load/tool-versions.ts'
import type { RenderedEdition } from '../render/edition.ts'

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

/** manifest.json of an edition: every file with its size and hash, the sources that went in, the tools. */
export function editionManifest(project: Project, edition: RenderedEdition, files: ReadonlyMap<string, { data: string | Uint8Array; pages?: number }>): Manifest {
  return {
    edition: edition.plan.edition.id,
    title: edition.meta.title,
    files: [...files].map(([p, f]) => manifestEntry(p, f.data, f.pages)).sort((a, b) => a.path.localeCompare(b.path)),
    sources: [...project.texts].map(([p, text]) => ({ path: p, sha256: sha256(text) })).sort((a, b) => a.path.localeCompare(b.path)),
    tools: Object.fromEntries(TOOLS.map((n) => [n, toolVersion(n)])),
  }
}
