import { readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { kit } from '../../helpers/cli.ts'
import { copyFixture } from '../../helpers/project.ts'

/**
 * The "fresh" fixture: three sources (checked 2026-11, checked 2026-03-15,
 * never checked), each backing one volatile claim, and an event on
 * 2026-12-03 with a limit of 6 months. HTML only, so no browser is needed.
 */
describe('keeping facts fresh, through the CLI', () => {
  let root: string
  let guide: string

  beforeAll(async () => {
    root = await copyFixture('fresh')
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-fresh-')), 'dist')
    const built = await kit(['build', '--root', root, '--out', out, '--formats', 'html', '--quiet'])
    expect(built.code, built.stderr).toBe(0)
    guide = readFileSync(path.join(out, 'instructor/talk/guide.html'), 'utf8')
  })

  it('puts a "Re-check before you teach" list in guide.html with every claim, its source and last check', () => {
    const section = /<section class="recheck"[\s\S]*?<\/section>/.exec(guide)?.[0] ?? ''
    expect(section).toContain('<h2>Re-check before you teach</h2>')
    const rows = section.match(/<tr class="[^"]*"><td>[\s\S]*?<\/tr>/g) ?? []
    expect(rows).toHaveLength(3)
    expect(rows[0]).toContain('Engine 29 uses the containerd image store by default')
    expect(rows[0]).toContain('href="https://example.org/engine/29"')
    expect(rows[0]).toContain('2026-11')
    expect(rows[0]).not.toContain('recheck-flag')
    expect(rows[1]).toContain('Storage driver guide')
    expect(rows[1]).toMatch(/2026-03-15 <strong class="recheck-flag">stale<\/strong>/)
    expect(rows[2]).toContain('The legacy builder is deprecated')
    expect(rows[2]).toContain('<strong class="recheck-flag">never checked</strong>')
    expect(section).toContain('more than 6 months before the event on December 3, 2026')
  })

  it('kit check warns the stale and the undated source at their lines in the front matter', async () => {
    const checked = await kit(['check', '--root', root, '--no-browser', '--format', 'json'])
    expect(checked.code, checked.stderr).toBe(0)
    const report = JSON.parse(checked.stdout) as { problems: { code: string; severity: string; location?: { file: string; line: number; column: number } }[] }
    const fresh = report.problems.filter((p) => p.code.startsWith('KIT_SOURCE_'))
    expect(fresh.map((p) => [p.code, p.severity, `${p.location?.file}:${p.location?.line}:${p.location?.column}`])).toEqual([
      ['KIT_SOURCE_STALE', 'warning', 'content/modules/01-engines.md:10:14'],
      ['KIT_SOURCE_UNCHECKED', 'warning', 'content/modules/01-engines.md:11:5'],
    ])
    const strict = await kit(['check', '--root', root, '--no-browser', '--strict'])
    expect(strict.code).toBe(1)
  })
})
