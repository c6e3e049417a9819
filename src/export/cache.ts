import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Problem } from '../core/problems.ts'

/**
 * Browser artefacts (PDFs, PPTX) keyed by a hash of everything they depend
 * on: the exact HTML printed (which holds the sources, templates, theme and
 * fonts), the options, the browser and tool versions. A build with nothing
 * changed finds every key and launches no browser. Entries are checked
 * against their own hash when read; a damaged entry is rebuilt, never used.
 *
 * The cache does not grow without bound: every build marks the entries it
 * used, and `sweep()` keeps only those of the last few builds, within a size
 * cap (oldest builds' entries go first).
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

/** How many builds' entries are kept, and the size the cache is swept down to. */
export const CACHE_LIMITS = { builds: 4, bytes: 1024 * 1024 * 1024 }

/** What the last builds used, per kind of build (output folder and options), oldest first. */
interface Marks {
  scopes: Record<string, { at: number; keys: string[] }[]>
}

export class ArtefactCache {
  private readonly used = new Set<string>()
  private readonly started = Date.now()

  constructor(
    private readonly dir: string,
    private readonly enabled = true,
  ) {}

  async get(key: string): Promise<CachedResult | undefined> {
    this.used.add(key)
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

  /** The first error met while writing or sweeping; the build goes on without the cache and says so. */
  failure: string | undefined

  async put(key: string, result: CachedResult): Promise<void> {
    this.used.add(key)
    if (!this.enabled) return
    await this.write(key, result).catch((error: unknown) => {
      this.failure ??= (error as Error).message
    })
  }

  private async write(key: string, result: CachedResult): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const index: Index = { files: [], warnings: result.warnings }
    for (const file of result.files) {
      const blob = createHash('sha256').update(file.data).digest('hex')
      await atomicWrite(path.join(this.dir, blob), file.data)
      index.files.push({ path: file.path, blob, pages: file.pages })
    }
    await atomicWrite(path.join(this.dir, `${key}.json`), JSON.stringify(index))
  }

  /**
   * Marks what this build used and removes every entry that none of the last
   * `limits.builds` builds of any kind used (a kind is an output folder with
   * its options, `scope`: `kit dev`'s HTML builds do not push out the PDFs of
   * `kit build`), then the oldest builds' entries while the cache is over
   * `limits.bytes`. Files newer than this build's start (another build
   * writing at the same time) are never removed. Returns the bytes kept.
   */
  async sweep(scope: string, limits = CACHE_LIMITS): Promise<number> {
    return this.markAndSweep(scope, limits).catch((error: unknown) => {
      this.failure ??= (error as Error).message
      return 0
    })
  }

  private async markAndSweep(scope: string, limits: typeof CACHE_LIMITS): Promise<number> {
    const marksFile = path.join(this.dir, 'marks.json')
    const marks: Marks = await readFile(marksFile, 'utf8')
      .then((t) => JSON.parse(t) as Marks)
      .catch(() => ({ scopes: {} }))
    if (typeof marks.scopes !== 'object' || marks.scopes === null) marks.scopes = {}
    marks.scopes[scope] = [...(marks.scopes[scope] ?? []), { at: this.started, keys: [...this.used] }].slice(-limits.builds)
    for (;;) {
      const builds = Object.values(marks.scopes).flat()
      const size = await this.keep(new Set(builds.flatMap((b) => b.keys)))
      if (size <= limits.bytes || builds.length <= 1) {
        await mkdir(this.dir, { recursive: true })
        await atomicWrite(marksFile, JSON.stringify(marks))
        return size
      }
      dropOldest(marks)
    }
  }

  /** Deletes entries not in `live` and blobs no live entry refers to; returns the bytes left. */
  private async keep(live: Set<string>): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[])
    const blobs = new Set<string>()
    let size = 0
    const fresh = async (file: string) => ((await stat(file).catch(() => undefined))?.mtimeMs ?? 0) >= this.started
    for (const name of names.filter((n) => n.endsWith('.json') && n !== 'marks.json')) {
      const file = path.join(this.dir, name)
      if (!live.has(name.slice(0, -'.json'.length)) && !(await fresh(file))) {
        await rm(file, { force: true })
        continue
      }
      const text = await readFile(file, 'utf8').catch(() => '')
      size += Buffer.byteLength(text)
      const index = (() => {
        try {
          return JSON.parse(text) as Index
        } catch {
          return undefined
        }
      })()
      for (const entry of index?.files ?? []) blobs.add(entry.blob)
    }
    for (const name of names.filter((n) => /^[0-9a-f]{64}$/.test(n) || n.endsWith('.tmp'))) {
      const file = path.join(this.dir, name)
      if (blobs.has(name) || (await fresh(file))) size += (await stat(file).catch(() => undefined))?.size ?? 0
      else await rm(file, { force: true })
    }
    return size
  }
}

function dropOldest(marks: Marks): void {
  let oldest: [string, number] | undefined
  for (const [scope, builds] of Object.entries(marks.scopes)) {
    const at = builds[0]?.at ?? Number.POSITIVE_INFINITY
    if (!oldest || at < oldest[1]) oldest = [scope, at]
  }
  if (!oldest) return
  const builds = marks.scopes[oldest[0]] ?? []
  builds.shift()
  if (builds.length === 0) delete marks.scopes[oldest[0]]
}

let writes = 0

/** Writes through a temporary file of its own: two writes of the same blob at once (equal bytes) both succeed. */
async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}-${++writes}.tmp`
  await writeFile(temp, data)
  await rename(temp, file)
}
