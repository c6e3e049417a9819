import { existsSync } from 'node:fs'
import { appendFile, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { copyFixture, loadFixture } from '../../helpers/project.ts'
import { instructorOnlyTexts, linksLeaving, normalise, publishedTexts } from '../../helpers/published.ts'

/**
 * What kit writes is split by audience: dist/learner/ (published by the
 * starter workflow) and dist/instructor/. Nothing an instructor alone may
 * see is reachable from the learner folder, in any file, PDF or zip.
 */
describe('learner and instructor sets', async () => {
  const browser = await browserForTests()
  let root: string
  let out: string
  let secrets: string[]

  beforeAll(async () => {
    root = await copyFixture('mini')
    // A speaker note and an instructor note that must stay on the instructor's side.
    await appendFile(path.join(root, 'content/modules/01-alpha.md'), '\n\n---\n\n## A last slide\n\nVisible text.\n\n<!-- SPEAKER-ONLY: the trainer tells the story of the broken build here. -->\n')
    out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-sets-')), 'dist')
    await build({ root, out, editions: [], formats: browser ? ['html', 'pdf'] : ['html'] })
    secrets = instructorOnlyTexts(await loadFixture(root))
  }, 300_000)

  it('writes each set in its own folder, with its own zip and home page', () => {
    for (const file of [
      'learner/index.html',
      'learner/long/index.html',
      'learner/long.zip',
      'learner/long/exercises/first-lab.html',
      'learner/long/quiz.html',
      'learner/long/handout.html',
      'learner/long/slides.html',
    ]) {
      expect(existsSync(path.join(out, file)), file).toBe(true)
    }
    for (const file of [
      'instructor/index.html',
      'instructor/long/index.html',
      'instructor/long.zip',
      'instructor/long/guide.html',
      'instructor/long/answer-key.html',
      'instructor/long/exercises/first-lab.instructor.html',
      'instructor/long/slides.md',
    ]) {
      expect(existsSync(path.join(out, file)), file).toBe(true)
    }
    for (const file of ['learner/long/guide.html', 'learner/long/exercises/first-lab.instructor.html', 'learner/long/slides.md', 'learner/long/answer-key.html']) {
      expect(existsSync(path.join(out, file)), file).toBe(false)
    }
  })

  it('the secrets exist in the instructor set (so the check below can find them)', async () => {
    expect(secrets.length).toBeGreaterThan(5)
    expect(secrets.some((s) => s.includes('speaker-only'))).toBe(true)
    const instructor = [...(await publishedTexts(path.join(out, 'instructor'))).values()].join('\n')
    for (const secret of secrets) expect(instructor, secret).toContain(secret)
  })

  it('no solution, instructor note, speaker note or quiz explanation is reachable from learner/, in any page, PDF or zip', async () => {
    const learner = await publishedTexts(path.join(out, 'learner'))
    if (browser) expect([...learner.keys()].some((f) => f.endsWith('.pdf'))).toBe(true)
    const leaks = [...learner].flatMap(([file, text]) => secrets.filter((s) => text.includes(s)).map((s) => `${file}: ${s}`))
    expect(leaks).toEqual([])
    expect(linksLeaving(path.join(out, 'learner'), learner)).toEqual([])
  })

  it('the learner deck keeps the questions, and its answers slide says the answers come in the session; the instructor deck has them', async () => {
    const learner = normalise(await readFile(path.join(out, 'learner/long/slides.html'), 'utf8'))
    const instructor = normalise(await readFile(path.join(out, 'instructor/long/slides.html'), 'utf8'))
    expect(learner).toContain('which module comes first?')
    expect(instructor).toContain('which module comes first?')
    expect(instructor).toContain('alpha is listed first.')
    expect(learner).not.toContain('alpha is listed first.')
    expect(learner).toContain('the answers are given in the session.')
    expect(instructor).not.toContain('the answers are given in the session.')
  })

  it('the instructor landing page says to keep the set private and links the learners’ page', async () => {
    const page = await readFile(path.join(out, 'instructor/long/index.html'), 'utf8')
    expect(page).toContain('Keep this set private')
    expect(page).toContain('href="../../learner/long/index.html"')
    const learnerPage = await readFile(path.join(out, 'learner/long/index.html'), 'utf8')
    const links = [...learnerPage.matchAll(/href="([^"]+)"/g)].map((m) => m[1])
    expect(links.filter((href) => href?.includes('instructor'))).toEqual([])
    expect(learnerPage).not.toContain('Keep this set private')
  })
})
