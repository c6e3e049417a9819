import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { runChecks } from '../../../src/commands/check/check.ts'
import { KitError, type Problem } from '../../../src/core/problems.ts'
import { copyFixture } from '../../helpers/project.ts'

/**
 * Every problem points at the line of the text that caused it, and one
 * mistake gives one report. Each case plants one mistake, marked ⟨here⟩ on
 * its line, into a copy of the fixture workshop.
 */
interface Planted {
  code: Problem['code']
  file: string
  /** Text appended to (or replacing) the file; the line holding ⟨here⟩ (or `needle`) is where the problem must be. */
  edit: (text: string) => string
  needle?: string
}

const MODULE = 'content/modules/01-alpha.md'
const slide = (body: string) => (text: string) => `${text}\n---\n\n<style>\nh2 { color: red; }\n</style>\n\n## Planted\n\n${body}\n\n<!-- Notes. -->\n`

const cases: Planted[] = [
  { code: 'KIT_MISSING_IMAGE', file: MODULE, edit: slide('<img src="./gone.png" alt="⟨here⟩">') },
  { code: 'KIT_MISSING_IMAGE', file: MODULE, edit: slide('![A picture ⟨here⟩](../assets/bxo.svg)') },
  { code: 'KIT_REMOTE_IMAGE', file: MODULE, edit: slide('![Remote ⟨here⟩](https://example.org/x.png)') },
  { code: 'KIT_BAD_URL', file: MODULE, edit: slide('![Bad escape ⟨here⟩](../assets/%E0%A4%A.svg)') },
  { code: 'KIT_PATH_OUTSIDE', file: MODULE, edit: slide('[outside ⟨here⟩](../../../elsewhere.md)') },
  { code: 'KIT_BROKEN_LINK', file: MODULE, edit: slide('[a sheet ⟨here⟩](../../exercises/nope.md)') },
  { code: 'KIT_IMAGE_ALT', file: MODULE, edit: slide('![](../assets/box.svg) ⟨here⟩') },
  { code: 'KIT_CSS_SYNTAX', file: MODULE, edit: slide('<style>\nh3 { color: red; }\n%E0 ⟨here⟩ }\n</style>') },
  { code: 'KIT_MARP_LEGACY_DIRECTIVE', file: MODULE, edit: slide('<!-- $theme: gaia --> ⟨here⟩') },
  { code: 'KIT_SCHEMA', file: MODULE, edit: (t) => t.replace('duration: 10', 'duration: ten # ⟨here⟩') },
  { code: 'KIT_YAML_SYNTAX', file: MODULE, edit: (t) => t.replace('objectives: [Explain alpha, Run alpha]', 'objectives: [Explain alpha, Run alpha # ⟨here⟩') },
  { code: 'KIT_YAML_TAB', file: MODULE, edit: (t) => t.replace('takeaways: [Alpha is first]', 'takeaways:\n\t- Alpha is first # ⟨here⟩') },
  { code: 'KIT_UNKNOWN_KEY', file: MODULE, edit: (t) => t.replace('duration: 10', 'duration: 10\nduraton: 12 # ⟨here⟩') },
  { code: 'KIT_UNCLOSED_FENCE', file: MODULE, edit: slide('```sh ⟨here⟩\necho never closed') },
  { code: 'KIT_FENCE_RUNS_ON', file: MODULE, edit: (t) => t.replace('- two\n', '- two\n\n```sh ⟨here⟩\necho the closing fence is forgotten\n') },
  { code: 'KIT_SETEXT_BREAK', file: MODULE, edit: (t) => t.replace('<!-- Middle notes. -->\n\n---', '<!-- Middle notes. -->\n\nA closing remark ⟨here⟩\n---') },
  { code: 'KIT_EDITION_LENGTH', file: 'content/workshop.yaml', edit: (t) => t.replace('length: 20', 'length: 90 # ⟨here⟩').replace('length: 75', 'length: 65') },
  { code: 'KIT_SCHEMA', file: 'content/workshop.yaml', edit: (t) => t.replace('{ break: 15, title: Lunch }', '{ break: 10 min } # ⟨here⟩') },
  { code: 'KIT_QUIZ_ANSWER', file: 'content/quiz/quiz.yaml', edit: (t) => t.replace('answer: Alpha', 'answer: Gamma # ⟨here⟩') },
  { code: 'KIT_UNKNOWN_ITEM', file: 'content/workshop.yaml', edit: (t) => t.replace('items: [alpha, beta]', 'items: [alpha, beta, gamma] # ⟨here⟩') },
  { code: 'KIT_EXERCISE_SECTION', file: 'exercises/02-second-lab.md', edit: (t) => t.replace('## Clean up', '## Cleanup'), needle: '## Cleanup' },
  { code: 'KIT_LAB_MARKER', file: 'exercises/01-first-lab.md', edit: (t) => t.replace('```sh run timeout=5', '```sh run timeuot=5'), needle: 'timeuot' },
]

async function plant(c: Planted): Promise<{ root: string; line: number }> {
  const root = await copyFixture('mini')
  const file = path.join(root, c.file)
  const text = c.edit(await readFile(file, 'utf8'))
  const line = text.split('\n').findIndex((l) => l.includes(c.needle ?? '⟨here⟩')) + 1
  expect(line, `${c.code}: the edit marks its line`).toBeGreaterThan(0)
  await writeFile(file, text)
  return { root, line }
}

const located = (p: Problem) => `${p.code} ${p.location?.file}:${p.location?.line}`

describe('problem positions', () => {
  it.each(cases.map((c) => [c.code, c.file, c] as const))('%s in %s: reported once, at the planted line, by kit check', async (_code, _file, c) => {
    const { root, line } = await plant(c)
    const { problems } = await runChecks(root, { browser: false })
    const found = problems.list.filter((p) => p.code === c.code)
    expect(found.map(located)).toEqual([`${c.code} ${c.file}:${line}`])
    // Nothing else is an error: the one mistake is the one report.
    expect(problems.errors.filter((p) => p.code !== c.code).map(located)).toEqual([])
  })

  it('kit build reports a missing <img> at the same place as kit check, once for two editions', async () => {
    const c = cases[0]!
    const { root, line } = await plant(c)
    const error = await build({ root, out: path.join(root, 'dist'), editions: [], formats: ['html'] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KitError)
    const check = (await runChecks(root, { browser: false })).problems.errors
    expect((error as KitError).problems.filter((p) => p.severity === 'error').map(located)).toEqual([`KIT_MISSING_IMAGE ${c.file}:${line}`])
    expect(check.map((p) => [located(p), p.location?.column, p.message])).toEqual(
      (error as KitError).problems.filter((p) => p.severity === 'error').map((p) => [located(p), p.location?.column, p.message]),
    )
  })

  it('a module whose front matter does not parse is one error, not one per edition and quiz question naming it', async () => {
    const root = await copyFixture('mini')
    const file = path.join(root, MODULE)
    await writeFile(file, (await readFile(file, 'utf8')).replace('objectives: [Explain alpha, Run alpha]', 'objectives: [Explain alpha, Run alpha'))
    const { problems } = await runChecks(root, { browser: false })
    expect(problems.errors.map((p) => p.code)).toEqual(['KIT_YAML_SYNTAX'])
    await rm(root, { recursive: true, force: true })
  })
})
