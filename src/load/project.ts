import path from 'node:path'
import type { Marp } from '@marp-team/marp-core'
import { KIT_ROOT } from '../core/kit-root.ts'
import { positionAt } from '../core/positions.ts'
import { loadContent, type Content } from './content.ts'
import { loadTranslations } from './translations.ts'
import { parseLabResults, RESULTS_FILE, type LabResults } from './lab-results.ts'
import { readLiveRuns } from './live-runs.ts'
import { loadBrand, type BrandLook } from './brand.ts'
import { inlineCssFiles } from './css-assets.ts'
import { InputLog } from './input-log.ts'
import { decodeSource, LAYOUT, readSources, type SourceText } from './read-sources.ts'
import { parseYamlSource, validateWith } from './yaml-source.ts'
import { Problems } from '../core/problems.ts'
import { type FontFamily, fontsFileSchema, resolveFonts } from './font-packages.ts'
import { createMarp, themeError } from '../core/marp-engine.ts'
import { createTemplates, type TemplateSet } from './templates.ts'
import { readCatalogues, type Catalogues } from './catalogues.ts'

/**
 * Stage load: every source of a project read from disk and validated, into
 * one value that nothing changes afterwards. Shared by `kit build`, `kit
 * check`, `kit list`, `kit dev` and `kit live`. What a run collects on the
 * way (the problems found, every file read) is returned beside it, not
 * kept inside it.
 */
export interface Project {
  readonly root: string
  /** The workshop in its source language, with its translations and last lab results. */
  readonly content: Content
  readonly marp: Marp
  readonly templates: TemplateSet
  /** Theme CSS files (templates/theme/*.css) with the brand's colours; each edition appends the fonts its text needs. */
  readonly themeCss: readonly string[]
  /** templates/theme/fonts.json, resolved to font files (read per edition, for the characters it uses). */
  readonly fonts: readonly FontFamily[]
  readonly printCss: string
  /** Every source text by path, for code frames. */
  readonly texts: ReadonlyMap<string, string>
  /** workshop.yaml's brand, ready for every output. */
  readonly brand: BrandLook
  /** Message catalogues (kit's, the project's over them); the workshop's own translator is content.messages. */
  readonly catalogues: Catalogues
}

/** A project as loaded, with what loading found and read; `project` is undefined when workshop.yaml is unusable. */
export interface Loaded {
  project?: Project
  problems: Problems
  /** Every file and folder read so far; the pipeline adds the images and fonts it reads. */
  inputs: InputLog
}

export { KIT_ROOT }

/** How a project is loaded. */
export interface LoadOptions {
  /** The day of the run (a source's `checked` date may not be after it); default: the clock's. */
  today?: Date
}

export async function loadProject(folder: string, options: LoadOptions = {}): Promise<Loaded> {
  // Resolved as KIT_ROOT is, so kit's own folder loaded as a project reads its templates once.
  const root = path.resolve(folder)
  const problems = new Problems()
  const inputs = new InputLog()
  const catalogues = await readCatalogues(root, inputs, problems)
  const sources = await readSources(root, problems, inputs, catalogues.merged.keys())
  const templateFiles = themesOnly(await readTemplates(root, problems, inputs), problems)
  const fonts = await readFonts(root, inputs, problems)
  const texts = sourceTexts([sources.workshop, sources.glossary, ...sources.modules, ...sources.exercises, ...sources.quiz, ...(sources.translations ?? []), ...templateFiles], catalogues)
  const parsed = loadContent(sources, createMarp(themeOf(templateFiles)), problems, catalogues.merged, options.today ?? new Date())
  if (!parsed) return { problems, inputs }
  const brand = await loadBrand(parsed.workshop.brand, root, parsed.locateWorkshop?.(['brand', 'logo']) ?? { file: LAYOUT.workshop }, inputs, problems)
  // The brand's colours reach the slides through the theme (slide counts and notes do not depend on them).
  const themeCss = themeOf(templateFiles).map((css) => `${css}${brand.css}`)
  const marp = createMarp(themeCss)
  const content: Content = {
    ...parsed,
    // A logo already reported missing is left out of the deck, so the mistake is reported once.
    workshop: parsed.workshop.brand?.logo && !brand.logo ? { ...parsed.workshop, brand: { ...parsed.workshop.brand, logo: undefined } } : parsed.workshop,
    translations: loadTranslations(sources.translations ?? [], parsed, sources.quiz, marp, problems),
    labResults: await readLabResults(root, problems, inputs),
    liveRuns: await readLiveRuns(root, inputs),
  }
  const printCss = `${templateFiles.find((f) => f.path === `${LAYOUT.templates}/print.css`)?.text ?? ''}${brand.css}`
  const templates = createTemplates(
    templateFiles.filter((f) => f.path.endsWith('.hbs')),
    problems,
  )
  return { project: { root, content, marp, templates, themeCss, fonts, printCss, brand, texts, catalogues }, problems, inputs }
}

/** The template files without the theme CSS files marp-core refuses, each a problem at its file. */
function themesOnly(templateFiles: SourceText[], problems: Problems): SourceText[] {
  return templateFiles.filter((f) => {
    const error = f.path.startsWith(`${LAYOUT.templates}/theme/`) && f.path.endsWith('.css') ? themeError(f.text) : undefined
    if (error) {
      problems.add({
        code: 'KIT_THEME_CSS',
        message: `${f.path} is not a Marp theme: ${error}`,
        hint: 'Start the file with a comment naming the theme, /* @theme my-theme */, and set `theme: my-theme` in workshop.yaml; CSS that is not a theme goes in a <style> of a module.',
        location: { file: f.path, line: 1, column: 1 },
      })
    }
    return !error
  })
}

