import { cp, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cacheSalt } from '../../../src/export/cache-salt.ts'
import { folderDigest, kitCodeDigest, kitVersion } from '../../../src/load/tool-versions.ts'
import { KIT } from '../../helpers/project.ts'

describe('what versions a build', () => {
  it('a copy of kit’s code digests the same; one changed byte or a renamed file changes the digest', async () => {
    const copy = path.join(await mkdtemp(path.join(tmpdir(), 'kit-code-')), 'src')
    await cp(path.join(KIT, 'src'), copy, { recursive: true })
    const original = await folderDigest(copy)
    expect(original).toBe(await kitCodeDigest())
    const file = path.join(copy, 'core/plural.ts')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace('s', 'S'))
    const oneByte = await folderDigest(copy)
    expect(oneByte).not.toBe(original)
    await writeFile(file, text)
    expect(await folderDigest(copy)).toBe(original)
    await rename(file, path.join(copy, 'core/plurals.ts'))
    expect(await folderDigest(copy)).not.toBe(original)
  })

  it('salts the artefact cache with that digest, not only kit’s version number', async () => {
    const salt = await cacheSalt(undefined)
    expect(salt).toContain(`kit@${kitVersion()}+${(await kitCodeDigest()).slice(0, 16)}`)
  })
})
