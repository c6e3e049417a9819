import { copyFile, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { runChecks } from '../../../src/commands/check/check.ts'
import { copyFixture } from '../../helpers/project.ts'

/**
 * Images written the ways CommonMark allows and regexes missed: an
 * angle-bracket destination with a space, a reference-style image. Both are
 * checked, copied into the edition and point at their copy in the output;
 * a markdown example in indented code is left alone.
 */
describe('images found from tokens, end to end', () => {
  it('are checked, copied and linked in the built deck', async () => {
    const root = await copyFixture('mini')
    const assets = path.join(root, 'content/assets')
    await copyFile(path.join(assets, 'box.svg'), path.join(assets, 'my image.svg'))
    await copyFile(path.join(assets, 'box.svg'), path.join(assets, 'by-reference.svg'))
    const module = path.join(root, 'content/modules/01-alpha.md')
    const slide = [
      '',
      '---',
      '',
      '## Written every way',
      '',
      '![Spaced](<../assets/my image.svg>)',
      '',
      '![By reference][ref]',
      '',
      '    ![example](../../../etc/x)',
      '',
      '[ref]: ../assets/by-reference.svg',
      '',
      '<!-- Notes. -->',
      '',
    ]
    await writeFile(module, `${await readFile(module, 'utf8')}${slide.join('\n')}`)

    const { problems } = await runChecks(root, { browser: false })
    expect(problems.errors.map((p) => `${p.code} ${p.message}`)).toEqual([])

    const result = await build({ root, out: path.join(root, 'dist'), editions: ['short'], formats: ['html'] })
    const files = result.editions.find((e) => e.id === 'instructor/short')?.files.map((f) => f.path) ?? []
    expect(files).toContain('assets/my image.svg')
    expect(files).toContain('assets/by-reference.svg')
    const markdown = await readFile(path.join(root, 'dist/instructor/short/slides.md'), 'utf8')
    expect(markdown).toContain('![Spaced](<assets/my%20image.svg>)')
    expect(markdown).toContain('[ref]: assets/by-reference.svg')
    expect(markdown).toContain('    ![example](../../../etc/x)')
  })
})
