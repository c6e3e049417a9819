import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadContent } from '../../src/load/content.ts'
import { parseExercise } from '../../src/load/exercise.ts'
import { splitFrontMatter } from '../../src/load/front-matter.ts'
import { parseModule } from '../../src/load/module.ts'
import { decodeSource } from '../../src/load/read-sources.ts'
import { Problems } from '../../src/core/problems.ts'
import { kitMarp } from '../helpers/project.ts'
import { propertyRuns } from '../helpers/property-runs.ts'

/**
 * Property tests: whatever the input, every loader ends in a value or in our
 * own problems — never an uncaught exception. 100 cases per property with
 * a fresh seed (1,000 with npm run test:property; a failure prints the seed
 * that replays it); text is whole graphemes (no lone
 * surrogates), as an editor would save it. The whole pipeline is fuzzed in
 * test/property/.
 */
const RUNS = propertyRuns()
const marp = kitMarp()

/** Text that looks like our sources often enough to reach deep code paths. */
const fragment = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '---',
    '\n',
    ': ',
    '- ',
    '  ',
    '#',
    '## Goal',
    '## Steps',
    '## Solution',
    '::: solution',
    ':::',
    '```',
    '```sh',
    '<!--',
    '-->',
    '<style>',
    '</style>',
    '![',
    '](',
    ')',
    '{',
    '}',
    '[',
    ']',
    '"',
    "'",
    '|',
    '*',
    '&',
    '!!',
    '\t',
    '\r\n',
    '\uFEFF',
    'id: x',
    'duration: 5',
    'title: T',
    'paginate: true',
    'headingDivider: 2',
    'class: lead',
    '_class: x',
    'style: |',
    'choices: [a, b]',
    'answer: a',
    'module: m',
    'items: [m]',
    '$$',
    '$x$',
    ':smile:',
  ),
)
const sourceText = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''))
const withFrontMatter = fc.tuple(sourceText, sourceText).map(([fm, body]) => `---\n${fm}\n---\n${body}`)
const anyText = fc.oneof(sourceText, withFrontMatter)

function safely(run: (problems: Problems) => unknown): void {
  const problems = new Problems()
  run(problems)
  for (const p of problems.list) {
    expect(p.code).toMatch(/^KIT_[A-Z_]+$/)
    expect(typeof p.message).toBe('string')
  }
}

describe('fuzzing the loaders', () => {
  it('front matter: any text splits or reports a problem', () => {
    fc.assert(
      fc.property(anyText, (text) => safely((p) => splitFrontMatter(text, 'f.md', p))),
      RUNS,
    )
  })

  it('modules: any text parses or reports problems', () => {
    fc.assert(
      fc.property(anyText, (text) => safely((p) => parseModule({ path: 'content/modules/01-x.md', text }, marp, p))),
      RUNS,
    )
  })

  it('exercises: any text parses or reports problems', () => {
    fc.assert(
      fc.property(anyText, (text) => safely((p) => parseExercise({ path: 'exercises/01-x.md', text }, p))),
      RUNS,
    )
  })

  it('workshop.yaml and quiz: any text loads or reports problems', () => {
    fc.assert(
      fc.property(anyText, anyText, (workshop, quiz) =>
        safely((p) =>
          loadContent(
            {
              root: '/x',
              workshop: { path: 'content/workshop.yaml', text: workshop },
              modules: [],
              exercises: [],
              quiz: [{ path: 'content/quiz/q.yaml', text: quiz }],
              glossary: { path: 'content/glossary.yaml', text: quiz },
            },
            marp,
            p,
          ),
        ),
      ),
      RUNS,
    )
  })

  it('decoding: any bytes decode or report a problem', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => safely((p) => decodeSource(bytes, 'f.md', p))),
      RUNS,
    )
  })
})
