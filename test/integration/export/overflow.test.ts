import { appendFile, readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runChecks, type CheckResult } from '../../../src/commands/check/check.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { copyFixture } from '../../helpers/project.ts'

const browser = await browserForTests()

/**
 * Content Marp clips is reported at the slide's line: content below the
 * frame, and content a box hides inside the frame (a code block squeezed
 * by the slide's column layout loses its last lines in the PDF).
 */
describe.skipIf(!browser)('slides that lose content', () => {
  let result: CheckResult
  let lines: { squeezed: number; fits: number }
  const overflowAt = (line: number) => result.problems.list.filter((p) => p.code === 'KIT_SLIDE_OVERFLOW' && p.location?.line === line)

  beforeAll(async () => {
    const root = await copyFixture('mini')
    const module = path.join(root, 'content/modules/02-beta.md')
    const code = Array.from({ length: 13 }, (_, i) => `echo "line ${i + 1} of a long shell session"`)
    await appendFile(
      module,
      ['', '---', '', '## Squeezed code', '', '```sh', ...code, '```', '', '- one', '- two', '- three', '', '---', '', '## Fits', '', '```sh', 'echo short', '```', ''].join('\n'),
    )
    const text = (await readFile(module, 'utf8')).split('\n')
    // A slide is reported at the line its content starts.
    lines = { squeezed: text.indexOf('## Squeezed code') + 1, fits: text.indexOf('## Fits') + 1 }
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
})
