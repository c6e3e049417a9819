import { statSync } from 'node:fs'
import { mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ArtefactCache } from '../../../src/export/cache.ts'
import { formatBytes } from '../../../src/core/format.ts'
import { kit } from '../../helpers/cli.ts'
import { copyFixture } from '../../helpers/project.ts'

const entry = (text: string) => ({ files: [{ path: 'out.pdf', data: Buffer.from(text.repeat(1000)) }], warnings: [] })

/** What one build does to the cache: read some keys, write others, then sweep. */
async function run(dir: string, scope: string, keys: string[], limits?: { builds: number; bytes: number }): Promise<number> {
  const cache = new ArtefactCache(dir)
  for (const key of keys) if (!(await cache.get(key))) await cache.put(key, entry(key))
  return cache.sweep(scope, limits)
}

describe('the artefact cache keeps what the last builds used, and no more', () => {
  it('drops entries no recent build used, per kind of build', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kit-cache-'))
    const limits = { builds: 2, bytes: 1e9 }
    await run(dir, 'full', ['a', 'b'], limits)
    await run(dir, 'dev', ['d'], limits)
    await run(dir, 'full', ['b', 'c'], limits)
    expect(await new ArtefactCache(dir).get('a')).toBeDefined()
    await run(dir, 'full', ['c'], limits)
    // 'a' was used by neither of the last two full builds; 'd' by the last dev build.
    const cache = new ArtefactCache(dir)
    expect(await cache.get('a')).toBeUndefined()
    for (const key of ['b', 'c', 'd']) expect(await cache.get(key), key).toBeDefined()
    const blobs = (await readdir(dir)).filter((n) => /^[0-9a-f]{64}$/.test(n))
    expect(blobs).toHaveLength(3)
  })

  it('never fails a build: a cache that cannot be written is reported, not thrown', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kit-cache-'))
    const blocked = path.join(dir, 'not-a-folder')
    await writeFile(blocked, 'a file where the cache folder should be')
    const cache = new ArtefactCache(blocked)
    await cache.put('k', entry('k'))
    expect(await cache.get('k')).toBeUndefined()
    expect(cache.failure).toMatch(/EEXIST|ENOTDIR/)
  })

  it('keeps every entry written at the same time, also entries with the same bytes (kit check stores results in parallel)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kit-cache-'))
    const cache = new ArtefactCache(dir)
    const keys = Array.from({ length: 8 }, (_, i) => `same-${i}`)
    await Promise.all(keys.map((key) => cache.put(key, entry('same bytes'))))
    expect(cache.failure).toBeUndefined()
    for (const key of keys) expect(await new ArtefactCache(dir).get(key), key).toBeDefined()
  })

  it('stays under its size cap by dropping the oldest builds first', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kit-cache-'))
    const limits = { builds: 10, bytes: 5_000 }
    await run(dir, 'full', ['old'], limits)
    // Written a minute ago: an entry written in this build's own millisecond would count as another build's, in progress.
    const past = new Date(Date.now() - 60_000)
    for (const name of await readdir(dir)) await utimes(path.join(dir, name), past, past)
    const size = await run(dir, 'full', ['new'], limits)
    expect(size).toBeLessThanOrEqual(5_000)
    const cache = new ArtefactCache(dir)
    expect(await cache.get('old')).toBeUndefined()
    expect(await cache.get('new')).toBeDefined()
  })

  it('kit build --verbose reports the size it keeps', async () => {
    const root = await copyFixture('mini')
    const result = await kit(['build', '--root', root, '--formats', 'html', '--verbose'])
    expect(result.code, result.stderr).toBe(0)
    const reported = /cache: ([\d.]+ (?:B|kB|MB)) in \.kit-cache\/artefacts/.exec(result.stdout)?.[1]
    const dir = path.join(root, '.kit-cache/artefacts')
    const bytes = (await readdir(dir)).filter((n) => n !== 'marks.json').reduce((sum, n) => sum + statSync(path.join(dir, n)).size, 0)
    expect(reported).toBe(formatBytes(bytes))
  })
})
