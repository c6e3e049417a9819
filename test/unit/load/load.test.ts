import { describe, expect, it } from 'vitest'
import { loadContent } from '../../../src/load/content.ts'
import { createMessages } from '../../../src/core/messages.ts'
import { kitCatalogues } from '../../../src/load/catalogues.ts'
import { exerciseWords, parseExercise } from '../../../src/load/exercise.ts'
import { parseModule, slugFromFileName } from '../../../src/load/module.ts'
import { decodeSource, type SourceSet } from '../../../src/load/read-sources.ts'
import { Problems } from '../../../src/core/problems.ts'
import { renderMarkdown } from '../../../src/render/markdown-html.ts'
import { kitMarp } from '../../helpers/project.ts'

const workshop = `title: T
authors: [A]
editions:
  - id: e
    title: E
    length: 30
    items: [m, ex, { break: 10 }]
`
const moduleText = `---
id: m
duration: 20
objectives: [one]
paginate: true
---

# Slide one

<!-- note -->

---

# Slide two
`
const exerciseText = (extra = '') => `---
id: ex
title: Ex
duration: 10
---

## Goal
g
## Before you start
b
## Steps
### 1. Do
::: solution
SECRET-INLINE
:::
## Check your work
c
## Solution
SECRET-SECTION
## Troubleshooting
t
## Clean up
c
## Going further
f
${extra}`

function sources(overrides: Partial<SourceSet> = {}): SourceSet {
  return {
    root: '/x',
    workshop: { path: 'content/workshop.yaml', text: workshop },
    modules: [{ path: 'content/modules/01-m.md', text: moduleText }],
    exercises: [{ path: 'exercises/01-ex.md', text: exerciseText() }],
    quiz: [],
    ...overrides,
  }
}

describe('loading content', () => {
  it('loads a valid workshop with defaults', () => {
    const problems = new Problems()
    const content = loadContent(sources(), kitMarp(), problems)
    expect(problems.list).toEqual([])
    // No paper: the language's region decides (en is American English: Letter).
    expect(content?.workshop.paper).toBeUndefined()
    expect(content?.messages.paper).toBe('letter')
    expect(content?.workshop.language).toBe('en')
    expect(content?.modules[0]).toMatchObject({ id: 'm', title: 'Slide one', slideCount: 2, directives: { paginate: true } })
    expect(content?.modules[0]?.notes).toEqual([['note'], []])
  })

  it('points a wrong type at the line of its key', () => {
    const problems = new Problems()
    const text = moduleText.replace('duration: 20', 'duration: twenty')
    parseModule({ path: 'content/modules/01-m.md', text }, kitMarp(), problems)
    expect(problems.errors[0]).toMatchObject({ code: 'KIT_SCHEMA', location: { file: 'content/modules/01-m.md', line: 3, column: 11 } })
    expect(problems.errors[0]?.message).toContain('duration')
  })

  it('reports YAML syntax errors with their position', () => {
    const problems = new Problems()
    const bad = workshop.replace('title: T', 'title: [T')
    loadContent(sources({ workshop: { path: 'content/workshop.yaml', text: bad } }), kitMarp(), problems)
    expect(problems.errors[0]?.code).toBe('KIT_YAML_SYNTAX')
    expect(problems.errors[0]?.location?.line).toBeGreaterThanOrEqual(1)
  })

  it('reports unknown edition items and quiz answers that are not a choice', () => {
    const problems = new Problems()
    const quiz = `- { id: q, module: m, question: Q?, choices: [a, b], answer: c }\n- { id: r, module: nope, question: Q?, answer: x }\n`
    const text = workshop.replace('items: [m, ex,', 'items: [m, missing, ex,')
    loadContent(sources({ workshop: { path: 'content/workshop.yaml', text }, quiz: [{ path: 'content/quiz/q.yaml', text: quiz }] }), kitMarp(), problems)
    const codes = problems.errors.map((p) => [p.code, p.location?.file, p.location?.line])
    expect(codes).toContainEqual(['KIT_UNKNOWN_ITEM', 'content/workshop.yaml', 7])
    expect(codes).toContainEqual(['KIT_QUIZ_ANSWER', 'content/quiz/q.yaml', 1])
    expect(codes).toContainEqual(['KIT_UNKNOWN_MODULE', 'content/quiz/q.yaml', 2])
  })

  it('reports duplicate ids across modules and exercises', () => {
    const problems = new Problems()
    loadContent(sources({ exercises: [{ path: 'exercises/01-ex.md', text: exerciseText().replace('id: ex', 'id: m') }] }), kitMarp(), problems)
    expect(problems.errors.map((p) => p.code)).toContain('KIT_DUPLICATE_ID')
  })

  it('warns when a module asks for another size than the deck', () => {
    const problems = new Problems()
    loadContent(sources({ modules: [{ path: 'content/modules/01-m.md', text: moduleText.replace('paginate: true', 'paginate: true\nsize: 4:3') }] }), kitMarp(), problems)
    expect(problems.warnings[0]).toMatchObject({ code: 'KIT_MODULE_SIZE', location: { line: 6 } })
  })

  it('derives ids from file names', () => {
    expect(slugFromFileName('content/modules/03-How_Containers work.md')).toBe('how-containers-work')
  })
})

