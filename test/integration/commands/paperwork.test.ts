import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { appendFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { initProject } from '../../../src/commands/init.ts'
import { build } from '../../../src/commands/build.ts'
import { runChecks } from '../../../src/commands/check/check.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { pdfFonts, pdfText } from '../../helpers/pdf.ts'
import { copyFixture, FIXTURES, loadFixture } from '../../helpers/project.ts'
import { publishedTexts } from '../../helpers/published.ts'
import { readGift, readMoodleXml } from '../../helpers/quiz-formats.ts'

/**
 * The paperwork of a training, built from the mini fixture with a roster
 * of names in three scripts and a session's results, read back: PDFs
 * through pdftotext and pdffonts, the quiz exports through parsers of
 * Moodle's formats. A roster is personal data: no name may reach the
 * learner set, a manifest, the cache or the up-to-date record.
 */
const THREE = path.join(FIXTURES, 'rosters/three.roster.csv')
const FORTY = path.join(FIXTURES, 'rosters/forty.roster.csv')
const NAMES = ['山田 花子', 'Иван Петров', 'فلان الفلاني']

const QUIZ = `- id: q-alpha
  module: alpha
  question: Which module comes first?
  choices: [Alpha, Beta]
  answer: Alpha
  explanation: Alpha is listed first.
  when: both
- id: q-beta
  module: beta
  question: What is beta?
  answer: The second module.
  explanation: It follows alpha.
  when: after
- id: q-special
  module: beta
  question: "Which is \`{a = b}\` in GIFT: ~tilde #hash?"
  choices: ["a ~ b", "x {y} : z # w"]
  answer: "x {y} : z # w"
  explanation: "Specials ~ = # { } : are escaped."
  when: before
`

/** Text of a PDF with the spaces and direction marks pdftotext puts into Arabic taken out. */
const squeezed = (text: string) => text.replace(/[\s\u200e\u200f\u202a-\u202e]/g, '')

/** Every file below `dir` whose bytes, or whose text when it is a PDF, contain one of `needles`. */
function filesContaining(dir: string, needles: string[]): string[] {
  if (!existsSync(dir)) return []
  const hits: string[] = []
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name)
      if (statSync(file).isDirectory()) walk(file)
      else {
        const bytes = readFileSync(file)
        const text = bytes.subarray(0, 5).toString() === '%PDF-' ? execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }) : bytes.toString('utf8')
        if (needles.some((n) => text.includes(n) || squeezed(text).includes(squeezed(n)))) hits.push(path.relative(dir, file))
      }
    }
  }
  walk(dir)
  return hits
}

async function pages(file: string): Promise<number> {
  return (await PDFDocument.load(await readFile(file))).getPageCount()
}

