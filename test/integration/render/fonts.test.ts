import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../src/commands/build.ts'
import { runChecks } from '../../../src/commands/check/check.ts'
import { launchBrowser } from '../../../src/export/browser/launch.ts'
import { createMessages } from '../../../src/core/messages.ts'
import { kitCatalogues } from '../../../src/load/catalogues.ts'
import { browserForTests } from '../../helpers/browser.ts'
import { pdfFonts, pdfText } from '../../helpers/pdf.ts'
import { copyFixture, KIT } from '../../helpers/project.ts'

/**
 * Workshops in Japanese and Chinese print with real glyphs: the fonts kit
 * embeds (Noto Sans JP for ja, Noto Sans SC for zh-CN) are in every PDF,
 * embedded and subset, no font of the machine stands in, and the text
 * reads back as written.
 */
const browser = await browserForTests()
if (!browser && process.env.CI) throw new Error('CI must have a browser: install chromium or set CHROME_PATH')

/** Fonts kit embeds, as PDFs name them (the part after the subset tag). */
const KIT_FONTS = /^(Inter|JetBrainsMono|DejaVuSans|NotoSans(JP|SC))/

const squeeze = (text: string) => text.replace(/\s+/g, '')

/** Every @font-face rule of a page: family and the characters of its unicode-range. */
function embeddedFaces(html: string): { family: string; chars: string[]; bytes: number }[] {
  return [...html.matchAll(/@font-face\{font-family:'([^']+)';[^}]*?base64,([A-Za-z0-9+/=]+)\)[^}]*unicode-range:([^;]*);\}/g)].map((m) => ({
    family: m[1] ?? '',
    bytes: ((m[2] ?? '').length * 3) / 4,
    chars: (m[3] ?? '').split(',').map((u) => String.fromCodePoint(Number.parseInt(u.slice(2), 16))),
  }))
}

const cases = [
  {
    fixture: 'ja',
    font: 'NotoSansJP',
    family: 'Noto Sans JP',
    other: 'Noto Sans SC',
    texts: {
      'slides.pdf': ['名前空間とは何か', 'プロセスごとに見える世界を分ける仕組みです。', '出力の一行目を読んでください。'],
      'handout.pdf': ['プロセスは自分の世界だけを見る', 'プロセスに見える資源を分ける仕組み。'],
      'guide.pdf': ['最初に「隔離」という言葉を聞いたことがあるか尋ねてください。', 'ここで手を止めて、全員の画面を確認します。'],
      'quiz.pdf': ['名前空間は何を分けますか。', 'プロセスに見える世界'],
      'exercises.pdf': ['新しいユーザー名前空間を作って、その中の自分を確かめます。', '表示された番号を書き留めてください。'],
      'exercises/first-steps.pdf': ['新しいユーザー名前空間を作って、その中の自分を確かめます。', '番号がゼロなら成功です。'],
      'exercises/first-steps.instructor.pdf': ['名前空間の中では自分が管理者に見えます。', '早く終わった人には隣の人を手伝ってもらいます。'],
    },
  },
  {
    fixture: 'zh',
    font: 'NotoSansSC',
    family: 'Noto Sans SC',
    other: 'Noto Sans JP',
    texts: {
      'slides.pdf': ['什么是命名空间', '它为每个进程划分可见的世界。', '请阅读输出的第一行。'],
      'handout.pdf': ['进程只看到自己的世界', '划分进程可见资源的机制。'],
      'guide.pdf': ['先问大家是否听说过“隔离”这个词。', '在这里停一下，检查每个人的屏幕。'],
      'quiz.pdf': ['命名空间划分的是什么？', '进程可见的世界'],
      'exercises.pdf': ['创建一个新的用户命名空间，并在其中确认自己的身份。', '请记下显示的编号。'],
      'exercises/first-steps.pdf': ['创建一个新的用户命名空间，并在其中确认自己的身份。', '编号为零就说明成功了。'],
      'exercises/first-steps.instructor.pdf': ['在命名空间里，你看起来像是管理员。', '先完成的人可以帮助旁边的同学。'],
    },
  },
]

