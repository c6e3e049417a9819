import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { browserScript } from '../../export/browser/browser-bundle.ts'
import { KIT_ROOT } from '../../core/kit-root.ts'
import { BASE_LANGUAGE, lookupChain, type Messages } from '../../core/messages.ts'
import type { Project } from '../../load/project.ts'
import { LAYOUT } from '../../load/read-sources.ts'

/**
 * The live pages, rendered once at start from `templates/live/*.hbs` (a
 * project's own file replaces kit's, like every template) in the workshop's
 * language, with the page's words for its script in a JSON data block
 * (`type="application/json"` is not run, so the page needs no inline
 * script), and the scripts bundled at compile time.
 */
export interface LivePages {
  learner: string
  presenter: string
  screen: string
  /** templates/live/live.css. */
  css: string
}

export const PAGE_SCRIPTS = ['learner', 'presenter', 'screen'] as const

/** Every `live.*` message in `lang` (through its chain to English), raw ICU, for the page's script to format. */
export function liveWords(project: Project, lang: string): { lang: string; messages: Record<string, string> } {
  const chain = lookupChain(lang).map((l) => project.catalogues.merged.get(l) ?? {})
  const keys = Object.keys(project.catalogues.merged.get(BASE_LANGUAGE) ?? {}).filter((k) => k.startsWith('live.'))
  const messages: Record<string, string> = {}
  for (const key of keys) {
    const found = chain.find((c) => c[key] !== undefined)?.[key]
    if (found !== undefined) messages[key] = found
  }
  return { lang, messages }
}

export async function renderPages(project: Project, messages: Messages, title: string): Promise<LivePages> {
  const words = JSON.stringify(liveWords(project, messages.lang)).replace(/</g, '\\u003c')
  const base = { lang: messages.lang, dir: messages.dir, workshop: title, wordsJson: words }
  const page = (name: string, key: string) => project.templates.render(`live/${name}`, { ...base, title: messages.t(key, { workshop: title }) }, messages)
  return {
    learner: page('learner', 'live.title.learner'),
    presenter: page('presenter', 'live.title.presenter'),
    screen: page('screen', 'live.title.screen'),
    css: await readTemplateFile(project.root, 'live/live.css'),
  }
}

/** A file of templates/: the project's own, else kit's. */
async function readTemplateFile(root: string, file: string): Promise<string> {
  const own = root === KIT_ROOT ? undefined : await readFile(path.join(root, LAYOUT.templates, file), 'utf8').catch(() => undefined)
  return own ?? (await readFile(path.join(KIT_ROOT, LAYOUT.templates, file), 'utf8'))
}

/** The pages' scripts by name (learner, presenter, screen): bundled by `npm run compile`, or from the sources when kit runs from them. */
export async function readBundles(): Promise<Map<string, string>> {
  const scripts = new Map<string, string>()
  for (const name of PAGE_SCRIPTS) scripts.set(name, await browserScript(new URL(`./client/${name}.browser.ts`, import.meta.url)))
  return scripts
}
