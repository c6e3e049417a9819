import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { lockOutput } from '../../../src/output/lock.ts'

/** The pid of a process that has exited. */
function deadPid(): number {
  return Number(spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim())
}

async function folder(dir: string, marker: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'index.html'), marker)
}

/**
 * A build swaps its output in with two renames: dist → dist.old-PID, then
 * dist.staging-PID → dist, then deletes dist.old-PID. Killed at any point,
 * the next build starts from the last complete output.
 */
describe('output swap after a crash', () => {
  const crash = async (state: { out?: string; old?: string; staging?: string }) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kit-swap-'))
    const out = path.join(dir, 'dist')
    const pid = deadPid()
    if (state.out) await folder(out, state.out)
    if (state.old) await folder(`${out}.old-${pid}`, state.old)
    if (state.staging) await folder(`${out}.staging-${pid}`, state.staging)
    const unlock = await lockOutput(out)
    await unlock()
    return { out, names: await readdir(dir) }
  }

  it('killed while writing the staging folder: the old output stays, staging is removed', async () => {
    const { out, names } = await crash({ out: 'previous', staging: 'half-written' })
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous')
    expect(names).toEqual(['dist'])
  })

  it('killed between the two renames: the previous output is restored, never deleted', async () => {
    const { out, names } = await crash({ old: 'previous', staging: 'new but never swapped in' })
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous')
    expect(names).toEqual(['dist'])
  })

  it('killed before the old folder was deleted: the new output stays, the old copy goes', async () => {
    const { out, names } = await crash({ out: 'new', old: 'previous' })
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('new')
    expect(names).toEqual(['dist'])
  })

  it('leaves the folders of a build that is still running alone', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kit-swap-'))
    const out = path.join(dir, 'other')
    await folder(`${out}.old-${process.ppid}`, 'someone else')
    const unlock = await lockOutput(out)
    await unlock()
    expect(existsSync(`${out}.old-${process.ppid}`)).toBe(true)
  })
})

describe('one build per output folder', () => {
  it('refuses a second lock in the same process with KIT_LOCKED, and the first unlock does not free a lock it no longer owns', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-lock-')), 'dist')
    const unlock = await lockOutput(out)
    await expect(lockOutput(out)).rejects.toMatchObject({ problems: [{ code: 'KIT_LOCKED', message: expect.stringContaining('in this process') }] })
    await unlock()
    const again = await lockOutput(out)
    // A stale unlock of the first holder must not remove the second holder's lock.
    await unlock()
    expect(readFileSync(`${out}.lock`, 'utf8')).toMatch(/^\d+ [0-9a-f-]{36}$/)
    await again()
    expect(existsSync(`${out}.lock`)).toBe(false)
  })

  it('two builds started together in one process: one builds, the other stops with KIT_LOCKED before doing any work', async () => {
    const { build } = await import('../../../src/commands/build.ts')
    const { copyFixture } = await import('../../helpers/project.ts')
    const root = await copyFixture('mini')
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-lock-')), 'dist')
    const options = { root, out, editions: [], formats: ['html' as const], force: true }
    const results = await Promise.allSettled([build(options), build(options)])
    const failed = results.filter((r) => r.status === 'rejected')
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(failed).toHaveLength(1)
    expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({ problems: [{ code: 'KIT_LOCKED' }] })
  })
})
