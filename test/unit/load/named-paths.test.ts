import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readImages } from '../../../src/load/assets.ts'
import { loadBrand } from '../../../src/load/brand.ts'
import { inlineCssFiles } from '../../../src/load/css-assets.ts'
import { resolveFonts } from '../../../src/load/font-packages.ts'
import { InputLog } from '../../../src/load/input-log.ts'
import { Problems } from '../../../src/core/problems.ts'
import { KIT_ROOT } from '../../../src/core/kit-root.ts'

/**
 * Every path a project's content or templates name is read only inside the
 * project (kit's own templates too, for templates): a secret file planted
 * next to the project must never reach an output.
 */
const SECRET = 'TOP-SECRET-BYTES'
let base: string
let root: string
beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'kit-named-'))
  root = path.join(base, 'project')
  await mkdir(path.join(root, 'templates'), { recursive: true })
  await mkdir(path.join(root, 'content/assets/folder.png'), { recursive: true })
  await writeFile(path.join(base, 'secret.png'), SECRET)
  await writeFile(path.join(root, 'content/assets/logo.png'), 'PNG')
})
const secretBase64 = Buffer.from(SECRET).toString('base64')

describe('paths named by templates and workshop.yaml', () => {
  it('a stylesheet url() that climbs out of the project is refused at its line and column, never inlined', async () => {
    const problems = new Problems()
    const css = '@page { size: A4; }\nbody { background: url("../../secret.png"); }\n'
    const out = await inlineCssFiles(css, 'templates/print.css', path.join(root, 'templates/print.css'), new InputLog(), problems, [root])
    expect(out).not.toContain(secretBase64)
    expect(problems.errors.map((p) => [p.code, p.location?.line, p.location?.column])).toEqual([['KIT_PATH_OUTSIDE', 2, 25]])
  })

  it('a stylesheet url() of a file inside the project is inlined', async () => {
    const problems = new Problems()
    const out = await inlineCssFiles('a { b: url(../content/assets/logo.png) }', 'templates/print.css', path.join(root, 'templates/print.css'), new InputLog(), problems, [root])
    expect(problems.list).toEqual([])
    expect(out).toContain(`data:image/png;base64,${Buffer.from('PNG').toString('base64')}`)
  })

  it('brand.logo outside the project is refused at its line, never read', async () => {
    const problems = new Problems()
    const look = await loadBrand({ logo: '../secret.png' }, root, { file: 'content/workshop.yaml', line: 5, column: 9 }, new InputLog(), problems)
    expect(look.logo).toBeUndefined()
    expect(problems.errors.map((p) => [p.code, p.location?.line, p.location?.column])).toEqual([['KIT_PATH_OUTSIDE', 5, 9]])
  })

  it('a fonts.json file entry must be a file in the project or of the package it names', async () => {
    const problems = new Problems()
    const at = (i: number) => ({ file: 'templates/theme/fonts.json', line: i + 3, column: 5 })
    const entries = [
      { family: 'A', weight: 400, style: 'normal' as const, file: path.join(base, 'secret.png') },
      { family: 'B', weight: 400, style: 'normal' as const, file: '../secret.png' },
      { family: 'C', weight: 400, style: 'normal' as const, file: '@fontsource/inter/files/inter-latin-400-normal.woff2' },
      { family: 'D', weight: 400, style: 'normal' as const, file: './content/assets/logo.png' },
    ]
    const families = await resolveFonts(entries, [root, KIT_ROOT], new InputLog(), at, problems)
    expect(families.flatMap((f) => f.faces.flatMap((face) => face.slices.map((s) => path.basename(s.file))))).toEqual(['inter-latin-400-normal.woff2', 'logo.png'])
    expect(problems.errors.map((p) => [p.code, p.location?.line])).toEqual([
      ['KIT_PATH_OUTSIDE', 3],
      ['KIT_PATH_OUTSIDE', 4],
    ])
  })

  it('an image that is a folder is a problem at its reference, not dropped in silence', async () => {
    const problems = new Problems()
    const location = { file: 'content/modules/01-m.md', line: 7, column: 12 }
    const files = await readImages(root, [{ projectPath: 'content/assets/folder.png', editionPath: 'assets/folder.png', location }], problems, new InputLog())
    expect(files.size).toBe(0)
    expect(problems.errors.map((p) => [p.code, p.location])).toEqual([['KIT_UNREADABLE', location]])
    expect(problems.errors[0]?.message).toContain('it is a folder')
  })
})
