import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { KIT_ROOT } from '../../../src/core/kit-root.ts'
import { readCatalogues } from '../../../src/load/catalogues.ts'
import { InputLog } from '../../../src/load/input-log.ts'
import { Problems } from '../../../src/core/problems.ts'

describe('KIT_ROOT', () => {
  it('is kit’s folder written as path.resolve writes it (no trailing separator), so a project root compares equal to it', () => {
    expect(existsSync(path.join(KIT_ROOT, 'templates'))).toBe(true)
    expect(KIT_ROOT.endsWith(path.sep)).toBe(false)
    expect(KIT_ROOT).toBe(path.resolve(KIT_ROOT))
  })

  it('loading kit’s own folder as the project reads kit’s catalogues once, as kit’s', async () => {
    const { files } = await readCatalogues(path.resolve(KIT_ROOT), new InputLog(), new Problems())
    expect(files.length).toBeGreaterThan(0)
    expect(files.filter((f) => f.origin === 'project').map((f) => f.path)).toEqual([])
  })
})
