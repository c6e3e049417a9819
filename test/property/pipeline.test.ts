import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { runChecks } from '../../src/commands/check/check.ts'
import { KitError, type Problems } from '../../src/core/problems.ts'
import { PROBLEM_CODES } from '../../src/core/problem-codes.ts'
import { loadProject } from '../../src/load/project.ts'
import { renderEditions } from '../../src/render/editions.ts'
import { KIT, renderRun } from '../helpers/project.ts'
import { propertyRuns } from '../helpers/property-runs.ts'

/**
 * The whole pipeline on generated projects: load → plan → assemble → render
 * (every page of every edition) and kit check's source checks. Whatever an
 * author writes, kit reports problems or succeeds: it never throws anything
 * but a KitError, and every problem has a catalogued code and a position in
 * a real file. 100 cases per property with a fresh seed (npm run test:property: 1,000); a failure prints its seed.
 */
const RUNS = propertyRuns()

/** Text an author could type: whole graphemes, never lone surrogates. */
const words = fc.string({ unit: 'grapheme', maxLength: 12 })
const pieces = fc.oneof(
  { weight: 3, arbitrary: words },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '\n',
      '\n\n',
      '\n---\n',
      ': ',
      '- ',
      '  ',
      '# ',
      '## ',
      '### ',
      '**',
      '_',
      '`',
      '```',
      '```sh run',
      '```text expect',
      '~~~',
      '<!--',
      '-->',
      '<!-- _class: lead -->',
      '<style>',
      '</style>',
      'section { color: red }',
      '<img src="',
      '">',
      '<img src="./gone.png" alt="x">',
      '![',
      '](',
      ')',
      '![bg](',
      '[a link](',
      '../assets/box.svg',
      '100%.svg',
      '%E0%A4%A',
      'https://example.org/x.png',
      '../../../etc/passwd',
      '#anchor',
      'data:image/png;base64,AA==',
      '{{',
      '}}',
      '{{pid:1}}',
      '{{...}}',
      '$$',
      '$x^2$',
      ':smile:',
      '|',
      '| a | b |\n|---|---|\n',
      '\t',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      '&',
      '*',
      '::: solution\n',
      '\n:::\n',
    ),
  },
)
const markdown = fc.array(pieces, { maxLength: 40 }).map((p) => p.join(''))
/** Mostly a valid value, sometimes anything. */
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<T>) => fc.oneof({ weight: 19, arbitrary: valid }, { weight: 1, arbitrary: other })
const yamlValue = fc.oneof(words, fc.constantFrom('5', '-3', '[a, b]', '{ x: 1 }', '"quoted"', 'true', '', '[', 'a: b', '|', '@x', '#x', '2026-13-45', '00:99'))
const id = fc.oneof(fc.constantFrom('alpha', 'beta', 'lab-one', 'Bad_Id', ''), words)
const text = mostly(fc.constantFrom('A title', '"Quoted: yes"', 'Émile – ok'), yamlValue)
const minutes = mostly(fc.constantFrom('5', '10', '30'), yamlValue)

const moduleFile = fc
  .record({
    id: mostly(fc.constant(''), id),
    title: text,
    duration: minutes,
    directive: mostly(
      fc.constantFrom('', 'paginate: true', 'footer: A | B: c', 'headingDivider: 2'),
      fc.constantFrom('', 'paginate: true', 'footer: A | B: c', 'headingDivider: 2', 'theme: gaia', 'style: |\n  h1 { color: red }', 'size: 4:3', 'class: [a, b]'),
    ),
    body: markdown,
  })
  .map(
    (m) =>
      `---\n${m.id ? `id: ${m.id}\n` : ''}title: ${m.title}\nduration: ${m.duration}\n${m.directive}\nsources: [{ title: S, url: "https://example.org" }]\n---\n\n## Slide\n\n${m.body}\n\n<!-- notes -->\n`,
  )