describe('exercises', () => {
  it('splits sections and requires every one of them', () => {
    const problems = new Problems()
    const exercise = parseExercise({ path: 'exercises/01-ex.md', text: exerciseText() }, problems)
    expect(problems.list).toEqual([])
    expect(exercise?.sections.map((s) => s.name)).toEqual(['Goal', 'Before you start', 'Steps', 'Check your work', 'Solution', 'Troubleshooting', 'Clean up', 'Going further'])
    const missing = new Problems()
    parseExercise({ path: 'exercises/01-ex.md', text: exerciseText().replace('## Troubleshooting\nt\n', '') }, missing)
    expect(missing.errors[0]).toMatchObject({ code: 'KIT_EXERCISE_SECTION' })
    expect(missing.errors[0]?.message).toContain('Troubleshooting')
  })

  it('knows a section by its heading in the workshop language as well as in English', () => {
    const german = exerciseWords(createMessages('de', kitCatalogues()).t)
    const text = exerciseText().replace('## Goal', '## Ziel').replace('## Before you start', '## vorbereitung').replace('## Clean up', '## Aufräumen')
    const problems = new Problems()
    const exercise = parseExercise({ path: 'exercises/01-ex.md', text }, problems, undefined, undefined, german)
    expect(problems.list).toEqual([])
    expect(exercise?.sections.map((s) => s.name).slice(0, 2)).toEqual(['Goal', 'Before you start'])
    // Without the German words, "Ziel" is not a section: Goal is missing.
    const english = new Problems()
    parseExercise({ path: 'exercises/01-ex.md', text }, english)
    expect(english.errors.map((p) => p.message)).toContainEqual(expect.stringContaining('no "## Goal" section'))
  })

  it('points a missing section at the heading that looks like it, and warns about sections out of order', () => {
    const nearMiss = new Problems()
    const text = exerciseText().replace('## Clean up', '## Cleanup')
    parseExercise({ path: 'exercises/01-ex.md', text }, nearMiss)
    expect(nearMiss.errors).toHaveLength(1)
    expect(nearMiss.errors[0]?.message).toContain('"## Cleanup" looks like it')
    expect(nearMiss.errors[0]?.location?.line).toBe(text.split('\n').indexOf('## Cleanup') + 1)

    const swapped = exerciseText().replace('## Goal\n', '## GOAL-TMP\n').replace('## Steps\n', '## Goal\n').replace('## GOAL-TMP\n', '## Steps\n')
    const order = new Problems()
    parseExercise({ path: 'exercises/01-ex.md', text: swapped }, order)
    expect(order.errors).toEqual([])
    expect(order.warnings.map((p) => [p.code, p.location?.line])).toEqual([['KIT_EXERCISE_ORDER', swapped.split('\n').indexOf('## Before you start') + 1]])
  })

  it('names a missing section in the workshop language, at the heading that stands for it in any catalogue language', () => {
    const french = exerciseWords(createMessages('fr', kitCatalogues()).t, kitCatalogues().values())
    const toFrench = (text: string) =>
      text.replace('## Goal', '## Objectif').replace('## Before you start', '## Avant de commencer').replace('## Check your work', '## Vérifier le résultat').replace('## Clean up', '## Nettoyage')
    const report = (text: string) => {
      const problems = new Problems()
      parseExercise({ path: 'exercises/01-ex.md', text }, problems, undefined, undefined, french)
      return problems.errors.map((p) => [p.code, p.location?.line, p.message, p.hint])
    }
    const lineOf = (text: string, heading: string) => text.split('\n').indexOf(heading) + 1
    expect(report(toFrench(exerciseText()))).toEqual([])
    // A near miss in French, and a word of another catalogue language (German).
    for (const [heading, expected] of [
      ['## Nettoyer', 'Nettoyage'],
      ['## Aufräumen', 'Nettoyage'],
    ]) {
      const text = toFrench(exerciseText()).replace('## Nettoyage', heading!)
      expect(report(text)).toEqual([['KIT_EXERCISE_SECTION', lineOf(text, heading!), expect.stringContaining(`no "## ${expected}" section`), `Rename the heading to "## ${expected}".`]])
    }
    // A heading of its own where the section goes, too far from any word for it.
    const own = toFrench(exerciseText()).replace('## Vérifier le résultat', '## Contrôle')
    expect(report(own)).toEqual([['KIT_EXERCISE_SECTION', lineOf(own, '## Contrôle'), expect.stringContaining('no "## Vérifier le résultat" section'), expect.any(String)]])
    // A section left out: at the next section's heading, the order named in French.
    const left = toFrench(exerciseText()).replace(/## Troubleshooting\n[^#]*/, '')
    expect(report(left)).toEqual([
      ['KIT_EXERCISE_SECTION', lineOf(left, '## Nettoyage'), expect.stringContaining('no "## Dépannage" section'), expect.stringContaining('Objectif, Avant de commencer, Étapes')],
    ])
  })

  it('reports a code fence left open over section headings at the fence, once', () => {
    const text = exerciseText().replace('## Solution\n', '## Solution\n\n```sh\necho open\n').replace('## Going further\n', '## Going further\n\n```sh\nls\n```\n')
    const problems = new Problems()
    parseExercise({ path: 'exercises/01-ex.md', text }, problems)
    expect(problems.errors.map((p) => [p.code, p.location?.line])).toEqual([['KIT_UNCLOSED_FENCE', text.split('\n').indexOf('```sh') + 1]])
  })

  it('leaves the sections unchecked when the workshop language is unknown, rather than checking them against English', () => {
    const problems = new Problems()
    parseExercise({ path: 'exercises/01-ex.md', text: exerciseText().replace('## Goal', '## Objectif') }, problems, undefined, undefined, null)
    expect(problems.list).toEqual([])
  })

  it('checks exercises in the language a broken workshop.yaml declares, or not at all', () => {
    const frenchExercise = exerciseText().replace('## Goal', '## Objectif')
    const run = (workshopYaml: string) => {
      const problems = new Problems()
      loadContent(sources({ workshop: { path: 'content/workshop.yaml', text: workshopYaml }, exercises: [{ path: 'exercises/01-ex.md', text: frenchExercise }] }), kitMarp(), problems)
      return problems.errors.map((p) => p.code)
    }
    // The YAML parses but a key is wrong; it does not parse; its language cannot be read.
    expect(run(`${workshop}language: fr\nlength: [`)).toEqual(['KIT_YAML_SYNTAX'])
    expect(run(workshop.replace('editions:', 'editons:') + 'language: fr\n')).toEqual(['KIT_SCHEMA'])
    expect(run(workshop.replace('editions:', 'editons:') + 'language: français\n')).toEqual(['KIT_SCHEMA', 'KIT_SCHEMA'])
  })

  it('reports a required key misspelt once, at the misspelt key', () => {
    const problems = new Problems()
    const text = workshop.replace('editions:', 'editons:')
    loadContent(sources({ workshop: { path: 'content/workshop.yaml', text } }), kitMarp(), problems)
    expect(problems.list.map((p) => [p.code, p.severity, p.location?.line, p.message])).toEqual([
      ['KIT_SCHEMA', 'error', text.split('\n').indexOf('editons:') + 1, 'workshop.yaml: `editons` should be `editions`; `editions` is missing.'],
    ])
  })

  it('never renders solution containers for learners', () => {
    const markdown = 'Do it.\n\n::: solution\nSECRET\n:::\n\nAfter.'
    expect(renderMarkdown(markdown, 'learner')).not.toContain('SECRET')
    expect(renderMarkdown(markdown, 'learner')).toContain('After.')
    expect(renderMarkdown(markdown, 'instructor')).toContain('SECRET')
  })

  it('escapes raw HTML in exercise text', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))')
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('href="javascript:')
  })
})

describe('decoding sources', () => {
  it('strips a BOM and CRLF line endings', () => {
    const bytes = new TextEncoder().encode('\uFEFFa: 1\r\nb: 2\r\n')
    expect(decodeSource(bytes, 'x.yaml', new Problems())).toBe('a: 1\nb: 2\n')
  })

  it('reports binary files and invalid UTF-8 instead of decoding them', () => {
    const problems = new Problems()
    expect(decodeSource(new Uint8Array([0x23, 0x00, 0x01]), 'x.md', problems)).toBeUndefined()
    expect(decodeSource(new Uint8Array([0x61, 0x0a, 0x62, 0xff, 0x63]), 'y.md', problems)).toBeUndefined()
    expect(problems.errors.map((p) => [p.code, p.location?.line])).toEqual([
      ['KIT_BINARY_FILE', undefined],
      ['KIT_ENCODING', 2],
    ])
  })
})
