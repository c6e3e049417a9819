import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Problem } from '../problems.ts'

/**
 * Browser artefacts (PDFs, PPTX) keyed by a hash of everything they depend
 * on: the exact HTML printed (which holds the sources, templates, theme and
 * fonts), the options, the browser and tool versions. A build with nothing
 * changed finds every key and launches no browser. Entries are checked
 * against their own hash when read; a damaged entry is rebuilt, never used.
 */
export interface CachedFile {
  path: string
  data: Uint8Array
  pages?: number
}

export interface CachedResult {
  files: CachedFile[]
  /** Warnings found while producing it (e.g. overflowing slides). */
  warnings: Problem[]
}

interface Index {
  files: { path: string; blob: string; pages?: number }[]
  warnings: Problem[]
}

export function hashKey(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256')
  for (const part of parts) {
    hash.update(typeof part === 'string' ? part : Buffer.from(part))
    hash.update('\0')
  }
  return hash.digest('hex')
}

export class ArtefactCache {
  constructor(
    private readonly dir: string,
    private readonly enabled = true,
  ) {}

  async get(key: string): Promise<CachedResult | undefined> {
    if (!this.enabled) return undefined
    try {
      const index = JSON.parse(await readFile(path.join(this.dir, `${key}.json`), 'utf8')) as Index
      const files: CachedFile[] = []
      for (const file of index.files) {
        const data = await readFile(path.join(this.dir, file.blob))
        if (createHash('sha256').update(data).digest('hex') !== file.blob) return undefined
        files.push({ path: file.path, data: new Uint8Array(data), pages: file.pages })
      }
      return { files, warnings: index.warnings }
    } catch {
      return undefined
    }
  }

  async put(key: string, result: CachedResult): Promise<void> {
    if (!this.enabled) return
    await mkdir(this.dir, { recursive: true })
    const index: Index = { files: [], warnings: result.warnings }
    for (const file of result.files) {
      const blob = createHash('sha256').update(file.data).digest('hex')
      await atomicWrite(path.join(this.dir, blob), file.data)
      index.files.push({ path: file.path, blob, pages: file.pages })
    }
    await atomicWrite(path.join(this.dir, `${key}.json`), JSON.stringify(index))
  }
}

async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, data)
  await rename(temp, file)
}
