import { stripVTControlCharacters } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { BuildResult } from '../../../src/commands/build.ts'
import { BuildReporter, summaryTable } from '../../../src/cli/build-reporter.ts'

const result: BuildResult = {
  editions: [
    {
      id: 'talk',
      files: [
        { path: 'slides.pdf', bytes: 150_000, pages: 23, origin: 'built', seconds: 2.5 },
        { path: 'handout.pdf', bytes: 90_000, pages: 6, origin: 'cached', seconds: 0 },
        { path: 'slides.md', bytes: 1200, origin: 'rendered', seconds: 0 },
        { path: 'assets/a.svg', bytes: 300, origin: 'rendered', seconds: 0 },
      ],
    },
  ],
  warnings: [],
  artefacts: { built: 1, cached: 1, browserLaunched: true },
  seconds: 3,
}

describe('build reporter', () => {
  it('prints a summary table: artefact, pages, size, time, cached or built', () => {
    const table = stripVTControlCharacters(summaryTable(result))
    const lines = table.split('\n')
    expect(lines[0]).toMatch(/^artefact\s+pages\s+size\s+time\s+how$/)
    expect(lines).toContainEqual(expect.stringMatching(/^talk\/slides\.pdf\s+23\s+150 kB\s+2\.5 s\s+built$/))
    expect(lines).toContainEqual(expect.stringMatching(/^talk\/handout\.pdf\s+6\s+90 kB\s+cached$/))
    expect(table).not.toContain('assets/')
  })

  it('writes one plain line per browser artefact when not on a terminal, nothing when quiet', () => {
    const out: string[] = []
    const plain = new BuildReporter({ tty: false, quiet: false, verbose: false, stream: { write: (t: string) => out.push(t) } })
    plain.handle({ type: 'stage', stage: 'export', total: 2 })
    plain.handle({ type: 'job', label: 'talk/slides', status: 'built', seconds: 2.5 })
    plain.handle({ type: 'job', label: 'talk/handout.pdf', status: 'cached', seconds: 0 })
    plain.finish(result)
    const text = stripVTControlCharacters(out.join(''))
    expect(text).toContain('talk/slides  built  2.5 s')
    expect(text).toContain('talk/handout.pdf  cached')
    expect(text).toContain('artefact')
    const quietOut: string[] = []
    const quiet = new BuildReporter({ tty: false, quiet: true, verbose: false, stream: { write: (t: string) => quietOut.push(t) } })
    quiet.handle({ type: 'job', label: 'x', status: 'built', seconds: 1 })
    quiet.finish(result)
    expect(quietOut).toEqual([])
  })
})
