import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runChecks } from '../../../src/commands/check/check.ts'
import { initProject } from '../../../src/commands/init.ts'

/** A starter project whose package.json takes kit (and maybe more) from `specs`. */
async function starter(specs: Record<string, string>): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'kit-ci-')), 'workshop')
  await initProject(dir, { language: 'en' })
  const file = path.join(dir, 'package.json')
  const pkg = JSON.parse(await readFile(file, 'utf8')) as { devDependencies: Record<string, string> }
  await writeFile(file, `${JSON.stringify({ ...pkg, devDependencies: { ...pkg.devDependencies, ...specs } }, null, 2)}\n`)
  return dir
}

const warnings = async (dir: string) => (await runChecks(dir, { browser: false })).problems.list.filter((p) => p.code === 'KIT_CI_INSTALL')

describe('kit check and what the workflow can install', () => {
  it('warns at package.json’s line of kit when it comes from a tarball outside the project, as npm install ../kit.tgz writes it', async () => {
    const dir = await starter({ 'workshop-kit': 'file:../workshop-kit-0.1.0.tgz' })
    const found = await warnings(dir)
    expect(found).toHaveLength(1)
    const lines = (await readFile(path.join(dir, 'package.json'), 'utf8')).split('\n')
    const line = lines.findIndex((l) => l.includes('"workshop-kit"')) + 1
    expect(found[0]).toMatchObject({ severity: 'warning', location: { file: 'package.json', line, column: (lines[line - 1]?.indexOf('"file:') ?? 0) + 1 } })
    expect(found[0]?.message).toContain('.github/workflows/kit.yml')
    expect(found[0]?.hint).toContain('npm install -D workshop-kit')
  })

  it('warns for link:, absolute and home paths, and another dependency outside the project', async () => {
    const dir = await starter({ 'workshop-kit': 'link:../kit', '@fontsource/noto-sans-jp': 'file:/home/me/noto.tgz', extra: '~/pkgs/extra.tgz' })
    expect((await warnings(dir)).map((p) => p.message.split(' from ')[0])).toEqual([
      'package.json installs workshop-kit',
      'package.json installs @fontsource/noto-sans-jp',
      'package.json installs extra',
    ])
  })

  it('stays quiet for the registry, a tarball inside the project, or a project without a workflow that runs npm', async () => {
    expect(await warnings(await starter({}))).toEqual([])
    expect(await warnings(await starter({ 'workshop-kit': 'file:vendor/workshop-kit-0.1.0.tgz' }))).toEqual([])
    const without = await starter({ 'workshop-kit': 'file:../workshop-kit-0.1.0.tgz' })
    await rm(path.join(without, '.github'), { recursive: true })
    expect(await warnings(without)).toEqual([])
  })
})