for (const c of cases) {
  describe.skipIf(!browser)(`a ${c.fixture} workshop prints with real glyphs`, () => {
    let out: string
    // The instructors' set holds the guide, the solutions and the deck with notes; the rest is in both.
    const file = (p: string) => path.join(out, /^(guide|slides)\.|\.instructor\./.test(p) ? 'instructor' : 'learner', 'talk', p)

    beforeAll(async () => {
      const root = await copyFixture(c.fixture)
      out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-out-')), 'dist')
      await build({ root, out, editions: [], formats: ['html', 'pdf'] })
    })

    it(`embeds ${c.family}, subset, in every PDF, and no font of the machine`, () => {
      for (const pdf of Object.keys(c.texts)) {
        const fonts = pdfFonts(file(pdf))
        expect(
          fonts.filter((f) => !f.embedded || !f.subset).map((f) => f.name),
          pdf,
        ).toEqual([])
        expect(
          fonts.filter((f) => !KIT_FONTS.test(f.name.replace(/^[A-Z]{6}\+/, ''))).map((f) => f.name),
          pdf,
        ).toEqual([])
        expect(
          fonts.some((f) => f.name.includes(c.font)),
          pdf,
        ).toBe(true)
      }
    })

    it('reads the source sentences back from each PDF', () => {
      for (const [pdf, sentences] of Object.entries(c.texts)) {
        const text = squeeze(pdfText(file(pdf)))
        for (const sentence of sentences) expect(text, `${pdf}: ${sentence}`).toContain(squeeze(sentence))
      }
    })

    if (c.fixture === 'ja')
      it('prints the words kit generates in Japanese, not English', () => {
        const ja = createMessages('ja', kitCatalogues())
        const en = createMessages('en', kitCatalogues())
        // Generated words on each printed output: the agenda slide, the handout's headings, the guide's, the quiz sheet's title,
        // and the sheets' section headings (written in Japanese in the fixture, recognised through the catalogue).
        const sections = ['goal', 'beforeYouStart', 'steps', 'checkYourWork', 'troubleshooting', 'cleanUp', 'goingFurther'].map((k) => `sheet.section.${k}`)
        const expected: Record<string, string[]> = {
          'slides.pdf': ['agenda.heading'],
          'handout.pdf': ['handout.objectives', 'handout.glossary', 'agenda.heading'],
          'guide.pdf': ['doc.guide', 'guide.setup', 'guide.prerequisites'],
          'quiz.pdf': ['doc.quiz'],
          'exercises/first-steps.pdf': sections,
          'exercises/first-steps.instructor.pdf': [...sections, 'sheet.section.solution', 'sheet.section.instructorNotes'],
        }
        // Japanese punctuation: the lab box's label ends with 。 and no space follows it.
        expect(readFileSync(file('exercises/first-steps.instructor.html'), 'utf8')).toContain(`<strong>${ja.t('lab.unmarkedLabel')}。</strong>${ja.t('lab.unmarkedSummary')}`)
        for (const [pdf, keys] of Object.entries(expected)) {
          const text = squeeze(pdfText(file(pdf)))
          for (const key of keys) {
            expect(text, `${pdf}: ${key}`).toContain(squeeze(ja.t(key)))
            expect(text, `${pdf}: ${key} in English`).not.toContain(squeeze(en.t(key)))
          }
        }
      })

    it(`gives Han characters to the language's font (${c.family}, not ${c.other}) and embeds only the characters the edition uses`, () => {
      const handout = readFileSync(file('handout.html'), 'utf8')
      const faces = embeddedFaces(handout)
      expect(faces.some((f) => f.family === c.family && f.chars.includes('空'))).toBe(true)
      expect(faces.some((f) => f.family === c.other)).toBe(false)
      // Every character a face carries is one the edition's pages show (font data stripped before looking).
      // Every page and deck of both sets: the edition's fonts are shared by its pages.
      const pages = ['learner', 'instructor'].flatMap((set) =>
        readdirSync(path.join(out, set, 'talk'), { recursive: true, encoding: 'utf8' })
          .filter((p) => /\.(html|md)$/.test(p))
          .map((p) => path.join(out, set, 'talk', p)),
      )
      expect(pages.length).toBeGreaterThan(10)
      const text = pages.map((p) => readFileSync(p, 'utf8').replace(/@font-face\{[^\n]*\}/g, '')).join('')
      const shown = new Set([...text, ...text.toUpperCase(), ...text.toLowerCase()])
      const extra = faces.flatMap((f) => f.chars).filter((ch) => !shown.has(ch))
      expect(extra).toEqual([])
      // Subset, not whole slices: the script font adds well under what its slices weigh (a few MB for these
      // characters); the paperwork's words (attendance, certificate) are among them.
      const scriptBytes = faces.filter((f) => f.family === c.family).reduce((sum, f) => sum + f.bytes, 0)
      expect(scriptBytes).toBeGreaterThan(0)
      expect(scriptBytes).toBeLessThan(300_000)
    })
  })
}

