import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { runChecks } from '../../../src/commands/check/check.ts'
import { kitCatalogues } from '../../../src/load/catalogues.ts'
import { pdfInfo } from '../../helpers/pdf.ts'
import { copyFixture } from '../../helpers/project.ts'

/** Every file below `dir`, as paths relative to it. */
function filesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesIn(full).map((f) => `${name}/${f}`) : [name]
  })
}

/** What a reader sees of an HTML page or the deck's markdown: no styles, scripts or tags. */
function visibleText(text: string): string {
  return text
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;|&#x27;|&#39;/g, "'")
    .replace(/\\([()[\]*_#!+.-])/g, '$1')
    .replace(/\s+/g, ' ')
}

/** The literal words of an ICU message: the text between its {placeholders} and plural branches. */
function literalParts(message: string): string[] {
  let depth = 0
  let current = ''
  const parts: string[] = []
  for (const ch of message) {
    if (ch === '{') {
      if (depth === 0) parts.push(current)
      current = depth === 0 ? '' : current
      depth++
    } else if (ch === '}') depth--
    else if (depth === 0) current += ch
  }
  parts.push(current)
  return parts.map((p) => p.trim().replace(/^[\s,.:;()–—-]+|[\s,.:;()–—-]+$/g, '')).filter((p) => /[A-Za-z]{3,}/.test(p))
}

describe('a workshop in German', () => {
  let root: string
  let out: string
  beforeAll(async () => {
    root = await copyFixture('lang-de')
    // A project overrides one word of kit's German catalogue.
    await mkdir(path.join(root, 'templates/i18n'), { recursive: true })
    await writeFile(path.join(root, 'templates/i18n/de.yaml'), 'agenda:\n  heading: Tagesordnung\n')
    out = path.join(root, 'dist')
    await build({ root, out, editions: [], formats: ['html'] })
  }, 120_000)

  it('writes German words in the handout, guide, sheets, deck and landing pages, and no English word kit generates', async () => {
    const catalogues = kitCatalogues()
    const german = new Set(Object.values(catalogues.get('de') ?? {}).flatMap((m) => [...literalParts(m), ...m.split(/[^\p{L}]+/u)]))
    const sources = filesIn(root)
      .filter((f) => /^(content|exercises)\//.test(f) && /\.(md|yaml)$/.test(f))
      .map((f) => readFileSync(path.join(root, f), 'utf8'))
      .join('\n')
    const english = [...new Set(Object.values(catalogues.get('en') ?? {}).flatMap(literalParts))].filter((p) => !german.has(p) && !sources.includes(p))
    expect(english.length).toBeGreaterThan(100)
    const pages = filesIn(out).filter((f) => /\.(html|md)$/.test(f) && !f.endsWith('slides.html'))
    expect(pages).toEqual(
      expect.arrayContaining([
        'index.html',
        'learner/long/index.html',
        'learner/long/handout.html',
        'instructor/long/guide.html',
        'learner/long/quiz.html',
        'instructor/long/slides.md',
        'learner/long/exercises/first-lab.html',
        'instructor/long/exercises/first-lab.instructor.html',
      ]),
    )
    for (const page of pages) {
      const text = visibleText(await readFile(path.join(out, page), 'utf8'))
      // Words, not parts of file names (handout.pdf, exercises/…) the landing page lists.
      const left = english.filter((p) => new RegExp(`(^|[^A-Za-z./])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z./]|$)`).test(text))
      expect(left, page).toEqual([])
    }
    const handout = visibleText(await readFile(path.join(out, 'learner/long/handout.html'), 'utf8'))
    expect(handout).toContain('Lernziele')
    expect(handout).toContain('15. Januar 2026')
    expect(handout).toContain('11:55–12:10 Pause 15')
    expect(handout).toContain('Gesamt (Ziel: 1 Std. 15 Min.) 1 Std. 5 Min.')
    const deck = visibleText(await readFile(path.join(out, 'instructor/long/slides.md'), 'utf8'))
    expect(deck).toContain('Weiter um **12:10**')
    expect(deck).toContain('Wissenscheck 1/1')
    expect(visibleText(await readFile(path.join(out, 'learner/index.html'), 'utf8'))).toContain('2 Module · 2 Übungen')
    expect(visibleText(await readFile(path.join(out, 'instructor/long/exercises/first-lab.instructor.html'), 'utf8'))).toContain(
      'Nie geprüft. kit labs hat den einen ausführbaren Schritt noch nicht ausgeführt.',
    )
    // The sheets' section headings, written in English in the source, print in German.
    const sheet = visibleText(await readFile(path.join(out, 'instructor/long/exercises/first-lab.instructor.html'), 'utf8'))
    for (const heading of ['Ziel', 'Vorbereitung', 'Ergebnis prüfen', 'Aufräumen', 'Hinweise für Trainer']) expect(sheet).toContain(` ${heading} `)
    for (const heading of ['Goal', 'Before you start', 'Check your work', 'Clean up', 'Instructor notes']) expect(sheet).not.toContain(heading)
    // German sets a spaced en dash where English has an em dash: in titles, the page footer, the answer key and the sources.
    for (const file of ['learner/long/handout.html', 'instructor/long/guide.html', 'instructor/long/slides.md']) expect(await readFile(path.join(out, file), 'utf8'), file).not.toContain('—')
    expect(await readFile(path.join(out, 'instructor/long/guide.html'), 'utf8')).toMatch(/A – /)
  })

  it('takes the project’s one word over kit’s, and keeps kit’s others', async () => {
    const guide = visibleText(await readFile(path.join(out, 'instructor/long/guide.html'), 'utf8'))
    expect(guide).toContain('Tagesordnung')
    expect(guide).not.toContain('Ablauf')
    expect(guide).toContain('Sprechernotizen')
  })

  it('kit check names an unknown key with the one meant, and nothing missing for a shipped language', async () => {
    await writeFile(path.join(root, 'templates/i18n/de.yaml'), 'agenda:\n  heading: Tagesordnung\nhandout:\n  objectivs: Ziele\n')
    const { problems } = await runChecks(root, { browser: false })
    const i18n = problems.list.filter((p) => p.code.startsWith('KIT_I18N'))
    expect(i18n).toHaveLength(1)
    expect(i18n[0]).toMatchObject({ code: 'KIT_I18N_UNKNOWN_KEY', severity: 'warning', location: { file: 'templates/i18n/de.yaml', line: 4, column: 14 } })
    expect(i18n[0]?.message).toContain('did you mean "handout.objectives"')
  })

  it('kit check warns when two exercise sections share a heading in the project’s words, at that word’s line', async () => {
    await writeFile(path.join(root, 'templates/i18n/de.yaml'), 'sheet:\n  section:\n    goingFurther: Schritte\n')
    const { problems } = await runChecks(root, { browser: false })
    const clash = problems.list.filter((p) => p.code === 'KIT_I18N_SECTION')
    expect(clash).toHaveLength(1)
    expect(clash[0]).toMatchObject({ severity: 'warning', location: { file: 'templates/i18n/de.yaml', line: 3 } })
    expect(clash[0]?.message).toBe('In de, the exercise sections "Going further" and "Steps" have the same heading "Schritte": a heading with it names "Steps".')
  })
})

describe('regions: clock times and paper', () => {
  const workshop = async (language: string) => {
    const root = await copyFixture('mini')
    const file = path.join(root, 'content/workshop.yaml')
    await writeFile(file, (await readFile(file, 'utf8')).replace('language: en-GB', `language: ${language}`).replace('paper: a4\n', ''))
    return root
  }

  it('en-US writes 12-hour clock times and prints on Letter; en-GB 24-hour on A4', async () => {
    const us = await workshop('en-US')
    const gb = await workshop('en-GB')
    await build({ root: us, out: path.join(us, 'dist'), editions: ['short'], formats: ['html', 'pdf'], zip: false })
    await build({ root: gb, out: path.join(gb, 'dist'), editions: ['short'], formats: ['html', 'pdf'], zip: false })
    const text = async (root: string) => visibleText(await readFile(path.join(root, 'dist/learner/short/handout.html'), 'utf8')).replace(/\s/g, ' ')
    expect(await text(us)).toContain('11:30 AM–11:40 AM Alpha module')
    expect(await text(us)).toContain('January 15, 2026')
    expect(await text(gb)).toContain('11:30–11:40 Alpha module')
    expect(await text(gb)).toContain('15 January 2026')
    expect(pdfInfo(path.join(us, 'dist/learner/short/handout.pdf'))['Page size']).toMatch(/^612 x 792 pts \(letter\)/)
    expect(pdfInfo(path.join(gb, 'dist/learner/short/handout.pdf'))['Page size']).toMatch(/\(A4\)$/)
  }, 120_000)

  it('French sets a no-break space before every colon kit writes, in the catalogue’s words and between its own parts', async () => {
    const root = await workshop('fr')
    await build({ root, out: path.join(root, 'dist'), editions: ['long'], formats: ['html'], zip: false })
    const deck = await readFile(path.join(root, 'dist/instructor/long/slides.md'), 'utf8')
    // The knowledge check's notes: the catalogue's "Réponse :" and kit's own "A :" between the letter and the answer.
    expect(deck).toContain('Réponse\u00a0: A\u00a0: Alpha')
    expect(deck).toContain('q-alpha\u00a0: Alpha is listed first.')
    const files = ['instructor/long/slides.md', 'learner/long/handout.html', 'instructor/long/guide.html', 'learner/long/index.html', 'instructor/long/index.html']
    const pages = files.map((f) => readFileSync(path.join(root, 'dist', f), 'utf8'))
    // A colon after a word and a plain space, outside tags, styles and front matter, is one kit forgot.
    const text = (page: string) =>
      page
        .replace(/^---[\s\S]*?\n---\n/, '')
        .replace(/<(style|script)[\s\S]*?<\/\1>/g, '')
        .replace(/<[^>]+>/g, '')
    const bare = pages.flatMap((page) => text(page).match(/.{0,30}\p{L}(?: :|: ).{0,20}/gu) ?? [])
    expect(bare).toEqual([])
    // File sizes on the landing page: a decimal comma and French units, never "kB".
    const cells = pages
      .slice(3)
      .join('\n')
      .replace(/<(style|script)[\s\S]*?<\/\1>/g, '')
      .replace(/<[^>]+>/g, ' ')
    const sizes = [...cells.matchAll(/\d[\d,.]*\s*(?:[kKM]?B|[kM]?o)\b/g)].map((m) => m[0])
    expect(sizes.length).toBeGreaterThan(3)
    for (const size of sizes) expect(size).toMatch(/^\d+(,\d)?\u00a0[kM]?o$/)
  }, 60_000)

  it('an explicit paper wins over the region', async () => {
    const root = await workshop('en-US')
    const file = path.join(root, 'content/workshop.yaml')
    await writeFile(file, `${await readFile(file, 'utf8')}paper: a4\n`)
    await build({ root, out: path.join(root, 'dist'), editions: ['short'], formats: ['html'], zip: false })
    expect(await readFile(path.join(root, 'dist/learner/short/handout.html'), 'utf8')).toContain('size: A4;')
  }, 60_000)

  it('a language without a catalogue is one warning at workshop.yaml’s language line', async () => {
    const root = await workshop('sv')
    const { problems } = await runChecks(root, { browser: false })
    const i18n = problems.list.filter((p) => p.code.startsWith('KIT_I18N'))
    expect(i18n).toHaveLength(1)
    expect(i18n[0]).toMatchObject({ code: 'KIT_I18N_NO_CATALOGUE', severity: 'warning', location: { file: 'content/workshop.yaml', line: 6 } })
  })

  it('checks every language the workshop is built in, not only its source language', async () => {
    const root = await workshop('en-GB\nlanguages: [en-GB, sv]')
    const { problems } = await runChecks(root, { browser: false })
    const i18n = problems.list.filter((p) => p.code.startsWith('KIT_I18N'))
    expect(i18n).toHaveLength(1)
    expect(i18n[0]?.message).toContain('sv')
    // At sv in the languages list, the line after language.
    expect(i18n[0]).toMatchObject({ code: 'KIT_I18N_NO_CATALOGUE', location: { file: 'content/workshop.yaml', line: 7 } })
  })
})

describe('a right-to-left workshop (Hebrew)', () => {
  let root: string
  let out: string
  beforeAll(async () => {
    root = await copyFixture('lang-he')
    out = path.join(root, 'dist')
    await build({ root, out, editions: [], formats: ['html', 'pdf'], zip: false })
  }, 120_000)

  it('sets dir="rtl" on every page and right-to-left direction on the slides, code left to right', async () => {
    for (const page of filesIn(out).filter((f) => f.endsWith('.html'))) {
      expect(await readFile(path.join(out, page), 'utf8'), page).toMatch(/<html[^>]* dir="rtl"/)
    }
    expect(await readFile(path.join(out, 'instructor/short/slides.md'), 'utf8')).toContain('style: "section { direction: rtl; } section pre, section code { direction: ltr;')
  })

  it('kit check names each key the project’s own Hebrew catalogue lacks, at that file', async () => {
    const { problems } = await runChecks(root, { browser: false })
    const missing = problems.list.filter((p) => p.code === 'KIT_I18N_MISSING')
    const english = Object.keys(kitCatalogues().get('en') ?? {})
    const own = ['agenda.heading', 'agenda.time', 'agenda.item', 'agenda.minutes', 'handout.objectives', 'handout.slides', 'handout.takeaways']
    expect(missing).toHaveLength(english.length - own.length)
    expect(missing.every((p) => p.severity === 'warning' && p.location?.file === 'templates/i18n/he.yaml')).toBe(true)
    expect(missing.map((p) => p.message)).toContain('The message "deck.backAt" has no he translation; it is English in the outputs.')
    expect(missing.some((p) => p.message.includes('"agenda.heading"'))).toBe(false)
  })

  it('lays the handout out mirrored: the title ends at the right margin, the agenda’s first column is on the right', () => {
    const xml = execFileSync('pdftotext', ['-bbox-layout', '-f', '1', '-l', '1', path.join(out, 'learner/short/handout.pdf'), '-'], { encoding: 'utf8' })
    const width = Number(/<page width="([\d.]+)"/.exec(xml)?.[1])
    const word = (text: string) => {
      const m = new RegExp(`<word xMin="([\\d.]+)" yMin="[\\d.]+" xMax="([\\d.]+)" yMax="[\\d.]+">${text}</word>`).exec(xml)
      if (!m) throw new Error(`"${text}" is not on page 1`)
      return { xMin: Number(m[1]), xMax: Number(m[2]) }
    }
    // pdftotext writes Hebrew words in visual order, their letters reversed.
    const visual = (text: string) => word([...text].reverse().join(''))
    // The title's first word "סדנת" is its rightmost, ending near the right margin (15 mm page margin, the cover's 5 mm rule and padding).
    const first = visual('סדנת')
    const second = visual('בדיקה')
    expect(first.xMin).toBeGreaterThan(second.xMax)
    expect(first.xMax).toBeGreaterThan(width * 0.8)
    expect(second.xMin).toBeGreaterThan(width / 2)
    // The agenda table: time (first column) right of the item (second column).
    const time = visual('שעה')
    const item = visual('נושא')
    expect(time.xMin).toBeGreaterThan(item.xMax)
  })
})
