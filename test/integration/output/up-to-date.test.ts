import { appendFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildOptions } from '../../../src/commands/build.ts'
import { kit } from '../../helpers/cli.ts'
import { copyFixture } from '../../helpers/project.ts'

/** The no-op build: skipped only while no input and no output changed. */
describe('up-to-date builds', () => {
  let root: string
  let options: BuildOptions
  const mtime = async (file: string) => (await stat(path.join(options.out, file))).mtimeMs

  beforeAll(async () => {
    root = await copyFixture('mini')
    options = { root, out: path.join(root, 'dist'), editions: [], formats: ['html'] }
    const first = await build(options)
    expect(first.upToDate).toBeUndefined()
  })

  it('does nothing when nothing changed, and reports the last result again', async () => {
    const before = await mtime('instructor/long/guide.html')
    const again = await build(options)
    expect(again.upToDate).toBe(true)
    expect(again.editions.map((e) => e.id).sort()).toEqual(['instructor/long', 'instructor/short', 'learner/long', 'learner/short'])
    expect(again.editions.flatMap((e) => e.files).every((f) => f.origin === 'cached')).toBe(true)
    expect(await mtime('instructor/long/guide.html')).toBe(before)
  })

  it('rebuilds when a source, the lab results or an output changed, or with force', async () => {
    await appendFile(path.join(root, 'content/modules/01-alpha.md'), '\n<!-- edited -->\n')
    expect((await build(options)).upToDate).toBeUndefined()
    expect((await build(options)).upToDate).toBe(true)

    await writeFile(path.join(root, 'lab-results.json'), '{"version":1,"exercises":{}}\n')
    expect((await build(options)).upToDate).toBeUndefined()

    await rm(path.join(options.out, 'learner/short/quiz.html'))
    expect((await build(options)).upToDate).toBeUndefined()
    await writeFile(path.join(options.out, 'learner/long/index.html'), 'changed by hand')
    expect((await build(options)).upToDate).toBeUndefined()

    expect((await build({ ...options, force: true })).upToDate).toBeUndefined()
    expect((await build({ ...options, formats: ['html'], editions: ['short'] })).upToDate).toBeUndefined()
  })

  it('says so on the command line', async () => {
    // The command runs the compiled code and the test the sources: each records its own builds, as two kit versions would.
    await kit(['build', '--root', root, '--formats', 'html'])
    const { code, stdout } = await kit(['build', '--root', root, '--formats', 'html'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^up to date: 2 editions, \d+ files in .*dist; nothing changed since the last build/m)
  })
})
