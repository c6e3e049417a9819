import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readInside } from '../../../src/load/contained.ts'
import { InputLog, unreadableReason } from '../../../src/load/input-log.ts'

/** A project folder next to a secret file that nothing it names may read. */
let base: string
let project: string
beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'kit-contained-'))
  project = path.join(base, 'project')
  await mkdir(path.join(project, 'content/assets/folder.png'), { recursive: true })
  await writeFile(path.join(base, 'secret.txt'), 'SECRET')
  await writeFile(path.join(project, 'content/assets/a.png'), 'PNG')
  await symlink(path.join(base, 'secret.txt'), path.join(project, 'content/assets/link.png'))
})

describe('reading a file a project names', () => {
  it('reads a file inside the project', async () => {
    const got = await readInside(path.join(project, 'content/assets/a.png'), [project], new InputLog())
    expect(got.kind === 'read' && got.bytes.toString()).toBe('PNG')
  })

  it('refuses a path that climbs out, without touching it', async () => {
    const inputs = new InputLog()
    const got = await readInside(path.join(project, 'content/../../secret.txt'), [project], inputs)
    expect(got.kind).toBe('outside')
    expect(Object.keys(inputs.record().files)).toEqual([])
  })

  it('refuses a symlink inside the project that points outside', async () => {
    const got = await readInside(path.join(project, 'content/assets/link.png'), [project], new InputLog())
    expect(got).toEqual({ kind: 'outside', real: path.join(base, 'secret.txt') })
  })

  it('accepts any of several roots', async () => {
    const got = await readInside(path.join(base, 'secret.txt'), [project, base], new InputLog())
    expect(got.kind).toBe('read')
  })

  it('tells a missing file from one that cannot be read', async () => {
    expect((await readInside(path.join(project, 'content/assets/gone.png'), [project], new InputLog())).kind).toBe('missing')
    expect(await readInside(path.join(project, 'content/assets/folder.png'), [project], new InputLog())).toMatchObject({ kind: 'unreadable', reason: 'it is a folder' })
  })

  it('says why a file cannot be read, from the error the system gives', () => {
    // Run as root, a test cannot make a file unreadable: the reasons are checked from the errors themselves.
    expect(unreadableReason(Object.assign(new Error('denied'), { code: 'EACCES' }))).toBe('permission is denied')
    expect(unreadableReason(Object.assign(new Error('dir'), { code: 'EISDIR' }))).toBe('it is a folder')
    expect(unreadableReason(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toBeUndefined()
  })
})
