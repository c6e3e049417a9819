import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { placeholderLines, placeholderTexts } from '../../../src/commands/check/placeholders.ts'
import { todoTexts } from '../../../src/commands/starter-templates.ts'
import { loadContent } from '../../../src/load/content.ts'
import { swallowedSlide } from '../../../src/load/slide-traps.ts'
import { parseModule } from '../../../src/load/module.ts'
import { plural } from '../../../src/core/plural.ts'
import { Problems } from '../../../src/core/problems.ts'
import { renderMarkdown, renderNotes } from '../../../src/render/markdown-html.ts'
import { KIT, kitMarp } from '../../helpers/project.ts'

const workshop = (items = '[m]') => `title: T
authors: [A]
editions:
  - id: e
    title: E
    length: 10
    items: ${items}
`
const moduleFile = (body: string) => ({ path: 'content/modules/01-m.md', text: `---\nid: m\nduration: 10\n---\n\n${body}` })

function load(files: { workshop?: string; module?: string; quiz?: string }) {
  const problems = new Problems()
  const content = loadContent(
    {
      root: '/x',
      workshop: { path: 'content/workshop.yaml', text: files.workshop ?? workshop() },
      modules: [moduleFile(files.module ?? '## One\n\n<!-- n -->\n')],
      exercises: [],
      quiz: files.quiz ? [{ path: 'content/quiz/q.yaml', text: files.quiz }] : [],
    },
    kitMarp(),
    problems,
  )
  return { content, problems }
}

describe('traps that lose slides', () => {
  const forgotten = '## One\n\n```sh\necho one\n\n<!-- notes one -->\n\n---\n\n## Two\n\n<!-- notes two -->\n\n---\n\n## Three\n\n```sh\necho three\n```\n'

  it('a code block that runs on through `---` and a heading is a warning at its opening fence', () => {
    const problems = new Problems()
    const module = parseModule(moduleFile(forgotten), kitMarp(), problems)
    expect(module?.slideCount).toBe(1) // slides two and three vanished into the code block
    expect(problems.errors).toEqual([])
    expect(problems.warnings.map((p) => [p.code, p.location?.line])).toEqual([['KIT_FENCE_RUNS_ON', 8]])
    expect(problems.warnings[0]?.hint).toContain('before the `---` at line 13')
  })

  it('YAML and markdown blocks may hold `---`, comments and # lines; a block with only `---` is not judged', () => {
    const yaml = '## One\n\n```yaml\nkind: A\n---\n# the second document\nkind: B\n```\n\n<!-- n -->\n'
    const markdown = '## One\n\n```markdown\n# Slide\n\n---\n\n## Next\n<!-- note -->\n```\n\n<!-- n -->\n'
    for (const body of [yaml, markdown]) {
      const problems = new Problems()
      parseModule(moduleFile(body), kitMarp(), problems)
      expect(problems.list).toEqual([])
    }
    expect(swallowedSlide('a\n---\nb\n')).toBeUndefined()
    expect(swallowedSlide('a\n---\n\n## B\n')).toEqual({ separator: 1, slideLike: 3, what: 'a heading' })
  })

  it('text directly above `---` merges two slides: a warning at the text', () => {
    const problems = new Problems()
    const module = parseModule(moduleFile('## One\n\nA closing remark\n---\n\n## Two\n\n<!-- n -->\n'), kitMarp(), problems)
    expect(module?.slideCount).toBe(1)
    expect(problems.warnings.map((p) => [p.code, p.location?.line])).toEqual([['KIT_SETEXT_BREAK', 8]])
    expect(problems.warnings[0]?.message).toContain('"A closing remark"')
  })

  it('a blank line above `---` is a slide break, and a `----` underline is a heading the author meant', () => {
    for (const body of ['## One\n\ntext\n\n---\n\n## Two\n', 'Title\n----\n\ntext\n']) {
      const problems = new Problems()
      parseModule(moduleFile(body), kitMarp(), problems)
      expect(problems.warnings.filter((p) => p.code === 'KIT_SETEXT_BREAK')).toEqual([])
    }
  })
})

