import { describe, expect, it } from 'vitest'
import { knownLanguage, pairTranslations, translationPath, translationTag } from '../../../src/load/translation-files.ts'
import { Problems } from '../../../src/core/problems.ts'
import { changedUnits, readMark, sourceHash, unitsOf, writeMark } from '../../../src/load/translation-state.ts'
import { kitMarp } from '../../helpers/project.ts'

describe('translation files', () => {
  it('reads a BCP 47 tag before the extension, and nothing else', () => {
    expect(translationTag('content/modules/04-side-by-side.de.md')).toEqual({ source: 'content/modules/04-side-by-side.md', lang: 'de' })
    expect(translationTag('content/glossary.pt-BR.yaml')).toEqual({ source: 'content/glossary.yaml', lang: 'pt-BR' })
    expect(translationTag('exercises/05-pid.zh-Hant.md')).toEqual({ source: 'exercises/05-pid.md', lang: 'zh-Hant' })
    expect(translationTag('content/modules/04-side-by-side.md')).toBeUndefined()
    expect(translationTag('content/modules/04-v1.2.md')).toBeUndefined()
    expect(translationTag('content/modules/intro.DE.md')).toBeUndefined()
    expect(translationPath('content/quiz/04-x.yaml', 'de')).toBe('content/quiz/04-x.de.yaml')
  })
})

describe('which files are translations', () => {
  const isLanguage = knownLanguage(['en-GB', 'zh-Hant'], ['en', 'de', 'fr', 'pt-BR'])

  it('only a tag workshop.yaml declares or kit has a catalogue for makes a translation', () => {
    expect(['de', 'DE-at', 'fr-CA', 'pt-BR', 'zh-Hant', 'en-GB'].map(isLanguage)).toEqual([true, true, true, true, true, true])
    expect(['vs', 'v1', 'zh', 'it'].map(isLanguage)).toEqual([false, false, false, false])
  })

  it('05-vms.vs.md is a module of its own, not a "vs" translation dropped for want of 05-vms.md', () => {
    const problems = new Problems()
    const files = ['content/modules/04-x.md', 'content/modules/04-x.de.md', 'content/modules/05-vms.vs.md'].map((path) => ({ path, text: '# T' }))
    const { sources, translations } = pairTranslations(files, 'module', problems, isLanguage)
    expect(sources.map((f) => f.path)).toEqual(['content/modules/04-x.md', 'content/modules/05-vms.vs.md'])
    expect(translations.map((t) => [t.path, t.lang])).toEqual([['content/modules/04-x.de.md', 'de']])
    expect(problems.list).toEqual([])
  })
})

