import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runChecks } from '../../../src/commands/check/check.ts'
import { initProject } from '../../../src/commands/init.ts'
import { scaffold } from '../../../src/commands/new.ts'
import { filesBelow } from '../../../src/load/files-below.ts'
import { loadProject } from '../../../src/load/project.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { kit } from '../../helpers/cli.ts'
import { canUnshare } from '../../helpers/namespaces.ts'

const browser = await browserForTests()

/** The sandbox of kit labs needs Linux namespaces: as root, or through an unprivileged user namespace. */

/** Sentences of the English starter and of kit new's English templates: none may be left in another language's. */
const ENGLISH = [
  'One source, every output',
  'A slide is markdown',
  'Your turn',
  'Your first exercise',
  'Where do speaker notes go',
  'People who will attend',
  'To be announced',
  'Open a terminal',
  'Expected output',
  'Check your work',
  'Going further',
  'Instructor notes',
  'The first step',
  'A second slide',
  'What learners will see',
  'Primary source',
  'First point',
  'replace with the real command',
  'Your name',
  'Nothing to clean up',
]

const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja']

/** A project's text files (the workflow and .gitignore are the same in every language). */
async function texts(dir: string): Promise<string> {
  const files = (await filesBelow(dir)).filter((f) => !f.startsWith('.github/') && f !== '.gitignore' && f !== 'package.json')
  return (await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')))).join('\n')
}

describe('kit init and kit new in the workshop’s language', () => {
  it.each(LANGUAGES)('%s: a starter and new files in the language, with marked steps, that pass kit check', async (language) => {
    const dir = await mkdtemp(path.join(tmpdir(), `kit-init-${language}-`))
    await initProject(dir, { language, title: 'Docker: the basics' })
    const fresh = await runChecks(dir, { browser: false })
    expect(fresh.problems.list).toEqual([])
    expect(await scaffold(dir, 'module', 'second-module')).toBe('content/modules/02-second-module.md')
    expect(await scaffold(dir, 'exercise', 'second-lab')).toBe('exercises/02-second-lab.md')
    const all = await texts(dir)
    for (const sentence of ENGLISH) expect(language === 'en' || !all.includes(sentence), `${language}: ${sentence}`).toBe(true)

    // Every step of both exercises runs a command and compares its output; the new one's clean-up is marked too.
    const { project } = await loadProject(dir)
    for (const id of ['first-exercise', 'second-lab']) {
      const lab = project?.content.exercises.find((e) => e.id === id)?.lab
      expect(lab?.steps.length, id).toBeGreaterThan(0)
      for (const step of lab?.steps ?? []) for (const block of step.blocks) expect(block.expect, `${id}: ${step.title}`).toBeDefined()
    }
    expect(project?.content.exercises.find((e) => e.id === 'second-lab')?.lab?.cleanup).toHaveLength(1)

    // The new files are not finished: kit check says so, as in English.
    const checked = await runChecks(dir, { browser: false })
    expect(checked.problems.errors).toEqual([])
    expect(checked.problems.warnings.map((p) => [p.code, p.location?.file]).sort()).toEqual([
      ['KIT_PLACEHOLDER', 'content/modules/02-second-module.md'],
      ['KIT_PLACEHOLDER', 'exercises/02-second-lab.md'],
      ['KIT_UNUSED_ITEM', 'content/modules/02-second-module.md'],
      ['KIT_UNUSED_ITEM', 'exercises/02-second-lab.md'],
    ])
  })
})

describe.skipIf(!browser || !canUnshare)('French and Japanese starters, as a trainer runs them', () => {
  it.each(['fr', 'ja'])(
    '%s: kit check --strict passes in the browser, and kit labs verifies the starter’s and a new exercise’s steps',
    async (language) => {
      const dir = path.join(await mkdtemp(path.join(tmpdir(), 'kit-init-')), 'atelier')
      const init = await kit(['init', dir, '--lang', language, '--title', 'Docker: the basics'])
      expect(init.code, init.stderr).toBe(0)
      const check = await kit(['check', '--strict', '--root', dir], { NO_COLOR: '1' })
      expect(check.code, check.stdout + check.stderr).toBe(0)
      expect(check.stdout).toMatch(/0 errors?, 0 warnings?; slides and \d+ pages checked in the browser/)
      expect((await kit(['new', 'exercise', 'second-lab', '--root', dir])).code).toBe(0)
      const labs = await kit(['labs', '--root', dir, '--yes'], { NO_COLOR: '1' })
      expect(labs.code, labs.stdout + labs.stderr).toBe(0)
      expect(labs.stdout).toMatch(/2 steps passed, 0 ran without an output check, 0 failed, 0 skipped/)
      expect(labs.stdout).toContain('clean-up: 1 block ran')
    },
    240_000,
  )
})
