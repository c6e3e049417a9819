import { cp, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { runChecks, type CheckResult } from '../../../src/commands/check/check.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { copyFixture, KIT } from '../../helpers/project.ts'

const browser = await browserForTests()

/** One planted mistake per source check, each reported with its code, file and line; no browser needed. */
describe('kit check finds planted mistakes', () => {
  let result: CheckResult
  let lines: Record<string, number>
  const find = (code: string) => result.problems.list.filter((p) => p.code === code)

  beforeAll(async () => {
    const root = await copyFixture('mini')
    await cp(path.join(KIT, 'templates'), path.join(root, 'templates'), { recursive: true })
    const alpha = path.join(root, 'content/modules/01-alpha.md')
    const base = await readFile(alpha, 'utf8')
    const planted = [
      '',
      '---',
      '',
      '<!-- $theme: gaia -->',
      '',
      '## Planted slide',
      '',
      '![](../assets/box.svg)',
      '',
      '![A missing diagram](../assets/nope.svg)',
      '',
      'See [the missing page](missing.md).',
      '',
      '---',
      '',
      '## Overflowing slide',
      '',
      ...Array.from({ length: 24 }, (_, i) => `- line ${i}`),
      '',
      '<!-- Notes of the overflowing slide. -->',
    ]
    await writeFile(alpha, base + planted.join('\n'))
    const start = base.split('\n').length
    lines = { legacy: start + 3, image: start + 7, missing: start + 9, link: start + 11 }
    const workshop = path.join(root, 'content/workshop.yaml')
    await writeFile(workshop, (await readFile(workshop, 'utf8')).replace('theme: kit', 'theme: kitt'))
    const lab = path.join(root, 'exercises/02-second-lab.md')
    await writeFile(lab, (await readFile(lab, 'utf8')).replace('modules: [alpha]', 'modules: [alpha, gamma]'))
    await writeFile(path.join(root, 'templates/guide.hbs'), `${await readFile(path.join(root, 'templates/guide.hbs'), 'utf8')}\n{{#each modules}}\n`)
    const handout = path.join(root, 'templates/handout.hbs')
    const hbs = (await readFile(handout, 'utf8')).split('\n')
    hbs.splice(2, 0, '{{> no-such-partial}}', '{{shout workshop.title}}', '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')
    await writeFile(handout, hbs.join('\n').replace('{{> no-such-partial}}\n', ''))
    await writeFile(path.join(root, 'templates/quiz.hbs'), `{{> no-such-partial}}\n${await readFile(path.join(root, 'templates/quiz.hbs'), 'utf8')}`)
    result = await runChecks(root, { browser: false })
  })

  it('reports a legacy Marp v0 directive at its line', () => {
    expect(find('KIT_MARP_LEGACY_DIRECTIVE')[0]?.location).toMatchObject({ file: 'content/modules/01-alpha.md', line: lines.legacy })
  })

  it('reports an image without alt text and a broken local link', () => {
    expect(find('KIT_IMAGE_ALT')[0]?.location).toMatchObject({ file: 'content/modules/01-alpha.md', line: lines.image })
    expect(find('KIT_BROKEN_LINK')[0]?.location).toMatchObject({ file: 'content/modules/01-alpha.md', line: lines.link })
  })

  it('reports a missing image, an unknown theme and an exercise related to an unknown module', () => {
    expect(find('KIT_MISSING_IMAGE')[0]?.location).toMatchObject({ file: 'content/modules/01-alpha.md', line: lines.missing })
    expect(find('KIT_UNKNOWN_THEME')[0]).toMatchObject({ location: { file: 'content/workshop.yaml', line: 7 } })
    expect(find('KIT_UNKNOWN_THEME')[0]?.hint).toContain('kit')
    expect(find('KIT_UNKNOWN_MODULE')[0]).toMatchObject({ location: { file: 'exercises/02-second-lab.md', line: 6 } })
  })

  it('reports a Handlebars syntax error with the template file', () => {
    expect(find('KIT_TEMPLATE')[0]?.location?.file).toBe('templates/guide.hbs')
  })

  it('reports slides without speaker notes at the line where they start', () => {
    // The planted slide's legacy directive is a note in Marp's eyes; beta's second heading has none.
    const noNotes = find('KIT_NO_NOTES').map((p) => [p.location?.file, p.location?.line])
    expect(noNotes).toEqual([['content/modules/02-beta.md', 17]])
  })

  it('names unknown partials and helpers with the template file and line', () => {
    expect(find('KIT_TEMPLATE_PARTIAL')[0]).toMatchObject({ location: { file: 'templates/quiz.hbs', line: 1 } })
    expect(find('KIT_TEMPLATE_HELPER')[0]).toMatchObject({ location: { file: 'templates/handout.hbs', line: 3 } })
    expect(find('KIT_TEMPLATE_HELPER')[0]?.message).toContain('"shout"')
  })
})

describe.skipIf(!browser)('kit check in the browser', () => {
  let root: string
  let first: CheckResult
  let overflowLine: number
  const a11y = (result: CheckResult) => result.problems.list.filter((p) => p.code === 'KIT_A11Y')

  beforeAll(async () => {
    root = await copyFixture('mini')
    await cp(path.join(KIT, 'templates'), path.join(root, 'templates'), { recursive: true })
    const alpha = path.join(root, 'content/modules/01-alpha.md')
    const base = await readFile(alpha, 'utf8')
    overflowLine = base.split('\n').length + 1
    await writeFile(alpha, `${base}\n---\n\n## Overflowing slide\n\n${Array.from({ length: 24 }, (_, i) => `- line ${i}`).join('\n')}\n\n<!-- notes -->\n`)
    const handout = path.join(root, 'templates/handout.hbs')
    await writeFile(handout, (await readFile(handout, 'utf8')).replace('<h2>{{t "agenda.heading"}}</h2>', '<h2>{{t "agenda.heading"}}</h2><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'))
    first = await runChecks(root, { browser: true })
  }, 300_000)

  it('measures overflow and runs axe-core on every page', () => {
    expect(first.browserChecked).toBe(true)
    expect(first.pagesChecked).toBeGreaterThan(8)
    const overflow = first.problems.list.filter((p) => p.code === 'KIT_SLIDE_OVERFLOW')
    expect(overflow).toHaveLength(1)
    expect(overflow[0]?.location).toMatchObject({ file: 'content/modules/01-alpha.md', line: overflowLine })
    const messages = a11y(first).map((p) => p.message)
    expect(messages.join('\n')).toMatch(/handout\.html: Images must have altern\w+ text \(axe rule image-alt, critical/)
    expect(a11y(first).every((p) => p.severity === 'error')).toBe(true)
    // A fresh project: axe ran on every page and every deck part.
    expect(first.axe.pages).toMatchObject({ cached: 0 })
    expect(first.axe.pages.checked).toBeGreaterThan(8)
    expect(first.axe.parts).toMatchObject({ cached: 0 })
    expect(first.axe.parts.checked).toBeGreaterThan(2)
  })

  it('after an exercise is edited, runs axe again only on the pages that show it, and still reports what it found on the others', async () => {
    const lab = path.join(root, 'exercises/01-first-lab.md')
    await writeFile(lab, (await readFile(lab, 'utf8')).replace('Nothing to clean.', 'Nothing else to clean.'))
    const second = await runChecks(root, { browser: true })
    // The lab's sheets for learners and for instructors and the guide (which carries its clean-up) changed; no other page, and no slide.
    expect(second.axe.pages).toEqual({ checked: 3, cached: first.axe.pages.checked - 3 })
    expect(second.axe.parts).toEqual({ checked: 0, cached: first.axe.parts.checked })
    expect(second.pagesChecked).toBe(first.pagesChecked)
    // The handout's violation comes from the cache, reported exactly as the first time.
    expect(a11y(second)).toEqual(a11y(first))
    expect(second.problems.list).toEqual(first.problems.list)
  }, 300_000)

  it('a build in between keeps what the check found: its cache sweep spares what the last check used', async () => {
    await build({ root, out: path.join(root, 'dist'), editions: [], formats: ['html'] })
    const third = await runChecks(root, { browser: true })
    expect(third.axe.pages.checked).toBe(0)
    expect(third.axe.parts.checked).toBe(0)
    expect(third.problems.list).toEqual(first.problems.list)
  }, 300_000)
})
