import { createHash } from 'node:crypto'
import type { Dirent } from 'node:fs'
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'

/**
 * Every file and folder a run read, with what it found: the hash of each
 * file's bytes (or that it was absent) and the names in each folder listed.
 * A build stores this record; the next build is "up to date" only when
 * every entry still reads the same, so any file the build used (a module,
 * an image outside content/, a font in node_modules, a template, the
 * results of kit labs) invalidates it, and a file nobody read does not.
 */
export interface InputRecord {
  /** Absolute path → sha256 of the bytes, or "-" when the file was absent. */
  files: Record<string, string>
  /** Absolute path → sha256 of the sorted entry names, or "-" when absent. */
  dirs: Record<string, string>
}

const ABSENT = '-'

export class InputLog {
  private readonly files = new Map<string, string>()
  private readonly dirs = new Map<string, string>()

  /** The file's bytes, or undefined when it cannot be read (recorded as absent). */
  async read(file: string): Promise<Buffer | undefined> {
    const got = await this.readOrWhy(file)
    return 'bytes' in got ? got.bytes : undefined
  }

  /** The file's bytes, or why they cannot be read: no reason when it does not exist (recorded as absent either way). */
  async readOrWhy(file: string): Promise<{ bytes: Buffer } | { reason?: string }> {
    try {
      const bytes = await readFile(file)
      this.files.set(path.resolve(file), sha256(bytes))
      return { bytes }
    } catch (error) {
      this.files.set(path.resolve(file), ABSENT)
      return { reason: unreadableReason(error) }
    }
  }

  /** The folder's entries, sorted by name; none when it does not exist. */
  async list(dir: string): Promise<Dirent[]> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined)
    this.dirs.set(path.resolve(dir), entries ? listingHash(entries.map((e) => `${e.name}${e.isDirectory() ? '/' : ''}`)) : ABSENT)
    return (entries ?? []).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  }

  /** Whether a folder exists; its listing is recorded, so creating or deleting it counts as a change. */
  async hasDir(dir: string): Promise<boolean> {
    const info = await stat(dir).catch(() => undefined)
    if (!info?.isDirectory()) {
      this.dirs.set(path.resolve(dir), ABSENT)
      return false
    }
    await this.list(dir)
    return true
  }

  /** The real path (symlinks resolved), or undefined when there is none; the read that follows records the file. */
  async realpath(file: string): Promise<string | undefined> {
    const real = await realpath(file).catch(() => undefined)
    if (!real) this.files.set(path.resolve(file), ABSENT)
    return real
  }

  /** Adds another run's record (e.g. the fonts read once for every edition). */
  merge(record: InputRecord): void {
    for (const [file, hash] of Object.entries(record.files)) this.files.set(file, hash)
    for (const [dir, hash] of Object.entries(record.dirs)) this.dirs.set(dir, hash)
  }

  record(): InputRecord {
    return { files: Object.fromEntries([...this.files].sort()), dirs: Object.fromEntries([...this.dirs].sort()) }
  }
}

/** Why a file that is there cannot be read, in words for a problem; undefined when it is simply not there. */
export function unreadableReason(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
  if (code === 'EISDIR') return 'it is a folder'
  if (code === 'EACCES' || code === 'EPERM') return 'permission is denied'
  return (error as Error | undefined)?.message ?? 'it cannot be read'
}

/** The first entry of `record` that no longer reads the same, or undefined when none changed. */
export async function changedInput(record: InputRecord): Promise<string | undefined> {
  for (const [file, hash] of Object.entries(record.files)) {
    const bytes = await readFile(file).catch(() => undefined)
    if ((bytes ? sha256(bytes) : ABSENT) !== hash) return file
  }
  for (const [dir, hash] of Object.entries(record.dirs)) {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined)
    if ((entries ? listingHash(entries.map((e) => `${e.name}${e.isDirectory() ? '/' : ''}`)) : ABSENT) !== hash) return dir
  }
  return undefined
}

function listingHash(names: string[]): string {
  return sha256(Buffer.from(names.sort().join('\0')))
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