describe('the paperwork of a training', async () => {
  const browser = await browserForTests()
  const formats = browser ? (['html', 'pdf'] as const) : (['html'] as const)
  let root: string
  let out: string
  let results: string

  beforeAll(async () => {
    root = await copyFixture('mini')
    await writeFile(path.join(root, 'content/quiz/quiz.yaml'), QUIZ)
    await appendFile(path.join(root, 'content/workshop.yaml'), '\nbrand:\n  organisation: Example Training Ltd\n  logo: content/assets/box.svg\n')
    results = await mkdtemp(path.join(tmpdir(), 'kit-results-'))
    await writeFile(path.join(results, 'before.csv'), 'name,q-alpha,q-special\n山田 花子,B,A\nИван Петров,A,B\nفلان الفلاني,,\n')
    await writeFile(path.join(results, 'after.csv'), 'name,q-alpha,q-beta\n山田 花子,A,the second module.\nИван Петров,A,\nفلان الفلاني,A,The second module.\n')
    await writeFile(path.join(results, 'satisfaction.csv'), 'overall,pace,recommend,comments\n5,2,yes,Clear and useful\n4,3,no,\n')
    // Иван Петров did not sign: no certificate for him.
    await writeFile(path.join(results, 'attendance.csv'), 'name,morning\n山田 花子,x\nИван Петров,\nفلان الفلاني,x\n')
    out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-paperwork-')), 'dist')
    await build({ root, out, editions: ['long'], formats: [...formats], roster: THREE, results })
  }, 600_000)

  const instructor = (file: string) => path.join(out, 'instructor/long', file)

  it('writes each document in its set: the survey for learners, everything else for instructors', () => {
    for (const file of ['attendance', 'positioning-test', 'positioning-test-key', 'evaluation', 'evaluation-key', 'certificates', 'session-report']) {
      expect(existsSync(instructor(`${file}.html`)), file).toBe(true)
      expect(existsSync(path.join(out, 'learner/long', `${file}.html`)), file).toBe(false)
    }
    for (const file of ['quiz.gift.txt', 'quiz.moodle.xml']) expect(existsSync(instructor(file)), file).toBe(true)
    expect(existsSync(path.join(out, 'learner/long/satisfaction.html'))).toBe(true)
  })

  it('the attendance sheet names each learner, in any script, with embedded fonts, and a signature box per half-day', async () => {
    const html = await readFile(instructor('attendance.html'), 'utf8')
    expect(html.match(/<td class="signature"><\/td>/g)).toHaveLength(NAMES.length + 1)
    if (!browser) return
    const text = pdfText(instructor('attendance.pdf'))
    for (const name of NAMES) expect(squeezed(text)).toContain(squeezed(name))
    expect(text).toContain('Attendance sheet'.toUpperCase())
    expect(text).toMatch(/Morning\s+11:30–12:35/)
    expect(text).toContain('15 January 2026')
    expect(text).toContain('Room 1')
    expect(text).toContain('Trainer’s signature')
    const fonts = pdfFonts(instructor('attendance.pdf'))
    for (const family of ['NotoSansJP', 'NotoSansArabic', 'Inter'])
      expect(
        fonts.some((f) => f.name.includes(family) && f.embedded && f.subset),
        family,
      ).toBe(true)
  })

  it('certificates: one PDF per learner who attended, and all of them merged, each with name, number, hours, objectives, trainer and brand', async () => {
    const files = readdirSync(instructor('certificates')).sort()
    expect(files).toEqual(['LONG-20260115-001.pdf', 'LONG-20260115-003.pdf'].filter(() => browser))
    if (!browser) return
    expect(await pages(instructor('certificates.pdf'))).toBe(2)
    const first = pdfText(instructor('certificates/LONG-20260115-001.pdf'))
    expect(await pages(instructor('certificates/LONG-20260115-001.pdf'))).toBe(1)
    expect(squeezed(first)).toContain(squeezed('山田 花子'))
    expect(first).not.toContain('Иван')
    // The heading is letter-spaced, which pdftotext reads as separate letters.
    expect(squeezed(first)).toContain('CERTIFICATEOFCOMPLETION')
    for (const words of ['Fixture workshop', 'Certificate no. LONG-20260115-001', 'Training time: 1 h 5 min', 'Explain alpha', 'Ada Tester', 'Example Training Ltd']) expect(first).toContain(words)
    expect(squeezed(pdfText(instructor('certificates/LONG-20260115-003.pdf')))).toContain(squeezed('فلان الفلاني'))
  })

  it('the tests print the questions asked before and after; the keys their answers and the CSV columns', async () => {
    const before = await readFile(instructor('positioning-test.html'), 'utf8')
    expect(before).toContain('Which module comes first?')
    expect(before).not.toContain('What is beta?')
    expect(before).not.toContain('Alpha is listed first.')
    const key = await readFile(instructor('evaluation-key.html'), 'utf8')
    expect(key).toContain('<code>q-beta</code>')
    expect(key).toContain('The second module.')
  })

  it('the session report gives attendance, the gain per objective for the group and each learner, and the survey summarised', async () => {
    const html = await readFile(instructor('session-report.html'), 'utf8')
    // Alpha: before 山田 0, Иван 100, فلان 0 → after all 100; group of three: 33 % → 100 %, +67.
    expect(html).toMatch(/Explain alpha<\/td><td class="num">33%<\/td><td class="num">100%<\/td><td class="num">\+67 pts/)
    expect(html).toContain('3 learners took both tests.')
    expect(html).toContain('2 forms returned.')
    expect(html).toContain('mean 4.5 out of 5')
    expect(html).toContain('Clear and useful')
    expect(html).toContain('2 of 3')
  })

  it('the quiz exports read back as the edition’s questions (GIFT and Moodle XML)', async () => {
    const project = await loadFixture(root)
    const quiz = project.content.quiz
    for (const read of [readGift(await readFile(instructor('quiz.gift.txt'), 'utf8')), readMoodleXml(await readFile(instructor('quiz.moodle.xml'), 'utf8'))]) {
      expect(read.map((q) => q.name)).toEqual(quiz.map((q) => q.id))
      expect(read.map((q) => q.answers.filter((a) => a.fraction === 100).map((a) => a.text.replace(/<[^>]+>/g, '')))).toEqual(quiz.map((q) => [q.answer]))
    }
    expect(readGift(await readFile(instructor('quiz.gift.txt'), 'utf8'))[2]?.text).toBe('Which is `{a = b}` in GIFT: ~tilde #hash?')
  })

  it('no name from the roster reaches the learner set, a manifest, .kit-cache or the up-to-date record', async () => {
    const needles = [...NAMES, 'hanako@example.org', 'Пример ООО']
    const learner = await publishedTexts(path.join(out, 'learner'))
    expect([...learner].filter(([, text]) => needles.some((n) => text.includes(n) || squeezed(text).includes(squeezed(n)))).map(([f]) => f)).toEqual([])
    const manifests = [path.join(out, 'learner/long/manifest.json'), path.join(out, 'instructor/long/manifest.json')]
    for (const file of manifests)
      expect(
        needles.filter((n) => readFileSync(file, 'utf8').includes(n)),
        file,
      ).toEqual([])
    expect(readFileSync(manifests[1] ?? '', 'utf8')).not.toContain('roster')
    expect(filesContaining(path.join(root, '.kit-cache'), needles)).toEqual([])
    // A build with a roster leaves no record to be found up to date (the record lists files and warnings).
    expect(existsSync(path.join(root, '.kit-cache/builds'))).toBe(false)
    // …and the names are in the instructor set, where they belong (so the search above could have found them).
    expect(filesContaining(path.join(out, 'instructor'), needles).length).toBeGreaterThan(2)
  })

  it('a 40-name roster: attendance over several pages with every name, 40 certificates of one page each', async () => {
    if (!browser) return
    const forty = path.join(path.dirname(out), 'forty')
    await build({ root, out: forty, editions: ['long'], formats: ['html', 'pdf'], roster: FORTY })
    const dir = path.join(forty, 'instructor/long')
    expect(readdirSync(path.join(dir, 'certificates'))).toHaveLength(40)
    expect(await pages(path.join(dir, 'certificates.pdf'))).toBe(40)
    expect(await pages(path.join(dir, 'certificates/LONG-20260115-040.pdf'))).toBe(1)
    const attendance = pdfText(path.join(dir, 'attendance.pdf'))
    expect(await pages(path.join(dir, 'attendance.pdf'))).toBeGreaterThanOrEqual(3)
    for (const name of ['Alex Exemple', 'Jo "JJ" Quote, Jr.', 'Jonas Sample-Rowe N.']) expect(attendance).toContain(name)
    // A long name wraps inside its cell, and pdftotext interleaves the row's cells: its two lines are there.
    for (const part of ['Maximilian-Alexander von Mustermann-', 'Beispielhausen']) expect(attendance).toContain(part)
    expect(existsSync(path.join(dir, 'session-report.html'))).toBe(false)
  }, 600_000)

  it('without a roster: blank rows to fill in, one certificate with a line for the name', async () => {
    const plain = path.join(path.dirname(out), 'plain')
    await build({ root, out: plain, editions: ['long'], formats: ['html'] })
    const attendance = await readFile(path.join(plain, 'instructor/long/attendance.html'), 'utf8')
    expect(attendance.match(/<td class="name"><\/td>/g)).toHaveLength(16)
    expect(attendance).toContain('Write each learner’s name in a row.')
    const certificates = await readFile(path.join(plain, 'instructor/long/certificates.html'), 'utf8')
    expect(certificates.match(/class="certificate /g)).toHaveLength(1)
    expect(certificates).toContain('blank-name')
  }, 300_000)

  it('kit check --roster --results: the pages with names pass axe; bad rows are problems at their line', async () => {
    const bad = path.join(path.dirname(out), 'bad.csv')
    await writeFile(bad, 'name,email\nAda,a@example.org\n,b@example.org\nada,c@example.org\n')
    const checked = await runChecks(root, { browser: false, session: { roster: bad } })
    expect(checked.problems.errors.map((p) => [p.code, p.location?.line])).toEqual([
      ['KIT_ROSTER_NAME', 3],
      ['KIT_ROSTER_DUPLICATE', 4],
    ])
    if (!browser) return
    const full = await runChecks(root, { browser: true, session: { roster: THREE, results, editions: ['long'] } })
    expect(full.problems.errors).toEqual([])
    expect(full.pagesChecked).toBeGreaterThan(10)
    // The pages with names are checked anew every time, never cached (both editions' attendance sheet and certificates, the long one's session report); the others are.
    const again = await runChecks(root, { browser: true, session: { roster: THREE, results, editions: ['long'] } })
    expect(again.axe.pages).toEqual({ checked: 5, cached: full.axe.pages.checked - 5 })
    expect(filesContaining(path.join(root, '.kit-cache'), [...NAMES, 'hanako@example.org'])).toEqual([])
  }, 600_000)

  it('prints in the workshop’s language: a French workshop gets French documents (no-break spaces before colons)', async () => {
    const french = await copyFixture('mini')
    const yaml = await readFile(path.join(french, 'content/workshop.yaml'), 'utf8')
    await writeFile(path.join(french, 'content/workshop.yaml'), yaml.replace('language: en-GB', 'language: fr'))
    const dist = path.join(french, 'dist')
    await build({ root: french, out: dist, editions: ['long'], formats: ['html'], roster: THREE })
    const page = (file: string) => readFile(path.join(dist, file), 'utf8')
    expect(await page('instructor/long/attendance.html')).toContain('Feuille d’émargement')
    expect(await page('instructor/long/attendance.html')).toContain('Matin')
    expect(await page('instructor/long/certificates.html')).toContain('Attestation de fin de formation')
    // French sets a no-break space before the colon, and inside durations.
    expect(await page('instructor/long/certificates.html')).toContain('Durée\u00a0: 1\u00a0h\u00a05\u00a0min')
    expect(await page('learner/long/satisfaction.html')).toContain('Questionnaire de satisfaction')
    expect(await page('instructor/long/index.html')).toContain('Quiz pour Moodle')
  }, 300_000)

  it('kit init’s .gitignore keeps rosters, results and live sessions out of the repository', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kit-init-'))
    await mkdir(dir, { recursive: true })
    await initProject(dir, { title: 'Private' })
    const ignore = await readFile(path.join(dir, '.gitignore'), 'utf8')
    for (const line of ['rosters/', '*.roster.csv', 'results/', '.kit-live/']) expect(ignore.split('\n')).toContain(line)
  })
})