describe('kit check names characters no font draws', () => {
  it('reports a cuneiform sign once, at its file, line and column, and names the package of a listed font that is not installed', async () => {
    const root = await copyFixture('ja')
    const module = path.join(root, 'content/modules/01-namespaces.md')
    const text = await readFile(module, 'utf8')
    // Twice in the file: reported once, at the first.
    await writeFile(module, `${text}\n---\n\n## 楔形文字\n\n- 最古の文字 \u{12000} です。\u{12000}\n\n<!-- ノート -->\n`)
    const lines = (await readFile(module, 'utf8')).split('\n')
    const line = lines.findIndex((l) => l.includes('\u{12000}')) + 1
    const first = await runChecks(root, { browser: false })
    const found = first.problems.list.filter((p) => p.code === 'KIT_NO_GLYPH')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'warning', location: { file: 'content/modules/01-namespaces.md', line, column: 9 } })
    expect(found[0]?.message).toContain('U+12000')
    expect(found[0]?.hint).toContain('No font kit knows')

    // A theme that lists a cuneiform font the project has not installed: the hint says what to install.
    const fonts = JSON.parse(await readFile(path.join(KIT, 'templates/theme/fonts.json'), 'utf8')) as { fonts: object[] }
    fonts.fonts.push({ family: 'Noto Sans Cuneiform', package: '@fontsource/noto-sans-cuneiform-not-installed', weights: [400], scripts: ['Xsux'] })
    await mkdir(path.join(root, 'templates/theme'), { recursive: true })
    await writeFile(path.join(root, 'templates/theme/fonts.json'), JSON.stringify(fonts, null, 2))
    const second = await runChecks(root, { browser: false })
    const hinted = second.problems.list.filter((p) => p.code === 'KIT_NO_GLYPH')
    expect(hinted).toHaveLength(1)
    expect(hinted[0]?.hint).toContain('npm install -D @fontsource/noto-sans-cuneiform-not-installed')
    expect(second.problems.list.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('reports the words kit writes in Japanese when no Japanese font is installed, at workshop.yaml’s language line', async () => {
    // English content, Japanese generated words, and a theme whose only kana and Han font is not installed.
    const root = await copyFixture('mini')
    const workshop = path.join(root, 'content/workshop.yaml')
    const yaml = (await readFile(workshop, 'utf8')).replace('language: en-GB', 'language: ja')
    await writeFile(workshop, yaml)
    const fonts = JSON.parse(await readFile(path.join(KIT, 'templates/theme/fonts.json'), 'utf8')) as { fonts: { family: string; package: string }[] }
    fonts.fonts = fonts.fonts.filter((f) => !/Noto Sans (JP|SC|TC|KR)/.test(f.family))
    fonts.fonts.push({ family: 'Noto Sans JP', package: '@fontsource/noto-sans-jp-not-installed', weights: [400], scripts: ['Hira', 'Kana', 'Hani', 'Zyyy'], languages: ['ja'] } as never)
    await mkdir(path.join(root, 'templates/theme'), { recursive: true })
    await writeFile(path.join(root, 'templates/theme/fonts.json'), JSON.stringify(fonts, null, 2))
    const found = (await runChecks(root, { browser: false })).problems.list.filter((p) => p.code === 'KIT_NO_GLYPH')
    const line = yaml.split('\n').findIndex((l) => l.startsWith('language:')) + 1
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ location: { file: 'content/workshop.yaml', line } })
    expect(found[0]?.message).toMatch(/^The words kit writes in ja \(headings, labels\) use .* and \d+ more; no embedded font draws them/)
    expect(found[0]?.hint).toContain('npm install -D @fontsource/noto-sans-jp-not-installed')

    // A second language: its words are reported at its own line, with its own font, and a character ja already has is not reported again.
    await writeFile(workshop, yaml.replace('language: ja', 'language: ja\nlanguages: [ja, zh-TW]'))
    fonts.fonts.push({ family: 'Noto Sans TC', package: '@fontsource/noto-sans-tc-not-installed', weights: [400], scripts: ['Hani', 'Bopo', 'Zyyy'], languages: ['zh-TW'] } as never)
    await writeFile(path.join(root, 'templates/theme/fonts.json'), JSON.stringify(fonts, null, 2))
    await mkdir(path.join(root, 'templates/i18n'), { recursive: true })
    await writeFile(path.join(root, 'templates/i18n/zh-TW.yaml'), 'agenda:\n  heading: 時間龜鑑\n')
    const both = (await runChecks(root, { browser: false })).problems.list.filter((p) => p.code === 'KIT_NO_GLYPH')
    expect(both.map((p) => p.location?.line)).toEqual([line, line + 1])
    expect(both[1]?.message).toMatch(/^The words kit writes in zh-TW \(headings, labels\) use 龜 \(U\+9F9C\), 鑑 \(U\+9451\); no embedded font/)
    expect(both[1]?.hint).toContain('npm install -D @fontsource/noto-sans-tc-not-installed')
  })

  it('finds nothing to report in a workshop whose characters the fonts draw', async () => {
    const result = await runChecks(await copyFixture('zh'), { browser: false })
    expect(result.problems.list.filter((p) => p.code === 'KIT_NO_GLYPH')).toEqual([])
  })
})

