import { browserForTests } from '../../helpers/browser.ts'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildEvent, type BuildResult } from '../../../src/commands/build.ts'
import { launchBrowser } from '../../../src/export/browser/launch.ts'
import { copyFixture } from '../../helpers/project.ts'
import { pdfFonts, pdfInfo, pdfLanguage, pdfOutline, pdfText } from '../../helpers/pdf.ts'

/**
 * Builds the "mini" fixture workshop with every format into a temp folder and
 * reads the outputs back. Needs a browser: skipped only outside CI when none
 * is installed (in CI a missing browser fails the suite).
 */
const browser = await browserForTests()
if (!browser && process.env.CI) throw new Error('CI must have a browser: install chromium or set CHROME_PATH')

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? walk(full, base) : [path.relative(base, full)]
  })
}

describe.skipIf(!browser)('full build of a fixture workshop', () => {
  let root: string
  let out: string
  let result: BuildResult
  const events: BuildEvent[] = []
  const file = (p: string) => path.join(out, p)
  const read = (p: string) => readFileSync(file(p), 'utf8')

  beforeAll(async () => {
    root = await copyFixture('mini')
    out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-out-')), 'dist')
    result = await build({ root, out, editions: [], formats: ['html', 'pdf', 'pptx'], onEvent: (e) => events.push(e) })
  })

  it('writes every artefact of every edition, each in its set', () => {
    const sets = {
      learner: ['index.html', 'slides.html', 'slides.pdf', 'handout.html', 'handout.pdf', 'quiz.html', 'quiz.pdf', 'manifest.json'],
      instructor: ['index.html', 'slides.md', 'slides.html', 'slides.pdf', 'slides.pptx', 'guide.html', 'guide.pdf', 'answer-key.html', 'answer-key.pdf', 'manifest.json'],
    }
    for (const [set, files] of Object.entries(sets)) {
      for (const edition of ['short', 'long']) {
        for (const f of files) expect(statSync(file(`${set}/${edition}/${f}`)).size, `${set}/${edition}/${f}`).toBeGreaterThan(0)
        expect(statSync(file(`${set}/${edition}.zip`)).size).toBeGreaterThan(0)
      }
    }
    for (const f of [
      'learner/long/exercises.pdf',
      'learner/long/exercises/first-lab.html',
      'learner/long/exercises/first-lab.pdf',
      'instructor/long/exercises/first-lab.instructor.html',
      'instructor/long/exercises/first-lab.instructor.pdf',
    ]) {
      expect(statSync(file(f)).size, f).toBeGreaterThan(0)
    }
    expect(read('index.html')).toContain('href="learner/long/index.html"')
    expect(read('index.html')).toContain('href="instructor/long/index.html"')
    expect(read('learner/index.html')).toContain('href="long/index.html"')
    expect(result.artefacts).toMatchObject({ cached: 0, browserLaunched: true })
    // each edition: the instructor's deck (PDF, PPTX), the learners' deck, handout, guide, quiz, answer key, attendance sheet, survey, certificate;
    // long also two sheets per exercise and the booklet; besides them, the decks' print parts
    const built = events.flatMap((e) => (e.type === 'job' && e.status === 'built' ? [e.label] : []))
    expect(built.filter((label) => !label.includes('(part ')).length).toBe(10 + 15)
    expect(result.artefacts.built).toBe(built.length)
  })

  it('prints one PDF page per slide, with each module bookmarked and its first and last slide inside', async () => {
    const md = read('instructor/long/slides.md')
    const pdf = readFileSync(file('instructor/long/slides.pdf'))
    // title + agenda + (divider + 3 slides + 2 quiz) + hands-on + lunch + (divider + 3 slides + 2 quiz) + hands-on + closing
    expect(pdfInfo(file('instructor/long/slides.pdf')).Pages).toBe('18')
    // Front matter, then 18 slides separated by rulers.
    expect(md.split(/\n---\n/).length - 1).toBe(18)
    const outline = await pdfOutline(pdf)
    expect(outline).toEqual([
      { title: 'Long', page: 0 },
      { title: 'Agenda', page: 1 },
      { title: '1. Alpha module', page: 2 },
      { title: '2. BETA-FIRST heading', page: 10 },
    ])
    expect(pdfText(file('instructor/long/slides.pdf'), 4)).toContain('ALPHA-FIRST slide')
    expect(pdfText(file('instructor/long/slides.pdf'), 6)).toContain('ALPHA-LAST slide')
    expect(pdfText(file('instructor/long/slides.pdf'), 9)).toContain('Hands-on: Lab number 1')
    expect(pdfText(file('instructor/long/slides.pdf'), 10)).toMatch(/Lunch\s+Back at 12:10/)
    expect(pdfText(file('instructor/long/slides.pdf'), 12)).toContain('BETA-FIRST heading')
    expect(pdfText(file('instructor/long/slides.pdf'), 14)).toContain('BETA-LAST heading')
    expect(pdfText(file('instructor/long/slides.pdf'), 18)).toContain('Thank you')
    // The SVG diagram is inlined with its text as vector text.
    expect(pdfText(file('instructor/long/slides.pdf'), 4)).toContain('SVG-BOX-TEXT')
  })

  it('gives every PDF title, author and language metadata and embeds its fonts', async () => {
    for (const f of [
      'instructor/long/slides.pdf',
      'learner/long/slides.pdf',
      'learner/long/handout.pdf',
      'instructor/long/guide.pdf',
      'learner/long/quiz.pdf',
      'learner/long/exercises.pdf',
      'learner/long/exercises/first-lab.pdf',
    ]) {
      const info = pdfInfo(file(f))
      expect(info.Title, f).toMatch(f.includes('/exercises/') ? /Lab number 1/ : /Fixture workshop/)
      expect(info.Author, f).toBe('Ada Tester')
      const fonts = pdfFonts(file(f))
      expect(fonts.length, f).toBeGreaterThan(0)
      expect(
        fonts.filter((x) => !x.embedded),
        f,
      ).toEqual([])
      expect(
        fonts.some((x) => x.name.includes('Inter')),
        f,
      ).toBe(true)
      expect(await pdfLanguage(readFileSync(file(f))), f).toBe('en-GB')
    }
  })

  it('keeps solutions out of every learner file and in the instructor ones', async () => {
    const markers = ['INLINE-SOLUTION-MARKER-1', 'SECTION-SOLUTION-MARKER-1', 'INSTRUCTOR-NOTE-MARKER-1']
    const learner = ['learner/long/exercises/first-lab.html', 'learner/long/handout.html', 'learner/long/quiz.html', 'learner/long/slides.html']
    for (const f of learner) for (const m of markers) expect(read(f), `${m} in ${f}`).not.toContain(m)
    for (const f of ['learner/long/exercises/first-lab.pdf', 'learner/long/exercises.pdf']) {
      for (const m of markers) expect(pdfText(file(f)), `${m} in ${f}`).not.toContain(m)
    }
    for (const m of markers) {
      expect(read('instructor/long/exercises/first-lab.instructor.html')).toContain(m)
      expect(pdfText(file('instructor/long/exercises/first-lab.instructor.pdf'))).toContain(m)
      expect(pdfText(file('instructor/long/guide.pdf')).replace(/\s+/g, '')).toContain(m)
    }
    expect(pdfText(file('learner/long/exercises/first-lab.pdf'))).toContain('lab-1')
  })

  it('lays out the handout with one vector thumbnail per module slide and no thumbnail split across pages', () => {
    const html = read('learner/long/handout.html')
    expect((html.match(/class="slide-row"/g) ?? []).length).toBe(6)
    expect((html.match(/<svg data-marpit-svg/g) ?? []).length).toBe(6)
    expect(html).not.toMatch(/<img[^>]+src="data:image\/png/)
    const text = pdfText(file('learner/long/handout.pdf'))
    for (const t of ['ALPHA-FIRST slide', 'ALPHA-LAST slide', 'BETA-LAST heading', 'Alpha is first', 'https://example.org/alpha', 'Glossary']) {
      expect(text).toContain(t)
    }
    // Glossary sorted alphabetically.
    expect(text.indexOf('The first letter')).toBeLessThan(text.indexOf('The last letter here'))
    // Each thumbnail sits on the same page as its caption: the slide's title
    // is printed twice there (inside the vector thumbnail and in the caption).
    const pages = Number(pdfInfo(file('learner/long/handout.pdf')).Pages)
    const texts = Array.from({ length: pages }, (_, i) => pdfText(file('learner/long/handout.pdf'), i + 1))
    // Both decks number their slides alike.
    for (const [n, title] of [
      [4, 'ALPHA-FIRST slide'],
      [5, 'Alpha middle'],
      [6, 'ALPHA-LAST slide'],
      [12, 'BETA-FIRST heading'],
      [14, 'BETA-LAST heading'],
    ] as const) {
      const page = texts.find((t) => t.includes(`Slide ${n} · ${title}`))
      expect(page, `caption of slide ${n}`).toBeDefined()
      expect(page!.split(title).length - 1, `thumbnail of slide ${n} on its caption's page`).toBeGreaterThanOrEqual(2)
    }
  })

  it('gives the guide clock times from the event start across the break and past noon', () => {
    const text = pdfText(file('instructor/long/guide.pdf'))
    expect(text).toMatch(/11:30–11:40\s+Alpha module/)
    expect(text).toMatch(/11:40–11:55\s+Lab number 1/)
    expect(text).toMatch(/11:55–12:10\s+Lunch/)
    expect(text).toMatch(/12:10–12:20\s+BETA-FIRST heading/)
    expect(text).toMatch(/12:20–12:35\s+Lab number 2/)
    expect(text).toContain('13 % under the target length')
    expect(text).toContain('Check the projector')
    expect(text).toContain('Notes for the first alpha slide.')
    expect(text).toMatch(/A — Alpha/)
  })

  it('zips exactly the edition folder', async () => {
    const zip = await JSZip.loadAsync(readFileSync(file('learner/long.zip')))
    const entries = Object.keys(zip.files)
      .filter((n) => !zip.files[n]!.dir)
      .map((n) => n.replace(/^long\//, ''))
      .sort()
    expect(entries).toEqual(walk(file('learner/long')).sort())
    const instructor = await JSZip.loadAsync(readFileSync(file('instructor/long.zip')))
    expect(Object.keys(instructor.files).every((n) => n.startsWith('long-instructor/'))).toBe(true)
  })

  it('lists every file in the manifest with its real hash, size and pages', () => {
    const manifest = JSON.parse(read('learner/long/manifest.json')) as { files: { path: string; bytes: number; sha256: string; pages?: number }[]; sources: unknown[]; tools: Record<string, string> }
    const onDisk = walk(file('learner/long'))
      .filter((f) => f !== 'manifest.json')
      .sort()
    expect(manifest.files.map((f) => f.path).sort()).toEqual(onDisk)
    for (const entry of manifest.files) {
      const bytes = readFileSync(file(`learner/long/${entry.path}`))
      expect(entry.bytes).toBe(bytes.byteLength)
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    }
    // The learners' deck has as many slides as the instructor's (its answers slides say the answers come in the session).
    expect(manifest.files.find((f) => f.path === 'slides.pdf')?.pages).toBe(18)
    expect(manifest.sources.length).toBeGreaterThan(5)
    expect(manifest.tools['@marp-team/marp-core']).toMatch(/^\d+\./)
  })

  it('makes a PPTX with one slide per slide and the speaker notes', async () => {
    const zip = await JSZip.loadAsync(readFileSync(file('instructor/long/slides.pptx')))
    const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    expect(slides).toHaveLength(18)
    const notes = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n))
        .map((n) => zip.file(n)!.async('string')),
    )
    expect(notes.join('')).toContain('Notes for the first alpha slide.')
    expect(notes.join('')).toContain('Beta notes three.')
  })

  it('makes slides.html self-contained with a presenter view and a strict CSP', () => {
    const html = read('instructor/long/slides.html')
    expect(html).toContain('Content-Security-Policy')
    expect(html).toContain('Notes for the first alpha slide.')
    expect(html).toMatch(/data-bespoke|bespoke/)
    expect(html).not.toMatch(/(src|href)="https?:/)
    expect(html).not.toContain('src="assets/')
    expect(html).toContain('data:image/svg+xml;base64,')
  })

  it('rebuilds nothing in the browser when nothing changed, and only what contains an edited module', async () => {
    const before = readFileSync(file('instructor/long/slides.pdf'))
    const again = await build({ root, out, editions: [], formats: ['html', 'pdf', 'pptx'] })
    expect(again.artefacts).toEqual({ built: 0, cached: result.artefacts.built, browserLaunched: false })
    expect(readFileSync(file('instructor/long/slides.pdf')).equals(before)).toBe(true)
    const cacheDir = path.join(root, '.kit-cache/artefacts')
    const shots = () => readdirSync(cacheDir).filter((n) => n.endsWith('.json') && readFileSync(path.join(cacheDir, n), 'utf8').includes('"path":"slide-')).length
    const shotsBefore = shots()
    const module = path.join(root, 'content/modules/02-beta.md')
    const events: BuildEvent[] = []
    await writeFile(module, readFileSync(module, 'utf8').replace('More text.', 'More text, edited.'))
    const edited = await build({ root, out, editions: [], formats: ['html', 'pdf', 'pptx'], onEvent: (e) => events.push(e) })
    const rebuilt = events.flatMap((e) => (e.type === 'job' && e.status === 'built' ? [e.label] : [])).sort()
    // Both decks and the handouts show the edited slide; the guide (notes only), sheets, booklet, quiz, answer key and paperwork do not.
    // Of each edition's decks, only the part with the slide is printed again (one part, the same in both decks).
    expect(rebuilt.filter((label) => !label.includes('(part '))).toEqual([
      'long/handout.pdf',
      'long/learner/slides',
      'long/slides',
      'long/slides.pptx',
      'short/handout.pdf',
      'short/learner/slides',
      'short/slides',
      'short/slides.pptx',
    ])
    expect(rebuilt.filter((label) => label.includes('(part '))).toEqual([expect.stringMatching(/^long\/slides \(part /), expect.stringMatching(/^short\/slides \(part /)])
    expect(edited.artefacts).toMatchObject({ built: 10, browserLaunched: true })
    expect(pdfText(file('instructor/long/slides.pdf'), 13)).toContain('More text, edited.')
    // The PPTX re-reads only the edited slide, once per edition (their decks differ in length, so the slide's page number differs).
    expect(shots() - shotsBefore).toBe(2)
    // A damaged cache entry is rebuilt, never trusted.
    for (const name of readdirSync(cacheDir).filter((n) => !n.endsWith('.json'))) await writeFile(path.join(cacheDir, name), 'garbage')
    const repaired = await build({ root, out, editions: ['long'], formats: ['html', 'pdf'] })
    expect(repaired.artefacts.cached).toBe(0)
    expect(pdfInfo(file('instructor/long/slides.pdf')).Pages).toBe('18')
  })

  it('runs slides.html from file:// with keyboard navigation and a presenter view, within its CSP', async () => {
    const chrome = await launchBrowser(browser!)
    try {
      const page = await chrome.newPage()
      const errors: string[] = []
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text())
      })
      page.on('pageerror', (e) => errors.push(String(e)))
      page.on('request', (r) => {
        if (!/^(file|data|about|blob):/.test(r.url())) errors.push(`request to ${r.url()}`)
      })
      await page.setViewport({ width: 1280, height: 720 })
      await page.goto(`file://${file('instructor/long/slides.html')}#3`)
      await page.keyboard.press('ArrowRight')
      await page.waitForFunction(() => location.hash === '#4')
      await page.goto(`file://${file('instructor/long/slides.html')}?view=presenter#4`)
      await page.waitForFunction(() => document.body.textContent?.includes('Notes for the first alpha slide.'))
      const frames = page.frames().map((f) => f.url())
      expect(frames.some((u) => u.includes('view=next'))).toBe(true)
      expect(errors).toEqual([])
    } finally {
      await chrome.close()
    }
  })

  it('lists artefacts with sizes and page counts on the edition landing page', () => {
    const html = read('learner/long/index.html')
    expect(html).toMatch(/href="slides\.pdf"[\s\S]*?<td class="num">18<\/td>/)
    expect(html).toMatch(/href="handout\.pdf"/)
    expect(html).toMatch(/\d+(\.\d)? kB/)
  })
})
