import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { copyFixture, KIT } from '../../helpers/project.ts'

/**
 * A 5,000-slide module builds with peak memory under 2 GiB (HTML here; the
 * PDF run is measured in docs/reliability.md); a 10 MB markdown file is
 * refused with a clear error.
 */
const run = promisify(execFile)

describe('large inputs', () => {
  it('a 10 MB markdown file fails clearly', async () => {
    const root = await copyFixture('mini')
    await writeFile(path.join(root, 'content/modules/03-tenmb.md'), `---\ntitle: Ten MB\n---\n\n${'word '.repeat(2_000_000)}`)
    const result = await run(process.execPath, [path.join(KIT, 'bin/kit.js'), 'build', '--root', root, '--out', path.join(root, 'dist'), '--formats', 'html'], { maxBuffer: 16 * 1024 * 1024 }).catch(
      (e: { code: number; stderr: string }) => e,
    )
    expect((result as { code: number }).code).toBe(1)
    expect((result as { stderr: string }).stderr).toMatch(/error KIT_FILE_TOO_LARGE content\/modules\/03-tenmb\.md\n.*9\.5 MiB/)
  })

  it('a 5,000-slide module builds with peak memory under 2 GiB', async () => {
    const root = await copyFixture('mini')
    const slides = Array.from({ length: 5000 }, (_, i) => `## Slide ${i}\n\n- point ${i}\n- another point\n\n<!-- note ${i} -->\n`)
    await writeFile(path.join(root, 'content/modules/03-huge.md'), `---\ntitle: Huge\nduration: 60\n---\n\n${slides.join('\n---\n\n')}`)
    const workshop = path.join(root, 'content/workshop.yaml')
    await writeFile(workshop, (await readFile(workshop, 'utf8')).replace('items: [alpha, beta]', 'items: [alpha, beta, huge]').replace('length: 20', 'length: 90'))
    const { stderr } = await run(
      process.execPath,
      [
        '--import',
        path.join(KIT, 'test/helpers/report-rss.mjs'),
        path.join(KIT, 'bin/kit.js'),
        'build',
        '--root',
        root,
        '--out',
        path.join(root, 'dist'),
        '--formats',
        'html',
        '--edition',
        'short',
        '--quiet',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    )
    const peakKib = Number(/kit-peak-rss-kib (\d+)/.exec(stderr)?.[1])
    expect(peakKib).toBeGreaterThan(0)
    expect(peakKib / 1024 / 1024).toBeLessThan(2)
    const md = readFileSync(path.join(root, 'dist/instructor/short/slides.md'), 'utf8')
    expect(md).toContain('## Slide 4999')
    expect(readFileSync(path.join(root, 'dist/learner/short/slides.html'), 'utf8')).toContain('Slide 4999')
  }, 300_000)
})
