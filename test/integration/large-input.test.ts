import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { copyFixture, KIT } from '../helpers/project.ts'

/**
 * A 5,000-slide module and a 10 MB markdown file build (HTML; the PDF run is
 * measured in docs/reliability.md) with peak memory under 2 GiB.
 */
const run = promisify(execFile)

describe('large inputs', () => {
  it('a 5,000-slide module and a 10 MB module build with peak memory under 2 GiB', async () => {
    const root = await copyFixture('mini')
    const slides = Array.from({ length: 5000 }, (_, i) => `## Slide ${i}\n\n- point ${i}\n- another point\n\n<!-- note ${i} -->\n`)
    await writeFile(path.join(root, 'content/modules/03-huge.md'), `---\ntitle: Huge\nduration: 60\n---\n\n${slides.join('\n---\n\n')}`)
    const paragraph = `${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20)}\n\n`
    await writeFile(path.join(root, 'content/modules/04-tenmb.md'), `---\ntitle: Ten MB\nduration: 10\n---\n\n## Big text\n\n${paragraph.repeat(Math.ceil(10_000_000 / paragraph.length))}`)
    const workshop = path.join(root, 'content/workshop.yaml')
    await writeFile(workshop, (await readFile(workshop, 'utf8')).replace('items: [alpha, beta]', 'items: [alpha, beta, huge, tenmb]').replace('length: 20', 'length: 90'))
    const { stderr } = await run(
      process.execPath,
      ['--import', path.join(KIT, 'test/helpers/report-rss.mjs'), path.join(KIT, 'bin/kit.js'), 'build', '--root', root, '--out', path.join(root, 'dist'), '--formats', 'html', '--edition', 'short', '--quiet'],
      { maxBuffer: 16 * 1024 * 1024 },
    )
    const peakKib = Number(/kit-peak-rss-kib (\d+)/.exec(stderr)?.[1])
    expect(peakKib).toBeGreaterThan(0)
    expect(peakKib / 1024 / 1024).toBeLessThan(2)
    const md = readFileSync(path.join(root, 'dist/short/slides.md'), 'utf8')
    expect(md).toContain('## Slide 4999')
    expect(readFileSync(path.join(root, 'dist/short/slides.html'), 'utf8')).toContain('Slide 4999')
  }, 300_000)
})
