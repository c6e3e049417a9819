import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Marp } from '@marp-team/marp-core'
import { marpCli } from '@marp-team/marp-cli'
import { KitError } from '../core/problems.ts'
import { Turns } from '../core/turns.ts'
import { MARP_OPTIONS } from '../core/marp-engine.ts'
import type { Messages } from '../core/messages.ts'

/**
 * slides.html through marp-cli's bespoke template: keyboard navigation,
 * presenter view with notes (press P), fullscreen, on-screen controls. Only
 * HTML is converted here, so marp-cli launches no browser.
 */
export function bespokeSlidesHtml(markdown: string, themeCss: readonly string[], edition = '', cli: typeof marpCli = marpCli): Promise<string> {
  // One conversion at a time: the console is silenced while marp-cli runs.
  return marpRuns.run(async () => {
    try {
      return await convert(markdown, themeCss, cli)
    } catch (error) {
      throw new KitError([
        {
          code: 'KIT_SLIDES_HTML',
          severity: 'error',
          message: `marp-cli could not make slides.html${edition ? ` of the edition "${edition}"` : ''}: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`,
          hint: 'Open the edition’s slides.md in Marp for VS Code to see the slide it rejects; kit build --formats pdf,pptx builds without it.',
          location: { file: 'content/workshop.yaml' },
        },
      ])
    }
  })
}

const marpRuns = new Turns()

async function convert(markdown: string, themeCss: readonly string[], cli: typeof marpCli): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kit-marp-'))
  try {
    const input = path.join(dir, 'slides.md')
    const output = path.join(dir, 'slides.html')
    const config = path.join(dir, 'marp.config.json')
    const themes = await Promise.all(
      themeCss.map(async (css, i) => {
        const file = path.join(dir, `theme-${i}.css`)
        await writeFile(file, css)
        return file
      }),
    )
    await writeFile(input, markdown)
    // marp-cli turns raw HTML off unless told; give it marp-core's own allowlist.
    await writeFile(config, JSON.stringify({ options: MARP_OPTIONS, html: Marp.html, bespoke: { progress: true } }))
    const argv = ['--config-file', config, '--no-stdin', '--template', 'bespoke', '-o', output, ...themes.flatMap((t) => ['--theme-set', t]), '--', input]
    const silenced = silenceConsole()
    let code: number
    try {
      code = await cli(argv, {})
    } finally {
      silenced.restore()
    }
    if (code !== 0) throw new Error(`marp-cli failed (exit ${code}): ${silenced.output.join('\n')}`)
    return await readFile(output, 'utf8')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** marp-cli reports progress on the console; the kit prints its own. */
function silenceConsole() {
  const output: string[] = []
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error }
  const sink = (...args: unknown[]) => {
    output.push(args.map(String).join(' '))
  }
  console.log = console.info = console.warn = console.error = sink
  return {
    output,
    restore() {
      Object.assign(console, saved)
    },
  }
}

/**
 * The viewer's own text (on-screen controls, presenter view and its notes)
 * in the edition's embedded fonts, in the order they are embedded. marp-cli
 * sets Helvetica there, which a machine may not have and which draws no
 * script but Latin: notes in Japanese would print as empty boxes.
 */
export function withViewerFonts(html: string, families: readonly string[]): string {
  if (families.length === 0) return html
  const stack = [...families.map((f) => `'${f}'`), 'sans-serif'].join(', ')
  // Contextual alternates off, as on the slides: notes keep "x86_64" as written.
  const rule = `body, button, .bespoke-marp-osc, .bespoke-marp-presenter-container, .bespoke-marp-overview { font-family: ${stack} !important; font-feature-settings: "calt" 0; }`
  return html.replace(/<\/head>/i, `<style>${rule}</style></head>`)
}

/**
 * marp-cli's viewer writes its own words (titles and texts of its buttons,
 * the presenter view's labels, the window titles) in English, some in its
 * HTML and some from its script as the presenter view and overview open.
 * A script after marp-cli's sets them from the catalogue once the viewer has
 * drawn them. Its words are data (JSON with `<` escaped), so a catalogue's
 * word cannot end the script; the page's CSP allows it by its hash.
 */
export function withViewerWords(html: string, messages: Messages): string {
  const script = `(()=>{const w=${scriptJson(viewerWords(messages))};${APPLY}})()`
  const end = html.lastIndexOf('</body>')
  return end < 0 ? html : `${html.slice(0, end)}<script>${script}</script>${html.slice(end)}`
}

/** The viewer's elements, what to set on each (title, text), and the window titles to rename: the words of one language. */
export function viewerWords(messages: Messages) {
  const { t } = messages
  const keyed = (action: string, key: string) => t('viewer.shortcut', { action, key })
  const both = (word: string) => [word, word] as const
  const osc = (name: string) => `[data-bespoke-marp-osc="${name}"]`
  const presenter = (part: string) => `.bespoke-marp-presenter-${part}`
  const elements: [selector: string, title: string, text: string | null][] = [
    [osc('prev'), ...both(t('viewer.previousSlide'))],
    [osc('next'), ...both(t('viewer.nextSlide'))],
    [osc('fullscreen'), keyed(t('viewer.fullscreen'), 'f'), t('viewer.fullscreen')],
    [osc('overview'), keyed(t('viewer.overview'), 'o'), t('viewer.overview')],
    [osc('presenter'), keyed(t('viewer.presenter'), 'p'), t('viewer.presenter')],
    [presenter('note-smaller'), ...both(t('viewer.smallerNotes'))],
    [presenter('note-bigger'), ...both(t('viewer.biggerNotes'))],
    [presenter('info-page-prev'), ...both(t('viewer.previous'))],
    [presenter('info-page-next'), ...both(t('viewer.next'))],
    // The clock and the timer show the time: only their titles are words.
    [presenter('info-time'), t('viewer.currentTime'), null],
    [presenter('info-timer'), t('viewer.timer'), null],
    ['.bespoke-marp-overview-close', ...both(t('viewer.closeOverview'))],
  ]
  const titles: [from: string, to: string][] = [
    ['[Presenter view]', `[${t('viewer.presenterWindow')}]`],
    ['[Overview]', `[${t('viewer.overviewWindow')}]`],
  ]
  return { elements, titles }
}

/** Sets the words now, and again when the document and its frames have loaded (idempotent). */
const APPLY = [
  'const apply=()=>{',
  'for(const[s,title,text]of w.elements)for(const e of document.querySelectorAll(s)){e.title=title;if(text!==null)e.textContent=text}',
  'for(const[from,to]of w.titles)if(document.title.startsWith(from))document.title=to+document.title.slice(from.length)',
  '};apply();addEventListener("DOMContentLoaded",apply);addEventListener("load",apply)',
].join('')

/** JSON that may sit inside a <script> element: nothing in it can close the element or start markup. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
