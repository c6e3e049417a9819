import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { EXERCISE_SECTIONS } from '../../src/load/exercise.ts'
import { planEdition } from '../../src/plan/edition-plan.ts'
import { loadProject, type Project } from '../../src/load/project.ts'

import { runChecks } from '../../src/commands/check/check.ts'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { build } from '../../src/commands/build.ts'
import { browserForTests } from '../helpers/browser.ts'
import { instructorOnlyTexts, linksLeaving, publishedTexts } from '../helpers/published.ts'
import { FIXTURES, KIT, loadFixture, renderRun } from '../helpers/project.ts'
import { parseRoster } from '../../src/load/roster.ts'
import { Problems, type Problem } from '../../src/core/problems.ts'
import { renderEditions } from '../../src/render/editions.ts'
import Handlebars from 'handlebars'

/**
 * The bundled workshop "Virtual machines vs containers" meets the bar of the
 * content issue: complete, sourced, with notes, exercises, quiz and glossary.
 */
let project: Project
let loadProblems: Problem[]
beforeAll(async () => {
  const loaded = await loadProject(KIT)
  loadProblems = loaded.problems.list
  project = await loadFixture(KIT)
})

describe('bundled workshop', () => {
  it('validates without errors or warnings', () => {
    expect(loadProblems).toEqual([])
  })

  it('has at least seven modules of 8–20 slides with objectives, takeaways, duration and primary sources', () => {
    const { modules } = project.content
    expect(modules.length).toBeGreaterThanOrEqual(7)
    for (const m of modules) {
      expect(m.slideCount, m.file).toBeGreaterThanOrEqual(8)
      expect(m.slideCount, m.file).toBeLessThanOrEqual(20)
      expect(m.objectives.length, m.file).toBeGreaterThanOrEqual(2)
      expect(m.objectives.length, m.file).toBeLessThanOrEqual(4)
      expect(m.takeaways.length, m.file).toBeGreaterThanOrEqual(2)
      expect(m.takeaways.length, m.file).toBeLessThanOrEqual(4)
      expect(m.source, `${m.file} declares its duration`).toMatch(/^duration: \d+$/m)
      expect(m.sources.length, m.file).toBeGreaterThanOrEqual(2)
      for (const s of m.sources) expect(() => new URL(s.url), `${m.file}: ${s.url}`).not.toThrow()
      for (const s of m.sources) expect(s.url, m.file).toMatch(/^https:\/\//)
    }
  })

  it('has speaker notes on at least 90 % of content slides, each with a timing cue', () => {
    for (const m of project.content.modules) {
      const withNotes = m.notes.filter((n) => n.join('').trim().length > 40)
      expect(withNotes.length / m.slideCount, m.file).toBeGreaterThanOrEqual(0.9)
      const timed = withNotes.filter((n) => /\(~?\s*\d|min|minute/i.test(n.join(' ')))
      expect(timed.length / withNotes.length, `${m.file}: timing cues`).toBeGreaterThanOrEqual(0.9)
    }
  })

  it('has a diagram or a table in every module, and every image is a local file with alt text', () => {
    for (const m of project.content.modules) {
      expect(/!\[[^\]]*\]\(|^\|.*\|$/m.test(m.body), m.file).toBe(true)
      for (const match of m.body.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)) {
        const [, alt, url] = match
        expect(url, m.file).not.toMatch(/^https?:|^\/\//)
        const words = (alt ?? '').split(/\s+/).filter((w) => w && !/^(w|h|width|height|bg|left|right|contain|cover|fit|auto|\d+%?):?/.test(w))
        if (!(alt ?? '').startsWith('bg')) expect(words.length, `alt text of ${url} in ${m.file}`).toBeGreaterThan(0)
        expect(readFileSync(path.join(KIT, path.dirname(m.file), url!)).byteLength).toBeGreaterThan(0)
      }
    }
  })

  it('draws its own diagrams: SVG with a title, no remote reference, no script', () => {
    const dir = path.join(KIT, 'content/assets')
    const svgs = readdirSync(dir).filter((f) => f.endsWith('.svg'))
    for (const name of ['vm-stack', 'container-stack', 'side-by-side', 'namespaces-cgroups', 'image-layers', 'runtime-stack', 'isolation-spectrum']) {
      expect(svgs, name).toContain(`${name}.svg`)
    }
    for (const f of svgs) {
      const svg = readFileSync(path.join(dir, f), 'utf8')
      expect(svg, f).toMatch(/<title[^>]*>[^<]+<\/title>/)
      expect(svg, f).not.toMatch(/<script|(href|src)="https?:|url\(https?:/i)
      expect(svg, f).toMatch(/viewBox=/)
    }
  })

  it('has at least eight exercises with every section, a solution and a duration', () => {
    const { exercises } = project.content
    expect(exercises.length).toBeGreaterThanOrEqual(8)
    for (const e of exercises) {
      expect(e.sections.map((s) => s.name).slice(0, EXERCISE_SECTIONS.length), e.file).toEqual([...EXERCISE_SECTIONS])
      expect(e.sections.find((s) => s.name === 'Solution')?.markdown.length, e.file).toBeGreaterThan(100)
      const steps = e.sections.find((s) => s.name === 'Steps')!.markdown
      expect(steps, e.file).toMatch(/```sh/)
      expect(steps, e.file).toMatch(/Expected output/)
      expect(e.duration, e.file).toBeGreaterThan(0)
      expect(e.sections.find((s) => s.name === 'Instructor notes')?.markdown, `${e.file} says what was not run here`).toMatch(/not run|not verified|no Docker/i)
    }
  })

  it('has at least 24 quiz questions over every module, answers among the choices', () => {
    const { quiz, modules } = project.content
    expect(quiz.length).toBeGreaterThanOrEqual(24)
    for (const m of modules) expect(quiz.filter((q) => q.module === m.id).length, m.id).toBeGreaterThanOrEqual(3)
    for (const q of quiz) {
      if (q.choices) expect(q.choices, q.id).toContain(q.answer)
      expect(q.explanation?.length ?? 0, q.id).toBeGreaterThan(10)
    }
  })

  it('has a glossary of at least 25 terms', () => {
    expect(project.content.glossary.length).toBeGreaterThanOrEqual(25)
    const terms = project.content.glossary.map((g) => g.term.toLowerCase())
    expect(new Set(terms).size).toBe(terms.length)
  })

  it('ships a 30-minute talk, a half-day and a full-day edition, each within 5 % of its target', () => {
    const editions = project.content.workshop.editions
    const byLength = (length: number) => editions.find((e) => e.length === length)
    for (const length of [30, 210, 420]) {
      const edition = byLength(length)
      expect(edition, `${length}-minute edition`).toBeDefined()
      const plan = planEdition(project.content, edition!)
      expect(Math.abs(plan.agenda.deviation), edition!.id).toBeLessThanOrEqual(0.05)
    }
    const full = planEdition(project.content, byLength(420)!)
    expect(full.items.filter((i) => i.kind === 'break').length).toBeGreaterThanOrEqual(2)
    expect(full.modules.length).toBe(project.content.modules.length)
  })

  it('prints the paperwork of its half-day and full-day editions: sessions from the clock, tests before and after, certificates', async () => {
    const learners = parseRoster(readFileSync(path.join(FIXTURES, 'rosters/three.roster.csv')), 'three.roster.csv', new Problems()) ?? []
    const editions = project.content.workshop.editions.filter((e) => e.id === 'half-day' || e.id === 'full-day')
    const rendered = await renderEditions(project, editions, { ...renderRun(), records: () => ({ learners }) })
    const file = (id: string, name: string) => String(rendered.find((r) => r.plan.edition.id === id)?.sets.instructor.files.get(name) ?? '')
    expect(file('half-day', 'attendance.html')).toContain('Morning<br><span class="range">09:00–12:30</span>')
    expect(file('full-day', 'attendance.html')).toMatch(/Morning<br><span class="range">09:00–12:29<\/span>.*Afternoon<br><span class="range">13:14–16:00<\/span>/s)
    for (const id of ['half-day', 'full-day']) {
      for (const name of ['positioning-test.html', 'evaluation.html', 'quiz.gift.txt', 'quiz.moodle.xml']) expect(file(id, name), `${id}/${name}`).not.toBe('')
      for (const learner of learners) expect(file(id, 'certificates.html')).toContain(learner.name)
      // The objectives of every module fit one certificate page, in full (not the titles alone).
      const plan = rendered.find((r) => r.plan.edition.id === id)?.plan
      for (const module of plan?.modules ?? []) expect(file(id, 'certificates.html')).toContain(Handlebars.Utils.escapeExpression(module.objectives.at(-1) ?? ''))
    }
  })

  it('passes kit check --pptx with the browser (overflow, accessibility, every slide editable in the PPTX) with zero findings', async () => {
    const browser = await browserForTests()
    if (!browser) return
    const result = await runChecks(KIT, { browser: true, pptx: true })
    expect(result.problems.list).toEqual([])
    expect(result.browserChecked).toBe(true)
  }, 900_000)

  it('publishes nothing an instructor alone may see: no solution, instructor note, speaker note or quiz explanation in dist/learner/, in any page, PDF or zip', async () => {
    const browser = await browserForTests()
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-content-')), 'dist')
    await build({ root: KIT, out, editions: [], formats: browser ? ['html', 'pdf'] : ['html'] })
    const secrets = instructorOnlyTexts(project)
    expect(secrets.length).toBeGreaterThan(100)
    const learner = await publishedTexts(path.join(out, 'learner'))
    const leaks = [...learner].flatMap(([file, text]) => secrets.filter((s) => text.includes(s)).map((s) => `${file}: ${s}`))
    expect(leaks).toEqual([])
    expect(linksLeaving(path.join(out, 'learner'), learner)).toEqual([])
  }, 900_000)
})