/** The theme CSS files among the template files. */
function themeOf(templateFiles: readonly SourceText[]): string[] {
  return templateFiles.filter((f) => f.path.startsWith(`${LAYOUT.templates}/theme/`) && f.path.endsWith('.css')).map((f) => f.text)
}

/** Every text a problem can point into, by project path (a project's catalogue over kit's). */
function sourceTexts(files: readonly (SourceText | undefined)[], catalogues: Catalogues): Map<string, string> {
  const texts = new Map<string, string>()
  for (const f of files) if (f) texts.set(f.path, f.text)
  for (const f of catalogues.files) if (f.origin === 'project' || !texts.has(f.path)) texts.set(f.path, f.source)
  return texts
}

const FONTS_FILE = `${LAYOUT.templates}/theme/fonts.json`

/** The families templates/theme/fonts.json lists, resolved to their files; each mistake is a problem at its line. */
async function readFonts(root: string, inputs: InputLog, problems: Problems): Promise<FontFamily[]> {
  // The project's fonts.json replaces kit's, like every other template file.
  const own = root === KIT_ROOT ? undefined : await inputs.read(path.join(root, FONTS_FILE))
  const bytes = own ?? (await inputs.read(path.join(KIT_ROOT, FONTS_FILE)))
  if (!bytes) return []
  const text = decodeSource(bytes, FONTS_FILE, problems)
  if (text === undefined || !jsonSyntaxOk(text, problems)) return []
  const yaml = parseYamlSource(text, FONTS_FILE, problems)
  const file = yaml && validateWith(fontsFileSchema, yaml, problems, 'templates/theme/fonts.json')
  if (!yaml || !file) return []
  // Font packages are found the Node way: the project's own first, then kit's.
  const roots = root === KIT_ROOT ? [KIT_ROOT] : [root, KIT_ROOT]
  return resolveFonts(file.fonts, roots, inputs, (i) => yaml.locate(['fonts', i, 'file' in (file.fonts[i] ?? {}) ? 'file' : 'package']), problems)
}

/** JSON.parse's verdict, as a problem at the line and column it names. */
function jsonSyntaxOk(text: string, problems: Problems): boolean {
  try {
    JSON.parse(text)
    return true
  } catch (error) {
    const message = (error as Error).message
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0)
    problems.add({
      code: 'KIT_JSON_SYNTAX',
      message: `${FONTS_FILE} is not valid JSON: ${message.replace(/\s*\(line \d+ column \d+\)$/, '').replace(/ in JSON at position \d+.*$/, '')}.`,
      location: { file: FONTS_FILE, ...positionAt(text, offset) },
    })
    return false
  }
}

/** lab-results.json, written by `kit labs`; a damaged file is ignored with a warning. */
async function readLabResults(root: string, problems: Problems, inputs: InputLog): Promise<LabResults | undefined> {
  const bytes = await inputs.read(path.join(root, RESULTS_FILE))
  if (!bytes) return undefined
  const results = parseLabResults(bytes.toString('utf8'))
  if (results) return results
  problems.warn({
    code: 'KIT_LAB_RESULTS',
    message: `${RESULTS_FILE} is not a results file kit labs wrote; exercises are shown as never verified.`,
    hint: `Run kit labs again to rewrite it, or delete ${RESULTS_FILE}.`,
    location: { file: RESULTS_FILE },
  })
  return undefined
}

/**
 * kit's templates, with the project's own files in templates/ taking the
 * place of kit's file by file (a page, a partial, the theme, print.css):
 * a project changes one file without copying the others.
 */
async function readTemplates(root: string, problems: Problems, inputs: InputLog): Promise<SourceText[]> {
  const files = new Map<string, SourceText>()
  for (const base of root === KIT_ROOT ? [KIT_ROOT] : [KIT_ROOT, root]) {
    for (const file of await templateFilesIn(base, problems, inputs)) files.set(file.path, file)
  }
  if (![...files.keys()].some((p) => p.endsWith('.hbs'))) {
    problems.add({ code: 'KIT_NO_TEMPLATES', message: 'No templates/ folder with .hbs templates was found.', hint: 'Reinstall workshop-kit: its templates/ folder is missing.' })
  }
  return [...files.values()].sort((a, b) => a.path.localeCompare(b.path))
}

/** The .hbs and .css files below `base`/templates, as project paths. */
async function templateFilesIn(base: string, problems: Problems, inputs: InputLog): Promise<SourceText[]> {
  // A stylesheet's url() may name files of its project, or of kit's own templates.
  const cssRoots = [base, path.join(KIT_ROOT, LAYOUT.templates)]
  const out: SourceText[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await inputs.list(path.join(base, dir))) {
      const rel = `${dir}/${entry.name}`
      if (entry.isDirectory()) await walk(rel)
      else if (/\.(hbs|css)$/.test(entry.name)) {
        const absolute = path.join(base, rel)
        const text = decodeSource((await inputs.read(absolute)) ?? Buffer.alloc(0), rel, problems)
        if (text === undefined) continue
        out.push({ path: rel, text: rel.endsWith('.css') ? await inlineCssFiles(text, rel, absolute, inputs, problems, cssRoots) : text })
      }
    }
  }
  await walk(LAYOUT.templates)
  return out
}