describe('quiz answers', () => {
  const quiz = (answer: string) => `- { id: q, module: m, question: Q?, choices: [Its own, "The host's", A copy], answer: ${answer} }\n`

  it('accepts the letter the slides show', () => {
    const { content, problems } = load({ quiz: quiz('B') })
    expect(problems.errors).toEqual([])
    expect(content?.quiz[0]?.answer).toBe("The host's")
  })

  it('names the choices and the closest one when the answer is none of them', () => {
    const { problems } = load({ quiz: quiz('The hosts') })
    expect(problems.errors[0]?.code).toBe('KIT_QUIZ_ANSWER')
    expect(problems.errors[0]?.message).toContain(`(A: "Its own", B: "The host's", C: "A copy")`)
    expect(problems.errors[0]?.message).toContain(`The closest is "The host's".`)
    expect(problems.errors[0]?.hint).toContain('its letter (A, B, C)')
    expect(load({ quiz: quiz('F') }).problems.errors[0]?.code).toBe('KIT_QUIZ_ANSWER')
  })
})

describe('workshop.yaml messages', () => {
  it('says what a break looks like', () => {
    const { problems } = load({ workshop: workshop('[m, { break: 10 min }]') })
    expect(problems.errors.map((p) => [p.code, p.location?.line])).toEqual([['KIT_SCHEMA', 7]])
    expect(problems.errors[0]?.message).toContain('is not a break')
    expect(problems.errors[0]?.hint).toContain('`- { break: 15, title: Coffee }`')
  })
})

describe('pages', () => {
  it('speaker notes keep their paragraphs and line breaks', () => {
    const html = renderNotes(['What to say: one.\nTiming: 2 min.\n\nLikely question: why?'])
    expect(html).toBe('<p>What to say: one.<br>\nTiming: 2 min.</p>\n<p>Likely question: why?</p>\n')
  })

  it('a label ending in a colon stays with the block it introduces', () => {
    const html = renderMarkdown('Expected output:\n\n```text\nok\n```\n\nA sentence: not a label.\n\nPlain text.\n')
    expect(html).toContain('<p class="lead-in">Expected output:</p>')
    expect(html.match(/lead-in/g)).toHaveLength(1)
  })

  it('counts read right', () => {
    expect([plural(0, 'exercise'), plural(1, 'exercise'), plural(2, 'exercise'), plural(1, 'clean-up')]).toEqual(['0 exercises', '1 exercise', '2 exercises', '1 clean-up'])
  })
})

describe('placeholders kit new writes', () => {
  it('are what the templates of templates/new mark, in every language, each as many as in English', () => {
    const texts = placeholderTexts()
    for (const text of ['- First point', 'https://example.org/replace-me', 'replace with the real command', '- Premier point', '実際のコマンドに置き換えてください']) expect(texts).toContain(text)
    for (const kind of ['module', 'exercise']) {
      const english = todoTexts(readFileSync(path.join(KIT, `templates/new/${kind}.md`), 'utf8'))
      for (const lang of ['de', 'fr', 'es', 'pt-BR', 'ja']) {
        expect(todoTexts(readFileSync(path.join(KIT, `templates/new/${kind}.${lang}.md`), 'utf8')), `${kind} ${lang}`).toHaveLength(english.length)
      }
    }
    // Long enough never to be found in real content by chance.
    for (const text of texts) expect([...text].length, text).toBeGreaterThanOrEqual(6)
  })

  it('are reported once per file, at the first, with every line left', () => {
    expect(placeholderLines('## Real\n\n- First point\n- real\n- Second point\n').map((p) => [p.line, p.column, p.text])).toEqual([
      [3, 1, '- First point'],
      [5, 1, '- Second point'],
    ])
  })
})
