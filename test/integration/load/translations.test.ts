import { existsSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { runChecks } from '../../../src/commands/check/check.ts'
import type { Problem } from '../../../src/core/problems.ts'
import { loadProject } from '../../../src/load/project.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { kit } from '../../helpers/cli.ts'
import { pdfInfo, pdfText } from '../../helpers/pdf.ts'
import { copyFixture } from '../../helpers/project.ts'

const browser = await browserForTests()

/** The `translated` fixture: mini in en-GB and de; alpha, both labs' first, the quiz, glossary and workshop text translated and marked. */
async function fixture(): Promise<string> {
  return copyFixture('translated')
}

async function edit(root: string, file: string, from: string | RegExp, to: string): Promise<void> {
  const full = path.join(root, file)
  const text = await readFile(full, 'utf8')
  const next = text.replace(from, to)
  expect(next, `${file} contains ${from}`).not.toBe(text)
  await writeFile(full, next)
}

async function check(root: string): Promise<Problem[]> {
  return (await runChecks(root, { browser: false })).problems.list
}

/** The 1-based line of the first line of `file` equal to `text`, after line `after`. */
async function lineOf(root: string, file: string, text: string, after = 0): Promise<number> {
  const lines = (await readFile(path.join(root, file), 'utf8')).split('\n')
  const index = lines.findIndex((l, i) => i >= after && l === text)
  expect(index, `${file} has the line ${text}`).toBeGreaterThanOrEqual(0)
  return index + 1
}

describe('translations beside their sources', () => {
  it('pairs each translation with its source: no second module, no duplicate id, the source keys', async () => {
    const { project, problems } = await loadProject(await fixture())
    expect(problems.list.filter((p) => p.code.startsWith('KIT_TRANSLATION') || p.code === 'KIT_DUPLICATE_ID')).toEqual([])
    expect(project?.content.modules.map((m) => m.id)).toEqual(['alpha', 'beta'])
    expect(project?.content.exercises.map((e) => e.id)).toEqual(['first-lab', 'second-lab'])
    const de = project?.content.translations?.packs.get('de')
    const alpha = de?.modules.get('alpha')
    expect(alpha).toMatchObject({ id: 'alpha', title: 'Modul Alpha', duration: 10, file: 'content/modules/01-alpha.de.md', objectives: ['Alpha erklären', 'Alpha ausführen'] })
    expect(alpha?.directives).toMatchObject({ footer: 'Alpha auf Deutsch', header: 'Alpha header', paginate: true })
    expect(de?.exercises.get('first-lab')).toMatchObject({ id: 'first-lab', title: 'Übung Nummer 1', duration: 15, level: 'beginner', modules: ['alpha'] })
    // Its headings are German; each section takes its name from the source's section at the same position.
    expect(de?.exercises.get('first-lab')?.sections.map((x) => x.name)).toEqual(project?.content.exercises[0]?.sections.map((x) => x.name))
    expect(de?.exercises.get('first-lab')?.sections[0]?.markdown).toBe('Übung 1 lernen.')
    expect(de?.quiz.get('q-alpha')).toMatchObject({ module: 'alpha', question: 'Welches Modul kommt zuerst?', answer: 'Alpha' })
  })

  it('builds the German edition into learner/de/<edition>/ and instructor/de/<edition>/ next to the English one, with a language switch and a visible note on what falls back', async () => {
    const root = await fixture()
    const out = path.join(root, 'dist')
    const result = await build({ root, out, editions: [], formats: ['html'] })
    // workshop.de.yaml names only the short edition: German builds that one.
    expect(result.editions.map((e) => e.id)).toEqual(['learner/short', 'instructor/short', 'learner/long', 'instructor/long', 'learner/de/short', 'instructor/de/short'])
    const read = (file: string) => readFile(path.join(out, file), 'utf8')
    expect(existsSync(path.join(out, 'learner/de/long'))).toBe(false)
    for (const file of ['learner/de/short.zip', 'learner/de/short/manifest.json', 'learner/de/index.html', 'instructor/de/index.html', 'instructor/short/slides.md', 'learner/short.zip'])
      expect(existsSync(path.join(out, file)), file).toBe(true)
    const zip = await JSZip.loadAsync(await readFile(path.join(out, 'learner/de/short.zip')))
    expect(Object.keys(zip.files)).toContain('de-short/handout.html')
    expect(await zip.file('de-short/handout.html')?.async('string')).toContain('Der erste Buchstabe.')
    const instructorZip = await JSZip.loadAsync(await readFile(path.join(out, 'instructor/de/short.zip')))
    expect(await instructorZip.file('de-short-instructor/slides.md')?.async('string')).toContain('ALPHA-ERSTE Folie')
    const slides = await read('instructor/de/short/slides.md')
    expect(slides).toContain('ALPHA-ERSTE Folie')
    expect(slides).toContain('Letzte Alpha-Notizen.')
    expect(slides).not.toContain('ALPHA-FIRST slide')
    // beta has no translation: it stands in, in English.
    expect(slides).toContain('BETA-FIRST heading')
    expect(await read('instructor/short/slides.md')).toContain('ALPHA-FIRST slide')
    expect(await read('learner/de/short/quiz.html')).toContain('Welches Modul kommt zuerst?')
    expect(await read('learner/de/short/handout.html')).toContain('Der erste Buchstabe.')
    const landing = await read('learner/de/short/index.html')
    expect(landing).toContain('<html lang="de"')
    expect(landing).toContain('Workshop der Vorlage')
    expect(landing).toMatch(/<a href="\.\.\/\.\.\/short\/index\.html" lang="en-GB"[^>]*>British English<\/a>/)
    expect(landing).toContain('<strong lang="de" aria-current="page">Deutsch</strong>')
    const note = /<aside class="untranslated">([\s\S]*?)<\/aside>/.exec(landing)?.[1] ?? ''
    // In the page's language, naming what stands in and in which language.
    expect(note).toContain('Noch nicht übersetzt, hier auf Englisch:')
    expect(note).toMatch(/Modul: [^<]+ \(<code>content\/modules\/02-beta\.md<\/code>\)/)
    expect(note).not.toContain('01-alpha')
    // The English pages link to the German ones; long has no German edition, so its switch leads to the German home page.
    expect(await read('learner/short/index.html')).toContain('href="../de/short/index.html"')
    expect(await read('learner/long/index.html')).toContain('href="../de/index.html"')
    expect(await read('learner/short/index.html')).not.toContain('class="untranslated"')
    expect(await read('learner/index.html')).toContain('href="de/index.html"')
    expect(await read('index.html')).toContain('href="learner/de/short/index.html"')
    expect(await read('learner/de/index.html')).toContain('Kurz')
    // --lang de rebuilds German only; the English editions stay as they were.
    const english = await read('instructor/short/slides.md')
    const german = await build({ root, out, editions: [], formats: ['html'], languages: ['de'] })
    expect(german.editions.map((e) => e.id)).toEqual(['learner/de/short', 'instructor/de/short'])
    expect(await read('instructor/short/slides.md')).toBe(english)
    expect(await read('index.html')).toContain('href="learner/short/index.html"')
  })

  it('kit build --lang: a language workshop.yaml does not build, or an edition it does not have, is a usage error', async () => {
    const root = await fixture()
    const french = await kit(['build', '--root', root, '--lang', 'fr', '--formats', 'html'])
    expect(french.code).toBe(2)
    expect(french.stderr).toContain('error KIT_UNKNOWN_LANGUAGE')
    expect(french.stderr).toContain('Languages in workshop.yaml: en-GB, de.')
    const long = await kit(['build', '--root', root, '--lang', 'de', '--edition', 'long', '--formats', 'html'])
    expect(long.code).toBe(2)
    expect(long.stderr).toContain('Nothing to build: no edition named long is built in de.')
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })

  it.skipIf(!browser)('prints the German slides and handout as German PDFs', async () => {
    const root = await fixture()
    const out = path.join(root, 'dist')
    await build({ root, out, editions: ['short'], formats: ['html', 'pdf'], languages: ['de'] })
    expect(pdfText(path.join(out, 'instructor/de/short/slides.pdf'))).toContain('ALPHA-ERSTE Folie')
    expect(pdfInfo(path.join(out, 'instructor/de/short/slides.pdf')).Title).toContain('Workshop der Vorlage')
    expect(pdfText(path.join(out, 'learner/de/short/handout.pdf'))).toContain('Der erste Buchstabe.')
  })

  it('kit translate --mark writes the hash and a copy of the source, and changes nothing else in the file', async () => {
    const root = await fixture()
    const file = 'content/modules/01-alpha.de.md'
    const marked = await readFile(path.join(root, file), 'utf8')
    const unmarked = marked.replace(/^translated-from: .*\n/m, '')
    await writeFile(path.join(root, file), unmarked)
    await rm(path.join(root, 'translated-from'), { recursive: true })
    expect((await check(root)).filter((p) => p.code === 'KIT_TRANSLATION_NOT_MARKED').map((p) => p.location?.file)).toEqual([file])
    const run = await kit(['translate', '--root', root, '--mark', 'de', path.join(root, file)])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`marked ${file} (sha256:`)
    const after = await readFile(path.join(root, file), 'utf8')
    // Exactly one line more: the mark, as the front matter's last line.
    const added = after.split('\n').filter((line, i) => line !== unmarked.split('\n')[i])
    expect(after.split('\n')).toHaveLength(unmarked.split('\n').length + 1)
    expect(added[0]).toMatch(/^translated-from: sha256:[0-9a-f]{16}$/)
    expect(after.replace(/^translated-from: .*\n/m, '')).toBe(unmarked)
    expect(after).toBe(marked)
    // The copy is the source as the translation follows it: its text, without the keys a translation takes from it.
    const copy = await readFile(path.join(root, 'translated-from/de/content/modules/01-alpha.md'), 'utf8')
    const source = await readFile(path.join(root, 'content/modules/01-alpha.md'), 'utf8')
    expect(copy.slice(copy.indexOf('\n## ALPHA-FIRST slide'))).toBe(source.slice(source.indexOf('\n## ALPHA-FIRST slide')))
    expect(copy).toContain('title: Alpha module')
    expect(copy).not.toMatch(/^(duration|sources):/m)
    // Only that file was named: the others were not marked again (their copies are gone with the folder).
    expect(existsSync(path.join(root, 'translated-from/de/content/quiz/quiz.yaml'))).toBe(false)
    expect((await check(root)).filter((p) => p.code.startsWith('KIT_TRANSLATION_') && p.location?.file === file)).toEqual([])
  })

  it('editing one English slide makes kit check report the German file stale at that slide, with the diff', async () => {
    const root = await fixture()
    expect((await check(root)).filter((p) => p.code.startsWith('KIT_TRANSLATION'))).toEqual([])
    await edit(root, 'content/modules/01-alpha.md', 'echo hello', 'echo hello world')
    const stale = (await check(root)).filter((p) => p.code === 'KIT_TRANSLATION_STALE')
    expect(stale).toHaveLength(1)
    const problem = stale[0]
    // Slide 3 of the translation starts at its second `---` after the front matter.
    const secondBreak = await lineOf(root, 'content/modules/01-alpha.de.md', '---', (await lineOf(root, 'content/modules/01-alpha.de.md', '## Alpha in der Mitte')) - 1)
    expect(problem?.location).toEqual({ file: 'content/modules/01-alpha.de.md', line: secondBreak, column: 1 })
    expect(problem?.message).toContain('(slide 3)')
    expect(problem?.hint).toContain('slide 3 changed:')
    expect(problem?.hint).toContain('- echo hello\n')
    expect(problem?.hint).toContain('+ echo hello world')
    expect(problem?.hint).toContain('kit translate --mark de content/modules/01-alpha.de.md')
    // The same report from the command line, in its exit code and text.
    const cli = await kit(['check', '--root', root, '--no-browser'])
    expect(cli.stderr).toContain(`warning KIT_TRANSLATION_STALE content/modules/01-alpha.de.md:${secondBreak}:1`)
    // Without the kept copy it is still stale, without the diff.
    await rm(path.join(root, 'translated-from/de/content/modules/01-alpha.md'))
    const bare = (await check(root)).find((p) => p.code === 'KIT_TRANSLATION_STALE')
    expect(bare?.location).toEqual({ file: 'content/modules/01-alpha.de.md', line: 1, column: 1 })
    expect(bare?.hint).toContain('No copy of the marked source')
  })

  it('a translation with another slide count is a warning at the first slide whose structure differs', async () => {
    const root = await fixture()
    // The middle slide (a heading only) is left out: slide 2 of the translation is the code slide.
    await edit(root, 'content/modules/01-alpha.de.md', /---\n\n<!-- _class: lead -->\n\n## Alpha in der Mitte\n\n<!-- Notizen zur Mitte. -->\n\n/, '')
    const problem = (await check(root)).find((p) => p.code === 'KIT_TRANSLATION_SLIDES')
    const line = await lineOf(root, 'content/modules/01-alpha.de.md', '---', await lineOf(root, 'content/modules/01-alpha.de.md', '- zwei'))
    expect(problem?.location).toEqual({ file: 'content/modules/01-alpha.de.md', line, column: 1 })
    expect(problem?.message).toContain('has 2 slides, content/modules/01-alpha.md has 3; they part at slide 2 (source: h2; translation: h2 code)')
  })

  it('kit list --translations shows each file in each language: up to date, stale, not marked, missing, not used', async () => {
    const root = await fixture()
    await edit(root, 'content/quiz/quiz.yaml', 'What is beta?', 'What is the beta module?')
    await edit(root, 'content/glossary.de.yaml', /^# translated-from: .*\n/, '')
    const run = await kit(['list', '--root', root, '--translations'])
    expect(run.code).toBe(0)
    const rows = Object.fromEntries(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s{2,}/)),
    )
    expect(rows).toEqual({
      source: 'de',
      'content/glossary.yaml': 'not marked',
      'content/modules/01-alpha.md': 'up to date',
      'content/modules/02-beta.md': 'missing',
      'content/quiz/quiz.yaml': 'stale (1 changed)',
      'content/workshop.yaml': 'up to date',
      'exercises/01-first-lab.md': 'up to date',
      // German builds only the short edition, which has no exercises.
      'exercises/02-second-lab.md': 'not used',
    })
  })

  it('reports keys a translation must not set, unknown editions and questions, orphans and a languages list without the source language', async () => {
    const root = await fixture()
    await edit(root, 'content/modules/01-alpha.de.md', 'title: Modul Alpha\n', 'title: Modul Alpha\nduration: 99\n')
    await edit(root, 'content/workshop.de.yaml', '  short: { title: Kurz }', '  shrot: { title: Kurz }\nvenu: Raum 2')
    await edit(root, 'content/quiz/quiz.de.yaml', '- id: q-beta', '- id: q-gamma')
    await writeFile(path.join(root, 'content/modules/03-gamma.de.md'), '## Gamma\n')
    await edit(root, 'content/quiz/quiz.de.yaml', 'answer: A', 'answer: Beta')
    await edit(root, 'exercises/01-first-lab.de.md', /## Bevor Sie beginnen\n\nEine Shell öffnen.\n\n/, '')
    const problems = await check(root)
    const at = (code: string) => problems.filter((p) => p.code === code).map((p) => `${p.location?.file}:${p.location?.line}`)
    expect(at('KIT_TRANSLATION_KEY')).toEqual([`content/modules/01-alpha.de.md:${await lineOf(root, 'content/modules/01-alpha.de.md', 'duration: 99')}`])
    expect(problems.find((p) => p.code === 'KIT_TRANSLATION_KEY')?.message).toContain('sets `duration` to 99, but content/modules/01-alpha.md says 10')
    expect(at('KIT_TRANSLATION_EDITION')).toEqual([`content/workshop.de.yaml:${await lineOf(root, 'content/workshop.de.yaml', '  shrot: { title: Kurz }')}`])
    expect(problems.find((p) => p.code === 'KIT_TRANSLATION_EDITION')?.message).toContain('did you mean "short"?')
    expect(at('KIT_UNKNOWN_KEY')).toContain(`content/workshop.de.yaml:${await lineOf(root, 'content/workshop.de.yaml', 'venu: Raum 2')}`)
    // q-gamma is extra (at the translation's entry), q-beta is missing (at the source's entry).
    expect(at('KIT_TRANSLATION_QUIZ').sort()).toEqual(['content/quiz/quiz.de.yaml:5', 'content/quiz/quiz.de.yaml:7', 'content/quiz/quiz.yaml:7'])
    expect(problems.find((p) => p.location?.line === 5 && p.code === 'KIT_TRANSLATION_QUIZ')?.message).toContain('gives choice B as its answer; content/quiz/quiz.yaml gives choice A')
    // One section fewer: the German headings can no longer be named by position; reported where the code blocks stop matching.
    expect(at('KIT_TRANSLATION_SLIDES')).toEqual([`exercises/01-first-lab.de.md:${await lineOf(root, 'exercises/01-first-lab.de.md', '## Schritte')}`])
    expect(problems.filter((p) => p.code === 'KIT_EXERCISE_SECTION').map((p) => p.location?.file)).toContain('exercises/01-first-lab.de.md')
    expect(at('KIT_TRANSLATION_NO_SOURCE')).toEqual(['content/modules/03-gamma.de.md:1'])
    expect(problems.filter((p) => p.code === 'KIT_DUPLICATE_ID')).toEqual([])
    await edit(root, 'content/workshop.yaml', 'languages: [en-GB, de]', 'languages: [de]')
    const errors = (await check(root)).filter((p) => p.severity === 'error')
    expect(errors.map((p) => `${p.code} ${p.location?.file}:${p.location?.line}`)).toContain(`KIT_LANGUAGES content/workshop.yaml:${await lineOf(root, 'content/workshop.yaml', 'languages: [de]')}`)
  })

  it('a translated exercise with another number of sections is read by its headings, in German or English, and keeps its own extra section', async () => {
    const root = await fixture()
    await edit(root, 'exercises/01-first-lab.de.md', '## Bevor Sie beginnen', '## Vorbereitung')
    await edit(root, 'exercises/01-first-lab.de.md', '## Instructor notes', '## Bonus\n\nNoch eine Aufgabe.\n\n## Instructor notes')
    await edit(root, 'content/workshop.de.yaml', '  short: { title: Kurz }', '  short: { title: Kurz }\n  long: { title: Lang }')
    const problems = await check(root)
    expect(problems.filter((p) => p.code === 'KIT_TRANSLATION_SLIDES').map((p) => p.location?.file)).toEqual(['exercises/01-first-lab.de.md'])
    expect(problems.filter((p) => p.severity === 'error')).toEqual([])
    const out = path.join(root, 'dist')
    await build({ root, out, editions: ['long'], formats: ['html'], languages: ['de'], zip: false })
    const sheet = await readFile(path.join(out, 'instructor/de/long/exercises/first-lab.instructor.html'), 'utf8')
    for (const heading of ['Ziel', 'Vorbereitung', 'Ergebnis prüfen', 'Bonus', 'Hinweise für Trainer']) expect(sheet).toContain(`<h3>${heading}</h3>`)
  })

  it('an edition named like a built language is an error at its id: both would be written to dist/<lang>/', async () => {
    const root = await fixture()
    await edit(root, 'content/workshop.yaml', '- id: long', '- id: de')
    const problems = (await check(root)).filter((p) => p.code === 'KIT_LANGUAGE_FOLDER')
    expect(problems.map((p) => `${p.severity} ${p.location?.file}:${p.location?.line}`)).toEqual([`error content/workshop.yaml:${await lineOf(root, 'content/workshop.yaml', '  - id: de')}`])
  })

  it('kit check runs the authoring checks on translations too: speaker notes, images', async () => {
    const root = await fixture()
    await edit(root, 'content/modules/01-alpha.de.md', '<!-- Notizen zur Mitte. -->\n', '')
    await edit(root, 'content/modules/01-alpha.de.md', '../assets/box.svg', '../assets/box.de.svg')
    const problems = await check(root)
    const de = (code: string) => problems.filter((p) => p.code === code && p.location?.file === 'content/modules/01-alpha.de.md').map((p) => p.location?.line)
    // The middle slide, from its `---` line.
    expect(de('KIT_NO_NOTES')).toEqual([(await lineOf(root, 'content/modules/01-alpha.de.md', '<!-- _class: lead -->')) - 2])
    expect(de('KIT_MISSING_IMAGE')).toEqual([await lineOf(root, 'content/modules/01-alpha.de.md', '![Diagramm der Vorlage h:200](../assets/box.de.svg)')])
  })

  it('translations of a language not in languages are reported, not built', async () => {
    const root = await fixture()
    await edit(root, 'content/workshop.yaml', 'languages: [en-GB, de]\n', '')
    const warning = (await check(root)).find((p) => p.code === 'KIT_TRANSLATION_LANGUAGE')
    expect(warning?.message).toContain('de is not in `languages`')
    const result = await build({ root, out: path.join(root, 'dist'), editions: [], formats: ['html'] })
    expect(result.editions.map((e) => e.id)).toEqual(['learner/short', 'instructor/short', 'learner/long', 'instructor/long'])
    expect(existsSync(path.join(root, 'dist/learner/de'))).toBe(false)
  })
})
