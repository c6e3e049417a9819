import { browserForTests } from '../../helpers/browser.ts'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { appendFile, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { kit, snapshot } from '../../helpers/cli.ts'
import { beforeAll, describe, expect, it } from 'vitest'
import { copyFixture } from '../../helpers/project.ts'

const browser = await browserForTests()

describe('kit command line', () => {
  let root: string
  let out: string
  beforeAll(async () => {
    root = await copyFixture('mini')
    out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-cli-')), 'dist')
  })

  it('prints help and version', async () => {
    const help = await kit(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('kit build')
    const version = await kit(['--version'])
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('exits 2 on usage errors, with a hint and no stack trace', async () => {
    for (const args of [['frobnicate'], ['build', '--root', root, '--edition', 'nope'], ['build', '--root', root, '--formats', 'html,docx'], ['build', '--bogus-flag']]) {
      const result = await kit(args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(/error KIT_/)
      expect(result.stderr).toContain('hint:')
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
    }
    const edition = await kit(['build', '--root', root, '--edition', 'nope'])
    expect(edition.stderr).toContain('short, long')
  })

  it('resolves --out against the current folder, and exits 1 from kit list when the project has errors', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'kit-cwd-'))
    const built = await kit(['build', '--root', root, '--out', 'here', '--formats', 'html', '--quiet'], {}, cwd)
    expect(built.code, built.stderr).toBe(0)
    expect(existsSync(path.join(cwd, 'here/learner/short/index.html'))).toBe(true)
    expect(existsSync(path.join(root, 'here'))).toBe(false)

    const broken = await copyFixture('mini')
    await appendFile(path.join(broken, 'content/workshop.yaml'), '  - id: extra\n    title: Extra\n    length: 5\n    items: [no-such-module]\n')
    const listed = await kit(['list', '--root', broken])
    expect(listed.code).toBe(1)
    expect(listed.stderr).toContain('KIT_UNKNOWN_ITEM')
  })

  it('lists editions with their items and totals', async () => {
    const result = await kit(['list', '--root', root])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('long: Long — 1 h 5 min of 1 h 15 min  (off target)')
    expect(result.stdout).toMatch(/11:55\s+15 min\s+break\s+Lunch/)
  })

  it('builds HTML without any browser', async () => {
    const result = await kit(['build', '--root', root, '--out', out, '--formats', 'html', '--quiet'], { CHROME_PATH: '', PATH: '/nonexistent' })
    expect(result.code, result.stderr).toBe(0)
    expect(statSync(path.join(out, 'instructor/long/slides.html')).size).toBeGreaterThan(0)
    expect(() => statSync(path.join(out, 'instructor/long/slides.pdf'))).toThrow()
  })

  it('rebuilding one edition keeps the others', async () => {
    if (!existsSync(out)) await kit(['build', '--root', root, '--out', out, '--formats', 'html', '--quiet'])
    const before = snapshot(out)
    const result = await kit(['build', '--root', root, '--out', out, '--formats', 'html', '--edition', 'short', '--quiet'])
    expect(result.code, result.stderr).toBe(0)
    const after = snapshot(out)
    for (const [file, hash] of Object.entries(before)) if (/^(learner|instructor)\/long\//.test(file)) expect(after[file], file).toBe(hash)
    for (const set of ['learner', 'instructor']) {
      expect(Object.keys(before).filter((f) => f.startsWith(`${set}/long/`)).length, set).toBeGreaterThan(3)
      for (const edition of ['long', 'short']) expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain(`href="${set}/${edition}/index.html"`)
    }
  })

  it('names what to install when a browser path is wrong', async () => {
    const result = await kit(['build', '--root', root, '--out', out, '--formats', 'pdf'], { CHROME_PATH: '/nonexistent/chrome' })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('KIT_BROWSER_PATH')
  })

  it('reports a content error with file:line:column and a code frame, exit 1, and leaves the previous dist untouched', async () => {
    if (!existsSync(out)) await kit(['build', '--root', root, '--out', out, '--formats', 'html', '--quiet'])
    const before = snapshot(out)
    expect(Object.keys(before).length).toBeGreaterThan(10)
    const broken = await copyFixture('mini')
    const file = path.join(broken, 'content/modules/01-alpha.md')
    await writeFile(file, readFileSync(file, 'utf8').replace('duration: 10', 'duration: ten minutes'))
    const result = await kit(['build', '--root', broken, '--out', out, '--formats', 'html'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('error KIT_SCHEMA content/modules/01-alpha.md:3:11')
    expect(result.stderr).toContain('> 3 | duration: ten minutes')
    expect(result.stderr).toContain('hint:')
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
    expect(snapshot(out)).toEqual(before)
  })

  it('check reports every problem at once, as text or JSON', async () => {
    const broken = await copyFixture('mini')
    await appendFile(path.join(broken, 'content/quiz/quiz.yaml'), '- { id: q3, module: ghost, question: Q?, choices: [a, b], answer: c }\n')
    await writeFile(path.join(broken, 'exercises/03-bad.md'), '---\ntitle: Bad\nduration: 5\n---\n\n## Goal\nx\n')
    const text = await kit(['check', '--root', broken])
    expect(text.code).toBe(1)
    expect(text.stderr).toContain('KIT_UNKNOWN_MODULE content/quiz/quiz.yaml:12')
    expect(text.stderr).toContain('KIT_QUIZ_ANSWER content/quiz/quiz.yaml:12')
    expect(text.stderr).toContain('KIT_EXERCISE_SECTION exercises/03-bad.md')
    const json = await kit(['check', '--root', broken, '--format', 'json'])
    const parsed = JSON.parse(json.stdout) as { ok: boolean; problems: { code: string }[] }
    expect(parsed.ok).toBe(false)
    expect(parsed.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['KIT_UNKNOWN_MODULE', 'KIT_QUIZ_ANSWER', 'KIT_EXERCISE_SECTION']))
    const strict = await kit(['check', '--root', root, '--strict'])
    expect(strict.code).toBe(1) // the fixture's "long" edition is 13 % under its target
    expect((await kit(['check', '--root', root])).code).toBe(0)
  })

  it.skipIf(!browser)('fails the build when an output tries to reach the network', async () => {
    const online = await copyFixture('mini')
    const file = path.join(online, 'content/modules/02-beta.md')
    await writeFile(file, readFileSync(file, 'utf8').replace('headingDivider: 2', 'headingDivider: 2\nstyle: |\n  section { background-image: url("https://example.org/track.png"); }'))
    const dist = path.join(await mkdtemp(path.join(tmpdir(), 'kit-online-')), 'dist')
    const result = await kit(['build', '--root', online, '--out', dist, '--formats', 'pdf', '--edition', 'short'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('KIT_NETWORK_REQUEST')
    expect(result.stderr).toContain('https://example.org/track.png')
    expect(() => statSync(dist)).toThrow()
  })

  it.skipIf(!browser)('warns about slides that run off the frame, at the line where the slide starts', async () => {
    const long = await copyFixture('mini')
    const file = path.join(long, 'content/modules/01-alpha.md')
    const text = readFileSync(file, 'utf8')
    const start = text.split('\n').length + 1
    await writeFile(file, `${text}\n---\n\n## Too long\n\n${Array.from({ length: 25 }, (_, i) => `- item ${i}`).join('\n')}\n`)
    const result = await kit(['build', '--root', long, '--out', path.join(long, 'dist'), '--formats', 'pdf', '--edition', 'short'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain(`warning KIT_SLIDE_OVERFLOW content/modules/01-alpha.md:${start}:1`)
    expect(result.stderr).toMatch(/runs \d+px below the bottom/)
    expect(result.stderr.match(/KIT_SLIDE_OVERFLOW/g)).toHaveLength(1)
  })

  it('refuses remote images and paths outside the project', async () => {
    const bad = await copyFixture('mini')
    const file = path.join(bad, 'content/modules/01-alpha.md')
    await writeFile(file, `${readFileSync(file, 'utf8')}\n---\n\n![remote](https://example.org/x.png)\n\n![escape](../../../../etc/passwd)\n`)
    const result = await kit(['build', '--root', bad, '--out', path.join(bad, 'dist'), '--formats', 'html'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/KIT_REMOTE_IMAGE content\/modules\/01-alpha\.md:\d+:\d+/)
    expect(result.stderr).toMatch(/KIT_PATH_OUTSIDE content\/modules\/01-alpha\.md:\d+:\d+/)
  })
})