describe('the mark kit translate writes', () => {
  const hash = 'sha256:0123456789abcdef'

  it('adds one line as the last line of the front matter, or replaces the old one, and changes nothing else', () => {
    const text = '---\ntitle: Modul\nfooter: Fuß\n---\n\n## Folie\n'
    const marked = writeMark('module', text, hash)
    expect(marked).toBe(`---\ntitle: Modul\nfooter: Fuß\ntranslated-from: ${hash}\n---\n\n## Folie\n`)
    expect(readMark('module', marked)).toBe(hash)
    expect(writeMark('module', marked, 'sha256:ffffffffffffffff')).toBe(marked.replace(hash, 'sha256:ffffffffffffffff'))
    expect(writeMark('module', marked, hash)).toBe(marked)
  })

  it('keeps CRLF line endings and a BOM, and adds front matter to a file without', () => {
    const crlf = '\uFEFF---\r\ntitle: Modul\r\n---\r\n\r\n## Folie\r\n'
    expect(writeMark('exercise', crlf, hash)).toBe(`\uFEFF---\r\ntitle: Modul\r\ntranslated-from: ${hash}\r\n---\r\n\r\n## Folie\r\n`)
    expect(writeMark('module', '## Folie\n', hash)).toBe(`---\ntranslated-from: ${hash}\n---\n## Folie\n`)
  })

  it('marks YAML with a first-line comment', () => {
    const yaml = '- { term: A, definition: B }\n'
    const marked = writeMark('glossary', yaml, hash)
    expect(marked).toBe(`# translated-from: ${hash}\n${yaml}`)
    expect(readMark('glossary', marked)).toBe(hash)
    expect(writeMark('glossary', marked, 'sha256:1111111111111111')).toBe(`# translated-from: sha256:1111111111111111\n${yaml}`)
    // A comment that is not a mark stays, below the new mark.
    expect(writeMark('quiz', '# Fragen\n- id: a\n', hash)).toBe(`# translated-from: ${hash}\n# Fragen\n- id: a\n`)
  })

  it('leaves out the keys a translation takes from its source: a new duration or checked date does not make it stale', () => {
    const module = '---\nid: m\ntitle: Title\nduration: 10\nsources:\n  - { title: S, url: "https://example.org", checked: 2026-01 }\n---\n\n## Slide\n'
    expect(sourceHash('module', module)).toBe(sourceHash('module', module.replace('duration: 10', 'duration: 12').replace('2026-01', '2026-11')))
    expect(sourceHash('module', module)).not.toBe(sourceHash('module', module.replace('title: Title', 'title: Other')))
    expect(sourceHash('module', module)).not.toBe(sourceHash('module', module.replace('## Slide', '## Folie')))
  })

  it('hashes only the text of workshop.yaml: a new edition item does not make its translation stale', () => {
    const before = 'title: T\nauthors: [A]\neditions:\n  - { id: a, title: A, length: 10, items: [x] }\n'
    expect(sourceHash('workshop', before)).toBe(sourceHash('workshop', before.replace('items: [x]', 'items: [x, y]')))
    expect(sourceHash('workshop', before)).not.toBe(sourceHash('workshop', before.replace('title: A', 'title: B')))
  })
})

describe('what changed in a source, slide by slide', () => {
  const marp = kitMarp()
  const deck = (middle: string) => `---\ntitle: T\n---\n\n## One\n\n---\n\n## ${middle}\n\n![x](a.svg)\n\n---\n\n## Three\n`

  it('cuts a module at its slide breaks, each slide from its --- line, with its shape', () => {
    const units = unitsOf('module', deck('Two'), 'm.md', marp)
    expect(units.map((u) => [u.name, u.line, u.shape])).toEqual([
      ['front matter', 1, undefined],
      ['slide 1', 4, 'h2'],
      ['slide 2', 7, 'h2 image'],
      ['slide 3', 13, 'h2'],
    ])
  })

  it('names each changed slide with a line diff', () => {
    const changes = changedUnits(unitsOf('module', deck('Two'), 'm.md', marp), unitsOf('module', deck('Second'), 'm.md', marp))
    expect(changes).toEqual([{ index: 2, name: 'slide 2', diff: 'slide 2 changed:\n  - ## Two\n  + ## Second' }])
    const added = changedUnits(unitsOf('module', deck('Two'), 'm.md', marp), unitsOf('module', `${deck('Two')}\n---\n\n## Four\n`, 'm.md', marp))
    expect(added.map((c) => c.diff)).toEqual(['slide 4 added:\n  + ---\n  + \n  + ## Four'])
  })

  it('cuts an exercise into its sections, and a quiz into its questions by id', () => {
    const exercise = unitsOf('exercise', '---\ntitle: E\n---\n\nIntro.\n\n## Goal\n\nG.\n\n## Steps\n\nS.\n', 'e.md', marp)
    expect(exercise.map((u) => [u.name, u.line])).toEqual([
      ['front matter', 1],
      ['introduction', 4],
      ['section 1 ("Goal")', 7],
      ['section 2 ("Steps")', 11],
    ])
    const quiz = unitsOf('quiz', '- id: a\n  question: Q?\n  answer: x\n- id: b\n  question: R?\n  answer: y\n', 'q.yaml', marp)
    expect(quiz.map((u) => [u.name, u.line])).toEqual([
      ['question "a"', 1],
      ['question "b"', 4],
    ])
  })
})
