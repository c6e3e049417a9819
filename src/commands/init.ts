import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { filesBelow } from '../load/files-below.ts'
import path from 'node:path'
import { BASE_LANGUAGE, defaultPaper, lookupChain } from '../core/messages.ts'
import { kitCatalogues } from '../load/catalogues.ts'
import { type FontEntry, prefers } from '../load/font-packages.ts'
import { KIT_ROOT } from '../core/kit-root.ts'
import { usageError } from '../core/problems.ts'
import { kitVersion } from '../load/tool-versions.ts'
import { filesInLanguage, renderStarter } from './starter-templates.ts'

/**
 * `kit init [DIR]`: a new workshop project that builds at once, with kit as
 * a dev dependency: package.json with the usual scripts, a workshop with one
 * edition, one module, one exercise, a quiz question and a glossary, a
 * README for the author, .gitignore, and a GitHub Actions workflow that
 * checks pull requests and publishes dist/ to GitHub Pages. Templates and
 * theme stay kit's until the project adds its own. The workshop's language
 * is the environment's unless given, and its paper that region's; the
 * starter's text is in that language when kit has it (templates/init, a
 * translation beside each English file), else English. Asks nothing;
 * refuses a folder that is not empty unless `force`.
 */
export interface InitOptions {
  title?: string
  force?: boolean
  /** The workshop's language, a BCP 47 tag (default: the environment's, from LC_ALL, LC_MESSAGES or LANG; else en). */
  language?: string
  /** Where the default language comes from (default: process.env). */
  env?: NodeJS.ProcessEnv
  /** The event date written into workshop.yaml (default: four weeks from today). */
  today?: Date
}

const STARTER = path.join(KIT_ROOT, 'templates', 'init')

/** Starter files whose names npm would not ship as they are. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore', 'github/workflows/kit.yml': '.github/workflows/kit.yml' }

/** Files copied byte for byte: the workflow's own `${{ }}` expressions are not placeholders. */
const VERBATIM = new Set(['github/workflows/kit.yml'])

/** What `kit init` made: the files it wrote, and the language, paper and font packages it chose. */
export interface InitResult {
  files: string[]
  language: string
  paper: 'a4' | 'letter'
  /** Whether kit has a catalogue for the language (else its words stay English). */
  catalogue: boolean
  /** Font packages added to devDependencies for the language's script. */
  fonts: string[]
}

export async function initProject(dir: string, options: InitOptions = {}): Promise<InitResult> {
  const target = path.resolve(dir)
  const existing = await readdir(target).catch(() => [] as string[])
  if (existing.length > 0 && !options.force) {
    throw usageError(
      'KIT_INIT_NOT_EMPTY',
      `${target} is not empty (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''}).`,
      'Run kit init in a new or empty folder, or pass --force to add the starter files (existing files are never overwritten).',
    )
  }
  const title = options.title ?? titleFromFolder(target)
  const event = new Date((options.today ?? new Date()).getTime() + 28 * 24 * 3600 * 1000)
  const { language, paper, catalogue } = initLanguage(options)
  const fonts = fontPackagesFor(language)
  const view = { title, date: event.toISOString().slice(0, 10), language, paper }
  const created: string[] = []
  for (const [file, source] of filesInLanguage(await filesBelow(STARTER), language)) {
    const name = RENAMED[file] ?? file
    const destination = path.join(target, name)
    if (existsSync(destination)) continue
    const text = await readFile(path.join(STARTER, source), 'utf8')
    await mkdir(path.dirname(destination), { recursive: true })
    await writeFile(destination, VERBATIM.has(file) ? text : renderStarter(text, view), { flag: 'wx' })
    created.push(name)
  }
  const pkg = path.join(target, 'package.json')
  if (!existsSync(pkg)) {
    await writeFile(pkg, `${JSON.stringify(packageJson(target, fonts), null, 2)}\n`, { flag: 'wx' })
    created.push('package.json')
  } else if (await addToPackageJson(pkg, fonts)) {
    created.push('package.json (scripts added)')
  }
  return { files: created.sort(), language, paper, catalogue, fonts: Object.keys(fonts) }
}

const SCRIPTS = { build: 'kit build', check: 'kit check', dev: 'kit dev', labs: 'kit labs', list: 'kit list' }

/** Scripts a language's text is written in, as fonts.json names them (Japanese: kana and Han). */
const SCRIPT_PARTS: Record<string, string[]> = { Jpan: ['Hira', 'Kana', 'Hani'], Hans: ['Hani'], Hant: ['Hani', 'Bopo'], Kore: ['Hang', 'Hani'] }

/**
 * The font package a language needs that kit does not install itself
 * (Noto Sans JP for ja), from kit's fonts.json: a starter project in that
 * language lists it, so its words print after npm install.
 */
