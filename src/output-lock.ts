import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { KitError } from './problems.ts'

/**
 * One build at a time per output folder: a second build on the same folder
 * stops with a clear message instead of interleaving its files. A lock or a
 * staging folder left by a build that was killed (its process is gone) is
 * cleaned up.
 */
export async function lockOutput(out: string): Promise<() => Promise<void>> {
  const lock = `${out}.lock`
  await mkdirFor(out)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' })
      await removeLeftovers(out)
      return () => rm(lock, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(await readFile(lock, 'utf8').catch(() => ''))
      if (owner && owner !== process.pid && alive(owner)) {
        throw new KitError([
          {
            code: 'KIT_LOCKED',
            severity: 'error',
            message: `Another kit build (process ${owner}) is writing to ${path.basename(out)}/.`,
            hint: `Wait for it to finish, or build into another folder with --out. If no build is running, delete ${lock}.`,
          },
        ])
      }
      await rm(lock, { force: true })
    }
  }
  throw new KitError([{ code: 'KIT_LOCKED', severity: 'error', message: `Could not lock ${out}.`, hint: `Delete ${lock} and try again.` }])
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Staging and old folders of builds whose process is gone. */
async function removeLeftovers(out: string): Promise<void> {
  const dir = path.dirname(out)
  const base = path.basename(out)
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(staging|old)-(\\d+)$`).exec(name)
    if (match && !alive(Number(match[2]))) await rm(path.join(dir, name), { recursive: true, force: true })
  }
}

async function mkdirFor(out: string): Promise<void> {
  await mkdir(path.dirname(out), { recursive: true })
}
