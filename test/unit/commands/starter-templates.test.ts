import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { initProject } from '../../../src/commands/init.ts'
import { filesInLanguage, languageVariant, namesInLanguage, renderStarter, todoTexts, yamlScalar } from '../../../src/commands/starter-templates.ts'

/** Titles a trainer may type that plain YAML would misread or reject. */
const TITLES = [
  'Docker: the basics',
  'C# # not a comment',
  "Shell scripts: don't panic",
  'The "safe" shell',
  'Two\nlines',
  '- a list?',
  '* an alias?',
  '&anchor and *ref',
  '? a key',
  '@scoped | folded > text',
  '{ flow: map }',
  '[flow, list]',
  'yes',
  '2027-03-18',
  '  spaced  ',
  'tab\there',
  'back\\slash',
  '%directive',
  '!tag',
  'Überblick: ça marche — 基礎',
  '',
]

describe('values written into YAML', () => {
  it.each(TITLES)('%j reads back as the same string', (title) => {
    const scalar = yamlScalar(title)
    expect(scalar).not.toContain('\n')
    expect(parse(`title: ${scalar}\nnext: 1\n`)).toEqual({ title, next: 1 })
  })

  it('kit init writes a workshop.yaml that parses, with the title as given', async () => {
    for (const title of TITLES.filter((t) => t.trim())) {
      const dir = await mkdtemp(path.join(tmpdir(), 'kit-init-'))
      await initProject(dir, { title, language: 'fr' })
      const workshop = parse(await readFile(path.join(dir, 'content/workshop.yaml'), 'utf8')) as Record<string, unknown>
      expect(workshop.title).toBe(title)
      expect(workshop.language).toBe('fr')
      // The README's heading stays one line.
      expect((await readFile(path.join(dir, 'README.md'), 'utf8')).split('\n')[0]).toBe(`# ${title.replace(/\s+/g, ' ').trim()}`)
    }
  })

  it('renders the helpers, and refuses a value the view lacks', () => {
    expect(renderStarter('title: {{yaml title}}\n# {{line title}}\n{{#todo}}Replace me{{/todo}}', { title: 'A: b\nc' })).toBe('title: "A: b\\nc"\n# A: b c\nReplace me')
    expect(() => renderStarter('{{missing}}', {})).toThrow()
    expect(todoTexts('a {{#todo}}one{{/todo}} b {{#todo}} two {{/todo}}')).toEqual(['one', 'two'])
  })
})

describe('starter files in a language', () => {
  const files = ['README.md', 'README.fr.md', 'README.pt-BR.md', 'content/workshop.yaml', 'content/workshop.ja.yaml', 'gitignore', '05-vms.vs.md']

  it('picks the most specific translation of each file, else the English one, named without its tag', () => {
    expect(Object.fromEntries(filesInLanguage(files, 'fr-CA'))).toEqual({
      'README.md': 'README.fr.md',
      'content/workshop.yaml': 'content/workshop.yaml',
      gitignore: 'gitignore',
      '05-vms.vs.md': '05-vms.vs.md',
    })
    expect(filesInLanguage(files, 'pt-BR').get('README.md')).toBe('README.pt-BR.md')
    expect(filesInLanguage(files, 'pt-PT').get('README.md')).toBe('README.md')
    expect(filesInLanguage(files, 'ja').get('content/workshop.yaml')).toBe('content/workshop.ja.yaml')
    expect(filesInLanguage(files, 'en-GB').get('README.md')).toBe('README.md')
  })

  it('knows a translation by a tag kit has a catalogue for, not by any word between dots', () => {
    expect(languageVariant('01-x.pt-BR.md')).toEqual({ base: '01-x.md', tag: 'pt-BR' })
    expect(languageVariant('05-vms.vs.md')).toEqual({ base: '05-vms.vs.md' })
    expect(namesInLanguage('exercise.md', 'fr-CA')).toEqual(['exercise.fr.md', 'exercise.en.md', 'exercise.md'])
  })
})
