import { appendFile, copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildOptions } from '../../../src/commands/build.ts'
import { copyFixture, KIT } from '../../helpers/project.ts'

/**
 * A build is "up to date" only while every file it read reads the same. For
 * each kind of input: change it, and the next build rebuilds and shows it.
 */
describe('no stale output', () => {
  let root: string
  let options: BuildOptions
  const out = (file: string) => readFile(path.join(options.out, file), 'utf8')
  const edit = async (file: string, from: string | RegExp, to: string) => {
    const full = path.join(root, file)
    const text = await readFile(full, 'utf8')
    const next = text.replace(from, to)
    expect(next, `${file} contains ${from}`).not.toBe(text)
    await writeFile(full, next)
  }
  let fixtureFace = ''
  const embeddedFace = async () => /@font-face\{font-family:'Fixture Face';[^\n]*/.exec(await out('learner/short/handout.html'))?.[0] ?? ''
  const font = createRequire(path.join(KIT, 'package.json')).resolve('@fontsource/inter/files/inter-latin-400-normal.woff2')
  const otherFont = createRequire(path.join(KIT, 'package.json')).resolve('@fontsource/inter/files/inter-latin-700-normal.woff2')

  beforeAll(async () => {
    root = await copyFixture('mini')
    await cp(path.join(KIT, 'templates'), path.join(root, 'templates'), { recursive: true })
    // A project font, an image outside content/ and one inside.
    await mkdir(path.join(root, 'fonts'))
    await copyFile(font, path.join(root, 'fonts/face.woff2'))
    const fontsJson = JSON.parse(await readFile(path.join(root, 'templates/theme/fonts.json'), 'utf8')) as { fonts: unknown[] }
    fontsJson.fonts.push({ family: 'Fixture Face', weight: 400, style: 'normal', file: './fonts/face.woff2' })
    await writeFile(path.join(root, 'templates/theme/fonts.json'), JSON.stringify(fontsJson, null, 2))
    await mkdir(path.join(root, 'img'))
    await writeFile(path.join(root, 'img/pic.svg'), svg('OUTSIDE-ONE'))
    await appendFile(path.join(root, 'content/modules/02-beta.md'), '\n---\n\n## Outside picture\n\n![A picture from outside content](../../img/pic.svg)\n\n<!-- Notes. -->\n')
    // A German translation of alpha, built into dist/de/.
    await writeFile(
      path.join(root, 'content/workshop.yaml'),
      (await readFile(path.join(root, 'content/workshop.yaml'), 'utf8')).replace('language: en-GB\n', 'language: en-GB\nlanguages: [en-GB, de]\n'),
    )
    await writeFile(
      path.join(root, 'content/modules/01-alpha.de.md'),
      '---\ntitle: Alpha auf Deutsch\n---\n\n## ALPHA-DE eins\n\n<!-- Notizen. -->\n\n---\n\n## Zwei\n\n<!-- Notizen. -->\n\n---\n\n## Drei\n\n<!-- Notizen. -->\n',
    )
    options = { root, out: path.join(root, 'dist'), editions: [], formats: ['html'] }
    await build(options)
    expect((await build(options)).upToDate).toBe(true)
  })

  const cases: [string, () => Promise<void>, () => Promise<boolean>][] = [
    ['a module', () => edit('content/modules/01-alpha.md', 'ALPHA-LAST slide', 'ALPHA-LAST-EDITED slide'), async () => (await out('instructor/short/slides.md')).includes('ALPHA-LAST-EDITED')],
    ['an exercise', () => edit('exercises/01-first-lab.md', 'Learn lab 1.', 'Learn lab 1, edited.'), async () => (await out('learner/long/exercises/first-lab.html')).includes('Learn lab 1, edited.')],
    [
      'a quiz',
      () => edit('content/quiz/quiz.yaml', 'Which module comes first?', 'Which module opens the day?'),
      async () => (await out('learner/long/quiz.html')).includes('Which module opens the day?'),
    ],
    ['the glossary', () => edit('content/glossary.yaml', 'The last letter here.', 'The final letter.'), async () => (await out('learner/long/handout.html')).includes('The final letter.')],
    ['workshop.yaml', () => edit('content/workshop.yaml', 'title: Fixture workshop', 'title: Renamed workshop'), async () => (await out('learner/short/index.html')).includes('Renamed workshop')],
    [
      'a template',
      () => edit('templates/quiz.hbs', '{{t "quiz.instructions"}}', 'TEMPLATE-EDIT: {{t "quiz.instructions"}}'),
      async () => (await out('learner/long/quiz.html')).includes('TEMPLATE-EDIT'),
    ],
    [
      'a message catalogue',
      () => edit('templates/i18n/en.yaml', 'heading: Agenda', 'heading: CATALOGUE-EDIT'),
      async () => (await out('learner/long/handout.html')).includes('<h2>CATALOGUE-EDIT</h2>'),
    ],
    [
      'a partial',
      () => edit('templates/partials/head.hbs', '</style>', '.partial-edit{color:red}</style>'),
      async () => (await out('instructor/long/guide.html')).includes('.partial-edit{color:red}'),
    ],
    [
      'the theme CSS',
      () => edit('templates/theme/kit.css', /\/\* @theme kit \*\//, '/* @theme kit */\n.theme-edit { color: red; }'),
      async () => (await out('instructor/short/slides.html')).includes('.theme-edit'),
    ],
    [
      'a font file',
      async () => {
        fixtureFace = await embeddedFace()
        await copyFile(otherFont, path.join(root, 'fonts/face.woff2'))
      },
      // The face is embedded subset to the characters used: its data changes with the file.
      async () => (await embeddedFace()) !== '' && (await embeddedFace()) !== fixtureFace,
    ],
    ['an image inside content/', () => writeFile(path.join(root, 'content/assets/box.svg'), svg('INSIDE-TWO')), async () => (await out('instructor/short/assets/box.svg')).includes('INSIDE-TWO')],
    ['an image outside content/', () => writeFile(path.join(root, 'img/pic.svg'), svg('OUTSIDE-TWO')), async () => (await out('instructor/short/assets/_/img/pic.svg')).includes('OUTSIDE-TWO')],
    [
      'lab-results.json',
      () => writeFile(path.join(root, 'lab-results.json'), labResults()),
      async () => !(await out('instructor/long/exercises/first-lab.instructor.html')).includes('Never verified'),
    ],
    ['a translation', () => edit('content/modules/01-alpha.de.md', 'ALPHA-DE eins', 'ALPHA-DE-EDITED eins'), async () => (await out('instructor/de/short/slides.md')).includes('ALPHA-DE-EDITED')],
    [
      'a new translation file',
      () => writeFile(path.join(root, 'content/glossary.de.yaml'), '- { term: Zeta, definition: GLOSSAR-DE letzter Buchstabe. }\n'),
      async () => (await out('learner/de/short/handout.html')).includes('GLOSSAR-DE') && !(await out('learner/short/handout.html')).includes('GLOSSAR-DE'),
    ],
    [
      'a new module file',
      () => writeFile(path.join(root, 'content/modules/03-gamma.md'), '---\nid: gamma\ntitle: Gamma\n---\n\n## Gamma\n\n<!-- Notes. -->\n'),
      async () => (await out('learner/short/index.html')).length > 0,
    ],
  ]

  it.each(cases)('rebuilds when %s changes, and the output shows it', async (_name, change, shows) => {
    await change()
    const next = await build(options)
    expect(next.upToDate).toBeUndefined()
    expect(await shows()).toBe(true)
    expect((await build(options)).upToDate).toBe(true)
  })
})

function svg(label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><title>${label}</title><rect width="40" height="20"/></svg>\n`
}

function labResults(): string {
  const step = { title: '1. Run a command', line: 20, status: 'pass', seconds: 0.1 }
  return JSON.stringify({ version: 1, exercises: { 'first-lab': { title: 'Lab number 1', hash: 'x', verifiedAt: '2026-11-30T10:00:00Z', host: 'test', runtime: 'linux', steps: [step] } } })
}