const sections = ['Goal', 'Before you start', 'Steps', 'Check your work', 'Solution', 'Troubleshooting', 'Clean up', 'Going further', 'Cleanup', 'Instructor notes']
const exerciseFile = fc
  .record({ id: mostly(fc.constant(''), id), title: text, duration: minutes, sections: mostly(fc.constant(sections.slice(0, 8)), fc.subarray(sections)), body: markdown })
  .map((e) => `---\n${e.id ? `id: ${e.id}\n` : ''}title: ${e.title}\nduration: ${e.duration}\nmodules: [alpha]\n---\n\n${e.sections.map((s) => `## ${s}\n\n${e.body}\n`).join('\n')}`)
const workshopFile = fc
  .record({
    title: text,
    items: fc.array(mostly(fc.constantFrom('beta', 'lab', '{ break: 10 }'), fc.oneof(id, fc.constantFrom('{ break: 10 min }', '{ break: -1, title: x }'))), { maxLength: 4 }),
    date: mostly(fc.constant('2026-12-03'), yamlValue),
    start: mostly(fc.constant('"09:00"'), yamlValue),
    extra: mostly(fc.constantFrom('', 'paper: letter', 'size: "4:3"', 'language: de-CH'), fc.constantFrom('language: xx-', 'theme: nope')),
  })
  .map(
    (w) =>
      `title: ${w.title}\nauthors: [A]\n${w.extra}\nevent:\n  date: ${w.date}\n  start: ${w.start}\neditions:\n  - id: one\n    title: One\n    length: 30\n    items: [${['alpha', ...w.items].join(', ')}]\n`,
  )
const quizFile = fc
  .record({
    id: mostly(fc.constant('q1'), id),
    module: mostly(fc.constant('alpha'), id),
    answer: mostly(fc.constant('A'), yamlValue),
    choices: mostly(fc.constant('[A, B]'), fc.constantFrom('[]', 'x', '[1, 2]')),
  })
  .map((q) => `- id: ${q.id || 'q1'}\n  module: ${q.module}\n  question: Why?\n  choices: ${q.choices}\n  answer: ${q.answer}\n`)
const templateEdit = fc.oneof(fc.constant(''), fc.constantFrom('{{#each x}}', '{{> nope}}', '{{unknownHelper x}}', '{{/if}}', '{{{', '{{title}}'), words)

const project = fc.record({
  workshop: workshopFile,
  modules: fc.array(moduleFile, { minLength: 1, maxLength: 2 }),
  exercises: fc.array(exerciseFile, { maxLength: 2 }),
  quiz: quizFile,
  glossary: mostly(fc.constant('- { term: A, definition: B }'), fc.constantFrom('- term: A', '[', '')),
  template: mostly(fc.constant(''), templateEdit),
})

let root: string
let templatesRoot: string

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kit-property-'))
  templatesRoot = await mkdtemp(path.join(tmpdir(), 'kit-property-templates-'))
  await cp(path.join(KIT, 'templates'), path.join(templatesRoot, 'templates'), { recursive: true })
})

type ProjectCase = typeof project extends fc.Arbitrary<infer T> ? T : never

async function writeProject(p: ProjectCase): Promise<string> {
  await rm(path.join(root, 'content'), { recursive: true, force: true })
  await rm(path.join(root, 'exercises'), { recursive: true, force: true })
  await rm(path.join(root, 'templates'), { recursive: true, force: true })
  await mkdir(path.join(root, 'content/modules'), { recursive: true })
  await mkdir(path.join(root, 'content/quiz'), { recursive: true })
  await mkdir(path.join(root, 'content/assets'), { recursive: true })
  await mkdir(path.join(root, 'exercises'), { recursive: true })
  await writeFile(path.join(root, 'content/workshop.yaml'), p.workshop)
  await writeFile(path.join(root, 'content/assets/box.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
  for (const [i, text] of p.modules.entries()) await writeFile(path.join(root, `content/modules/0${i + 1}-${i === 0 ? 'alpha' : 'beta'}.md`), text)
  for (const [i, text] of p.exercises.entries()) await writeFile(path.join(root, `exercises/0${i + 1}-${i === 0 ? 'lab' : 'other-lab'}.md`), text)
  await writeFile(path.join(root, 'content/quiz/q.yaml'), p.quiz)
  await writeFile(path.join(root, 'content/glossary.yaml'), p.glossary)
  if (p.template) {
    await cp(path.join(templatesRoot, 'templates'), path.join(root, 'templates'), { recursive: true })
    await writeFile(path.join(root, 'templates/quiz.hbs'), `{{> head}}${p.template}{{> foot}}`)
  }
  // No fonts: subsetting random text from every script costs seconds per case; test/property/fonts.test.ts fuzzes the fonts.
  await mkdir(path.join(root, 'templates/theme'), { recursive: true })
  await writeFile(path.join(root, 'templates/theme/fonts.json'), '{ "fonts": [] }\n')
  return root
}

/** Runs `work`; anything thrown that is not a KitError fails the property. Returns the problems reported. */
async function onlyKitErrors(work: () => Promise<Problems | undefined>): Promise<readonly { code: string; location?: { file: string; line?: number } }[]> {
  try {
    return (await work())?.list ?? []
  } catch (error) {
    if (error instanceof KitError) return error.problems
    throw error
  }
}

function wellFormed(problems: readonly { code: string; location?: { file: string; line?: number } }[]): void {
  for (const p of problems) {
    expect(Object.keys(PROBLEM_CODES)).toContain(p.code)
    if (p.location?.line !== undefined) expect(p.location.line, p.code).toBeGreaterThanOrEqual(1)
  }
}

describe('the whole pipeline on generated projects', () => {
  it('load → plan → assemble → render: problems or pages, never another exception', async () => {
    let rendered = 0
    await fc.assert(
      fc.asyncProperty(project, async (p) => {
        const dir = await writeProject(p)
        const problems = await onlyKitErrors(async () => {
          const { project: loaded, problems } = await loadProject(dir)
          if (!loaded || problems.errors.length > 0) return problems
          await renderEditions(loaded, loaded.content.workshop.editions, renderRun(problems))
          rendered++
          return problems
        })
        wellFormed(problems)
      }),
      RUNS,
    )
    // The generators reach the render stage often, not only the loaders' error paths.
    expect(rendered).toBeGreaterThan(RUNS.numRuns / 10)
  })

  it("kit check's source checks: problems or a clean report, never another exception", async () => {
    await fc.assert(
      fc.asyncProperty(project, async (p) => {
        const dir = await writeProject(p)
        wellFormed(await onlyKitErrors(async () => (await runChecks(dir, { browser: false })).problems))
      }),
      RUNS,
    )
  })
})