describe.skipIf(!browser)('no text on a page takes its metrics from a font of the machine', () => {
  // A block's line boxes are as tall as its own font says, even when every
  // glyph inside comes from another: a `pre` left on the machine's monospace
  // drew its code lines further apart on one machine than on another.
  it('every element with text, on every page of an edition, names an embedded family first', async () => {
    const root = await copyFixture('mini')
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-out-')), 'dist')
    await build({ root, out, editions: [], formats: ['html'] })
    const sets = ['learner', 'instructor'].map((set) => path.join(out, set, 'long'))
    const pages = (await Promise.all(sets.map(async (set) => (await readdir(set, { recursive: true })).filter((p) => p.endsWith('.html')).map((p) => path.join(set, p))))).flat()
    expect(pages.length).toBeGreaterThanOrEqual(7)
    const launched = await launchBrowser(browser as NonNullable<typeof browser>)
    try {
      const page = await launched.newPage()
      const strays: string[] = []
      for (const name of pages) {
        await page.goto(pathToFileURL(name).href)
        await page.evaluate(() => document.fonts.ready)
        const found = await page.evaluate(() => {
          const embedded = new Set([...document.fonts].map((f) => f.family.replace(/["']/g, '')))
          const first = (el: Element) => (getComputedStyle(el).fontFamily.split(',')[0] ?? '').trim().replace(/["']/g, '')
          const text = (n: Node) => (n.textContent ?? '').trim() !== ''
          const inline = (n: Node) => n.nodeType === Node.TEXT_NODE || (n instanceof Element && getComputedStyle(n).display.startsWith('inline'))
          // Elements whose own line boxes hold text: a text child, or an inline child with text (a pre around its code).
          const setsLines = (el: Element) => [...el.childNodes].some((n) => text(n) && inline(n))
          return [...document.body.querySelectorAll('*')]
            .filter((el) => !['SCRIPT', 'STYLE', 'TEMPLATE'].includes(el.tagName) && getComputedStyle(el).display !== 'none' && setsLines(el) && !embedded.has(first(el)))
            .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> "${(el.textContent ?? '').trim().slice(0, 30)}" in ${first(el)}`)
        })
        strays.push(...[...new Set(found)].map((s) => `${name}: ${s}`))
      }
      expect(strays).toEqual([])
    } finally {
      await launched.close()
    }
  })
})

describe.skipIf(!browser)('code-like words in prose keep their letters', () => {
  // Inter's contextual alternates draw an x after a number and a space as a
  // multiplication sign (a wider glyph): "Linux 6.8 ×86_64". Drawn as
  // written, "x86_64" is as wide after "6.8" as after "Linux".
  it('draws x86_64 the same after a number as after a word, on slides, in the handout and on exercise sheets', async () => {
    const root = await copyFixture('mini')
    const prose = 'Tested on Linux x86_64 and Linux 6.8 x86_64 machines.'
    const alpha = path.join(root, 'content/modules/01-alpha.md')
    await writeFile(alpha, (await readFile(alpha, 'utf8')).replace('- one\n', `- ${prose}\n`))
    const lab = path.join(root, 'exercises/01-first-lab.md')
    await writeFile(lab, (await readFile(lab, 'utf8')).replace('## Steps\n', `## Steps\n\n${prose}\n`))
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-out-')), 'dist')
    await build({ root, out, editions: ['long'], formats: ['html', 'pdf'], zip: false })
    for (const pdf of ['instructor/long/slides.pdf', 'learner/long/handout.pdf', 'learner/long/exercises/first-lab.pdf']) {
      const xml = execFileSync('pdftotext', ['-bbox', path.join(out, pdf), '-'], { encoding: 'utf8' })
      const widths = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">x86_64<\/word>/g)].map((m) => Number(m[2]) - Number(m[1]))
      expect(widths.length, pdf).toBeGreaterThanOrEqual(2)
      for (const width of widths) expect(Math.abs(width - (widths[0] ?? 0)), `${pdf}: ${widths.join(', ')}`).toBeLessThan(0.2)
    }
  }, 120_000)
})

describe.skipIf(!browser)('symbols in a diagram of a Japanese workshop', () => {
  // The diagram names Inter and DejaVu Sans, as the bundled ones do. Inter has
  // no arrow; in a Japanese edition the arrow goes to Noto Sans JP, which the
  // diagram does not name: without a fallback the machine's font draws it.
  it('come from an embedded font: no font of the machine in the PDF', async () => {
    const root = await copyFixture('ja')
    await mkdir(path.join(root, 'content/assets'), { recursive: true })
    const svg = [
      '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="120" font-family="Inter, \'DejaVu Sans\', sans-serif">',
      '<text x="10" y="40" font-size="24">namespace → cgroup ⇒ ✓</text>',
      '<text x="10" y="90" font-size="24" font-weight="700">コンテナ → プロセス &#x2192; 完了</text>',
      '</svg>',
    ].join('')
    await writeFile(path.join(root, 'content/assets/flow.svg'), svg)
    const module = path.join(root, 'content/modules/01-namespaces.md')
    await writeFile(module, `${await readFile(module, 'utf8')}\n---\n\n## 流れ\n\n![図](../assets/flow.svg)\n\n<!-- 図を説明します。 -->\n`)
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'kit-out-')), 'dist')
    await build({ root, out, editions: [], formats: ['html', 'pdf'], zip: false })
    const pdf = path.join(out, 'instructor/talk/slides.pdf')
    expect(squeeze(pdfText(pdf))).toContain(squeeze('コンテナ → プロセス → 完了'))
    const fonts = pdfFonts(pdf)
    expect(fonts.filter((f) => !f.embedded || !f.subset || !KIT_FONTS.test(f.name.replace(/^[A-Z]{6}\+/, ''))).map((f) => f.name)).toEqual([])
  }, 120_000)
})