function fontPackagesFor(language: string): Record<string, string> {
  let script: string | undefined
  try {
    script = new Intl.Locale(language).maximize().script
  } catch {
    return {}
  }
  const scripts = script ? (SCRIPT_PARTS[script] ?? [script]) : []
  const entries = (JSON.parse(readFileSync(path.join(KIT_ROOT, 'templates/theme/fonts.json'), 'utf8')) as { fonts: FontEntry[] }).fonts
  const kit = JSON.parse(readFileSync(path.join(KIT_ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
  const packaged = entries.flatMap((f) => ('package' in f ? [f] : []))
  const candidates = packaged.filter((f) => !kit.dependencies?.[f.package] && f.scripts?.some((s) => scripts.includes(s)))
  const chosen = candidates.find((f) => prefers(f, language)) ?? candidates[0]
  // A package kit does not test with: the major version of fontsource kit reads (that of its own Inter).
  const major = /\d+/.exec(kit.dependencies?.['@fontsource/inter'] ?? '')?.[0] ?? '5'
  return chosen ? { [chosen.package]: kit.devDependencies?.[chosen.package] ?? `^${major}.0.0` } : {}
}

function packageJson(target: string, fonts: Record<string, string>) {
  return {
    name:
      path
        .basename(target)
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-|-$/g, '') || 'workshop',
    private: true,
    type: 'module',
    scripts: SCRIPTS,
    devDependencies: { 'workshop-kit': `^${kitVersion()}`, ...fonts },
  }
}

/** An existing package.json gets the scripts it lacks and kit (and the language's font) as dev dependencies, nothing else changed. */
async function addToPackageJson(file: string, fonts: Record<string, string>): Promise<boolean> {
  let pkg: { scripts?: Record<string, string>; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
  try {
    pkg = JSON.parse(await readFile(file, 'utf8')) as typeof pkg
  } catch {
    throw usageError('KIT_INIT_NOT_EMPTY', `${file} is not valid JSON, so kit init cannot add its scripts.`, 'Fix package.json, or run kit init in an empty folder.')
  }
  const scripts = { ...pkg.scripts }
  for (const [name, command] of Object.entries(SCRIPTS)) scripts[name] ??= command
  const wanted = { 'workshop-kit': `^${kitVersion()}`, ...fonts }
  const missing = Object.entries(wanted).filter(([name]) => !pkg.dependencies?.[name] && !pkg.devDependencies?.[name])
  const next = { ...pkg, scripts, ...(missing.length > 0 ? { devDependencies: { ...pkg.devDependencies, ...Object.fromEntries(missing) } } : {}) }
  if (JSON.stringify(next) === JSON.stringify(pkg)) return false
  await writeFile(file, `${JSON.stringify(next, null, 2)}\n`)
  return true
}

/**
 * The language and paper of a new workshop: the language asked for, else the
 * environment's when kit has a catalogue for it (so the starter project
 * passes kit check --strict), else English on the environment region's paper.
 */
export function initLanguage(options: Pick<InitOptions, 'language' | 'env'>): { language: string; paper: 'a4' | 'letter'; catalogue: boolean } {
  const language = options.language === undefined ? environmentLanguage(options.env ?? process.env) : languageTag(options.language)
  // No language, no region: English on A4, as most of the world prints.
  if (language === undefined) return { language: BASE_LANGUAGE, paper: 'a4', catalogue: true }
  const chain = lookupChain(language)
  const shipped = [...kitCatalogues().keys()]
  const catalogue = chain[0]?.split('-')[0] === BASE_LANGUAGE || chain.some((tag) => tag !== BASE_LANGUAGE && shipped.includes(tag))
  const chosen = catalogue || options.language !== undefined ? language : BASE_LANGUAGE
  return { language: chosen, paper: defaultPaper(language), catalogue }
}

/** A language tag as written in workshop.yaml, or a usage error for one Intl does not accept. */
function languageTag(value: string): string {
  try {
    const [tag] = Intl.getCanonicalLocales(value.replace(/_/g, '-'))
    if (tag) return tag
  } catch {
    // reported below
  }
  throw usageError('KIT_USAGE', `--lang ${value} is not a language tag.`, 'Use a BCP 47 tag such as en-GB, de, fr-CA or ja.')
}

/** The language of the environment (`de_DE.UTF-8` gives de-DE); undefined when it names none (C, POSIX, unset, unreadable). */
export function environmentLanguage(env: NodeJS.ProcessEnv): string | undefined {
  const raw = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').split(/[.@]/)[0] ?? ''
  if (raw === '' || raw === 'C' || raw === 'POSIX') return undefined
  try {
    return Intl.getCanonicalLocales(raw.replace(/_/g, '-'))[0]
  } catch {
    return undefined
  }
}

function titleFromFolder(target: string): string {
  const words = path.basename(target).replace(/[-_]+/g, ' ').trim()
  return words ? words.replace(/^./, (c) => c.toUpperCase()) : 'My workshop'
}
