import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'

/**
 * Replaces `out` with `staging` in two renames, so `out` is never
 * half-written. A build killed between them leaves `out.old-<pid>`, which
 * the next build's lock puts back (src/output/lock.ts).
 */
export async function swapIn(staging: string, out: string): Promise<void> {
  const old = `${out}.old-${process.pid}`
  await mkdir(path.dirname(out), { recursive: true })
  const hadOut = await rename(out, old).then(
    () => true,
    () => false,
  )
  await rename(staging, out)
  if (hadOut) await rm(old, { recursive: true, force: true })
}
