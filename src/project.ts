import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Marp } from '@marp-team/marp-core'
import { KIT_ROOT } from './kit-root.ts'
import { loadContent, type Content } from './load/content.ts'
import { parseLabResults, RESULTS_FILE, type LabResults } from './labs/results.ts'
import { LAYOUT, readSources, type SourceText } from './load/read-sources.ts'
import { Problems } from './problems.ts'
import { fontFaceCss, fontsFileSchema } from './render/fonts.ts'
import { createMarp } from './render/marp-engine.ts'
import { createTemplates, type TemplateSet } from './render/templates.ts'

/**
 * Stage 1 and 2 of the pipeline: load every source of a project from disk
 * and validate it. Shared by `kit build`, `kit check` and `kit list`.
 */
export interface Project {
  root: string
  content: Content
  marp: Marp
  templates: TemplateSet
  /** Theme CSS files (templates/theme/*.css), fonts appended. */
  themeCss: string[]
  fontCss: string
  printCss: string
  problems: Problems
  /** Every source text by path, for code frames. */
  texts: Map<string, string>
}

export { KIT_ROOT }

export async function loadProject(root: string): Promise<{ project?: Project; problems: Problems }> {
  const problems = new Problems()
  const sources = await readSources(root, problems)
  const templatesRoot = existsSync(path.join(root, LAYOUT.templates)) ? root : KIT_ROOT
  const templateFiles = await readTemplates(templatesRoot, problems)
  const fontsJson = await readFile(path.join(templatesRoot, LAYOUT.templates, 'theme/fonts.json'), 'utf8').catch(() => '{"fonts":[]}')
  const fonts = fontsFileSchema.safeParse(JSON.parse(fontsJson))
  let fontCss = ''
  if (fonts.success) {
    fontCss = await fontFaceCss(KIT_ROOT, fonts.data.fonts).catch((error: unknown) => {
      problems.add({
        code: 'KIT_FONT',
        message: `A font listed in templates/theme/fonts.json cannot be read: ${(error as Error).message.split('\n')[0]}`,
        hint: 'Install the font package with npm (npm ci) or fix the path.',
        location: { file: 'templates/theme/fonts.json' },
      })
      return ''
    })
  } else {
    problems.add({ code: 'KIT_SCHEMA', message: 'templates/theme/fonts.json does not match { fonts: [{ family, weight, style, file }] }.', location: { file: 'templates/theme/fonts.json' } })
  }
  const themeCss = templateFiles.filter((f) => f.path.startsWith(`${LAYOUT.templates}/theme/`) && f.path.endsWith('.css')).map((f) => `${f.text}\n${fontCss}`)
  const printCss = templateFiles.find((f) => f.path === `${LAYOUT.templates}/print.css`)?.text ?? ''
  const marp = createMarp(themeCss)
  const templates = createTemplates(templateFiles.filter((f) => f.path.endsWith('.hbs')), problems)
  const content = loadContent(sources, marp, problems)
  const texts = new Map<string, string>()
  for (const f of [sources.workshop, sources.glossary, ...sources.modules, ...sources.exercises, ...sources.quiz, ...templateFiles]) {
    if (f) texts.set(f.path, f.text)
  }
  if (!content) return { problems }
  content.labResults = await readLabResults(root, problems)
  return { project: { root, content, marp, templates, themeCss, fontCss, printCss, problems, texts }, problems }
}

/** lab-results.json, written by `kit labs`; a damaged file is ignored with a warning. */
async function readLabResults(root: string, problems: Problems): Promise<LabResults | undefined> {
  let text: string
  try {
    text = await readFile(path.join(root, RESULTS_FILE), 'utf8')
  } catch {
    return undefined
  }
  const results = parseLabResults(text)
  if (results) return results
  problems.warn({
    code: 'KIT_LAB_RESULTS',
    message: `${RESULTS_FILE} is not a results file kit labs wrote; exercises are shown as never verified.`,
    hint: `Run kit labs again to rewrite it, or delete ${RESULTS_FILE}.`,
    location: { file: RESULTS_FILE },
  })
  return undefined
}

async function readTemplates(root: string, problems: Problems): Promise<SourceText[]> {
  const out: SourceText[] = []
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(path.join(root, dir), { withFileTypes: true }).catch(() => [])
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = `${dir}/${entry.name}`
      if (entry.isDirectory()) await walk(rel)
      else if (/\.(hbs|css)$/.test(entry.name)) out.push({ path: rel, text: await readFile(path.join(root, rel), 'utf8') })
    }
  }
  await walk(LAYOUT.templates)
  if (out.length === 0) problems.add({ code: 'KIT_NO_TEMPLATES', message: 'No templates/ folder with .hbs templates was found.', hint: 'Copy templates/ from the kit repository.' })
  return out
}
