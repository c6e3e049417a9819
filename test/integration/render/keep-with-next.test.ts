import { readFileSync } from 'node:fs'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { pdfInfo, pdfText } from '../../helpers/pdf.ts'
import { copyFixture, KIT } from '../../helpers/project.ts'

/**
 * "Expected output:" and similar labels stay on the page of the block they
 * introduce, on every sheet and in the booklet. The exercise below has thirty
 * labels at ever different heights, so that without keep-with-next some of
 * them end a page; a control build with the rule taken out of print.css
 * shows the test would see it.
 */
const browser = await browserForTests()

function longExercise(): string {
  const steps = Array.from({ length: 30 }, (_, i) => {
    const filler = Array.from({ length: ((i * 7) % 11) + 1 }, (_, k) => `Line ${k + 1} of the explanation of step ${i + 1}, long enough to fill most of a printed line.`).join('\n\n')
    return `### ${i + 1}. Step ${i + 1}\n\n${filler}\n\nExpected output:\n\n\`\`\`text\nfirst line\nsecond line\nthird line\n\`\`\`\n`
  })
  return `---\nid: long-lab\ntitle: A long lab\nduration: 10\n---\n\n## Goal\ng\n## Before you start\nb\n## Steps\n${steps.join('\n')}\n## Check your work\nc\n## Solution\ns\n## Troubleshooting\nt\n## Clean up\nc\n## Going further\nf\n`
}

/** Pages (1-based) of `file` whose last line of text, above the footer, is a label ending in a colon. */
function pagesEndingInLabel(file: string): number[] {
  const pages = Number(pdfInfo(file).Pages)
  return Array.from({ length: pages }, (_, i) => i + 1).filter((n) => {
    const lines = pdfText(file, n)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
    const body = lines.filter((l) => !/ · \d+ \/ \d+$/.test(l))
    return /^Expected output:$/.test(body.at(-1) ?? '')
  })
}

async function buildWith(printCss?: string): Promise<string> {
  const root = await copyFixture('mini')
  await writeFile(path.join(root, 'exercises/03-long-lab.md'), longExercise())
  const workshop = path.join(root, 'content/workshop.yaml')
  await writeFile(workshop, readFileSync(workshop, 'utf8').replace('      - second-lab\n', '      - second-lab\n      - long-lab\n').replace('length: 75', 'length: 85'))
  if (printCss !== undefined) {
    await mkdir(path.join(root, 'templates'), { recursive: true })
    await writeFile(path.join(root, 'templates/print.css'), printCss)
  }
  const out = path.join(root, 'dist')
  await build({ root, out, editions: ['long'], formats: ['html', 'pdf'] })
  return out
}

describe.skipIf(!browser)('labels stay with the block they introduce', () => {
  it('no sheet, instructor sheet or booklet page ends with "Expected output:"', async () => {
    const out = await buildWith()
    // Learner sheets and the booklet in the learners' set, instructor sheets in the instructors'.
    const sets = ['learner/long', 'instructor/long']
    const sheets = (await Promise.all(sets.map(async (set) => (await readdir(path.join(out, set, 'exercises'))).filter((f) => f.endsWith('.pdf')).map((f) => `${set}/exercises/${f}`)))).flat()
    expect(sheets).toHaveLength(6)
    for (const file of [...sheets, 'learner/long/exercises.pdf']) expect(pagesEndingInLabel(path.join(out, file)), file).toEqual([])
    expect(Number(pdfInfo(path.join(out, 'learner/long/exercises/long-lab.pdf')).Pages)).toBeGreaterThan(3)
  })

  it('without the rule, some page would (the control)', async () => {
    const css = readFileSync(path.join(KIT, 'templates/print.css'), 'utf8').replace(/\.lead-in \{[^}]*\}/, '')
    const out = await buildWith(css)
    expect(pagesEndingInLabel(path.join(out, 'learner/long/exercises/long-lab.pdf')).length).toBeGreaterThan(0)
  })
})
