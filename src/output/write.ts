import { existsSync } from 'node:fs'
import { cp, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { BuildEvent } from '../core/build-events.ts'
import type { Content } from '../load/content.ts'
import { contentInLanguage } from '../load/language-content.ts'
import type { Project } from '../load/project.ts'
import { languagesOf } from '../load/translations.ts'
import { planEdition, type EditionPlan } from '../plan/edition-plan.ts'
import { languageDir, type LanguageEdition } from '../render/editions.ts'
import { mergeFaces } from '../render/font-faces.ts'
import { homeView, languageName, overviewView } from '../render/views/landing.ts'
import { AUDIENCES, type Audience } from '../core/audience.ts'
import { zipFolder } from '../export/zip.ts'
import type { OutputFile } from './build-result.ts'
import { pageStyles } from './edition-files.ts'
import { languageLinks } from './language-links.ts'
import { swapIn } from './swap.ts'
import { timed } from '../core/timings.ts'

/** The files of one edition's set, ready to write. */
export interface SetOutput {
  unit: LanguageEdition
  audience: Audience
  files: Map<string, OutputFile>
}

/**
 * Stage write, into a staging folder beside `out` that is then swapped in:
 * each set's editions under `learner/` and `instructor/` (the learner
 * folder is the one to publish), each with its zip; each set's home page
 * per language (listing the editions built now and those kept from the
 * last build); and `index.html`, the trainer's overview of both sets.
 */
export async function writeOutput(project: Project, outputs: readonly SetOutput[], options: { out: string; staging: string; zip: boolean }, emit: (event: BuildEvent) => void): Promise<void> {
  const { out, staging } = options
  emit({ type: 'stage', stage: 'write', total: outputs.length })
  for (const { unit, audience, files } of outputs) await timed('write: files', () => writeFiles(path.join(staging, `${audience}/${unit.dir}`), files))
  // Zipping is cheap next to printing, and a cached copy would double the disk it takes.
  // All at once: each deflates in zlib's threads.
  if (options.zip) await Promise.all(outputs.map((output) => writeZip(output, staging, emit)))
  const units = [...new Set(outputs.map((o) => o.unit))]
  const languages: { label: string; dir: string; plans: EditionPlan[] }[] = []
  for (const lang of languagesOf(project.content)) {
    const plans = await writeHomes(project, units, lang, out, staging)
    if (plans.length > 0) languages.push({ label: languageName(lang, project.content.workshop.language), dir: languageDir(project.content, lang), plans })
  }
  const overview = overviewView(project.content, pageStyles(project, units[0]?.rendered.fontCss ?? ''), languages)
  await writeFile(path.join(staging, 'index.html'), project.templates.render('overview', overview, project.content.messages))
  await timed('write: swap', () => swapIn(staging, out))
}

/** A set's zip: its one folder is named like the edition, its language outside the source language and its set (de-talk-instructor/), so unzipped side by side they do not mix. */
async function writeZip({ unit, audience, files }: SetOutput, staging: string, emit: (event: BuildEvent) => void): Promise<void> {
  const folder = `${unit.dir.replace('/', '-')}${audience === 'instructor' ? '-instructor' : ''}`
  const zip = await timed('write: zip', () => zipFolder(folder, new Map([...files].map(([p, f]) => [p, typeof f.data === 'string' ? Buffer.from(f.data) : f.data]))))
  await writeFile(path.join(staging, `${audience}/${unit.dir}.zip`), zip)
  emit({ type: 'file', edition: audience, path: `${unit.dir}.zip`, bytes: zip.byteLength })
}

/** A language's home page in each set; editions of that language not rebuilt this time stay as they were. Returns the editions listed. */
async function writeHomes(project: Project, units: readonly LanguageEdition[], lang: string, out: string, staging: string): Promise<EditionPlan[]> {
  const { content } = contentInLanguage(project.content, lang)
  const dir = languageDir(project.content, lang)
  const ours = units.filter((u) => u.lang === lang)
  const built = ours.map((u) => u.rendered.plan)
  const fonts = mergeFaces(ours.map((u) => u.rendered.fonts))
    .map((f) => f.rule)
    .join('\n')
  let listed: EditionPlan[] = []
  for (const audience of AUDIENCES) {
    const kept = await keepOtherEditions(content, `${audience}/${dir}`, built, out, staging)
    if (built.length + kept.length === 0) continue
    listed = [...kept, ...built]
    const home = homeView(content, pageStyles(project, fonts), listed, languageLinks(project.content, lang), audience)
    await mkdir(path.join(staging, audience, dir), { recursive: true })
    await writeFile(path.join(staging, audience, dir, 'index.html'), project.templates.render('home', home, content.messages))
  }
  const order = content.workshop.editions.map((e) => e.id)
  return listed.sort((a, b) => order.indexOf(a.edition.id) - order.indexOf(b.edition.id))
}

/** Copies the previous output of one language's editions that this build does not rebuild. */
async function keepOtherEditions(content: Content, dir: string, rendered: readonly EditionPlan[], out: string, staging: string): Promise<EditionPlan[]> {
  const built = new Set(rendered.map((r) => r.edition.id))
  const kept: EditionPlan[] = []
  for (const edition of content.workshop.editions) {
    const at = `${dir}${edition.id}`
    if (built.has(edition.id) || !existsSync(path.join(out, at, 'index.html'))) continue
    await cp(path.join(out, at), path.join(staging, at), { recursive: true })
    if (existsSync(path.join(out, `${at}.zip`))) await cp(path.join(out, `${at}.zip`), path.join(staging, `${at}.zip`))
    kept.push(planEdition(content, edition))
  }
  return kept
}

async function writeFiles(dir: string, files: ReadonlyMap<string, OutputFile>): Promise<void> {
  for (const [file, { data }] of files) {
    const target = path.join(dir, file)
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, data)
  }
}
