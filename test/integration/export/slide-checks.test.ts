import { appendFile, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runChecks, type CheckResult } from '../../../src/commands/check/check.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { copyFixture } from '../../helpers/project.ts'

const browser = await browserForTests()

/**
 * What kit check sees on the slides themselves, at the slide's line:
 * content Marp clips (below the frame, or hidden inside it by a box the
 * slide's column layout squeezes), and text without enough contrast (an
 * imported deck's colours, kept on its own slides only).
 */
describe.skipIf(!browser)('slides that lose content or cannot be read', () => {
  let result: CheckResult
  let lines: { squeezed: number; fits: number; pale: number; latePale: number }
  const overflowAt = (line: number) => result.problems.list.filter((p) => p.code === 'KIT_SLIDE_OVERFLOW' && p.location?.line === line)

  beforeAll(async () => {
    const root = await copyFixture('mini')
    // An imported deck's cream background: its own slides keep it, kit's slides after it must not.
    const alpha = path.join(root, 'content/modules/01-alpha.md')
    await writeFile(alpha, (await readFile(alpha, 'utf8')).replace(/^---\n/, '---\nbackgroundColor: "#fdfcf8"\n'))
    const module = path.join(root, 'content/modules/02-beta.md')
    const code = Array.from({ length: 13 }, (_, i) => `echo "line ${i + 1} of a long shell session"`)
    await appendFile(
      module,
      [
        '',
        '---',
        '',
        '## Squeezed code',
        '',
        '```sh',
        ...code,
        '```',
        '',
        '- one',
        '- two',
        '- three',
        '',
        '---',
        '',
        '## Fits',
        '',
        '```sh',
        'echo short',
        '```',
        '',
        '## Pale',
        '',
        '<!-- _class: pale -->',
        '',
        '<style>section.pale p { color: #e4e4e4; }</style>',
        '',
        'Light grey text on white.',
        '',
        // Enough slides that the module prints in two parts: the last slide is in the second, well after slide 40 of the deck.
        ...Array.from({ length: 40 }, (_, i) => [`## Filler ${i + 1}`, '', `Filler text ${i + 1}.`, '']).flat(),
        '## Late pale',
        '',
        '<!-- _class: pale -->',
        '',
        'Light grey text on white, in the second part.',
        '',
      ].join('\n'),
    )
    const text = (await readFile(module, 'utf8')).split('\n')
    // A slide is reported at the line its content starts.
    lines = { squeezed: text.indexOf('## Squeezed code') + 1, fits: text.indexOf('## Fits') + 1, pale: text.indexOf('## Pale') + 1, latePale: text.indexOf('## Late pale') + 1 }
    result = await runChecks(root, { browser: true })
  }, 300_000)

  it('reports a code block that hides its last lines, at the slide', () => {
    const found = overflowAt(lines.squeezed)
    expect(found).toHaveLength(1)
    expect(found[0]?.message).toMatch(/a code block hides \d+px of its own content/)
  })

  it('says nothing about a slide that fits', () => {
    expect(overflowAt(lines.fits)).toEqual([])
  })

  it('reports low contrast at the slide, and only there: kit’s own slides keep their colours after a module that sets its own', () => {
    const contrast = result.problems.list.filter((p) => p.code === 'KIT_SLIDE_CONTRAST')
    expect(contrast.map((p) => [p.location?.file, p.location?.line])).toEqual([
      ['content/modules/02-beta.md', lines.pale],
      ['content/modules/02-beta.md', lines.latePale],
    ])
    expect(contrast[0]?.message).toMatch(/contrast \d+(\.\d+)?:1/)
    expect(contrast[1]?.message).toContain('in the second part')
  })
})
