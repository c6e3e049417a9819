import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { KitError } from '../core/problems.ts'

/**
 * One build at a time per output folder: a second build on the same folder
 * stops with a clear message instead of interleaving its files, whether it
 * runs in another process or in this one. The lock file holds the owner's
 * process id and a token of its own; only a lock whose process is gone is
 * taken over, and a build removes only the lock that holds its token. The
 * folders left by a build that was killed are recovered or cleaned up.
 */
export async function lockOutput(out: string): Promise<() => Promise<void>> {
  const lock = `${out}.lock`
  await mkdirFor(out)
  const taken = await takeLock(lock)
  if ('heldBy' in taken) {
    const owner = taken.heldBy
    throw new KitError([
      owner
        ? {
            code: 'KIT_LOCKED',
            severity: 'error',
            message: `Another kit build${owner === process.pid ? ' in this process' : ` (process ${owner})`} is writing to ${path.basename(out)}/.`,
            hint: `Wait for it to finish, or build into another folder with --out. If no build is running, delete ${lock}.`,
          }
        : { code: 'KIT_LOCKED', severity: 'error', message: `Could not lock ${out}.`, hint: `Delete ${lock} and try again.` },
    ])
  }
  await recoverLeftovers(out)
  return taken.release
}

/**
 * A lock file (an output folder's, a live session's): created when absent,
 * holding this process's id and a token of its own; taken over only when
 * the process that holds it is gone. Returns the release, which removes the
 * lock only while it still holds the token, or the id of the process that
 * holds it (0 when it could not be taken for another reason).
 */
export async function takeLock(file: string): Promise<{ release: () => Promise<void> } | { heldBy: number }> {
  const token = `${process.pid} ${randomUUID()}`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, token, { flag: 'wx' })
      return { release: () => unlock(file, token) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).split(' ')[0])
      if (owner && alive(owner)) return { heldBy: owner }
      await rm(file, { force: true })
    }
  }
  return { heldBy: 0 }
}

/** Removes the lock only while it is still ours. */
async function unlock(lock: string, token: string): Promise<void> {
  if ((await readFile(lock, 'utf8').catch(() => '')) === token) await rm(lock, { force: true })
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Folders left by builds whose process is gone. The output swap renames
 * `out` to `out.old-PID`, then `out.staging-PID` to `out`: a build killed
 * between the two leaves no `out` at all, and its old folder is then the
 * only copy of the last good output, so it is put back, never deleted.
 * Everything else a dead build left (staging folders, old folders next to a
 * complete `out`) is removed.
 */
export async function recoverLeftovers(out: string): Promise<void> {
  const dir = path.dirname(out)
  const pattern = new RegExp(`^${path.basename(out).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(staging|old)-(\\d+)$`)
  const leftovers: { path: string; kind: string; mtime: number }[] = []
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = pattern.exec(name)
    if (!match || alive(Number(match[2]))) continue
    const info = await stat(path.join(dir, name)).catch(() => undefined)
    leftovers.push({ path: path.join(dir, name), kind: match[1] ?? '', mtime: info?.mtimeMs ?? 0 })
  }
  const hasOut = await stat(out).then(
    () => true,
    () => false,
  )
  const restore = hasOut ? undefined : leftovers.filter((l) => l.kind === 'old').sort((a, b) => b.mtime - a.mtime)[0]
  if (restore) await rename(restore.path, out)
  for (const leftover of leftovers) if (leftover !== restore) await rm(leftover.path, { recursive: true, force: true })
}

async function mkdirFor(out: string): Promise<void> {
  await mkdir(path.dirname(out), { recursive: true })
}
