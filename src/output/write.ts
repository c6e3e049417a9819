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
import { homeView } from '../render/views/landing.ts'
import { zipFolder } from '../export/zip.ts'
import type { OutputFile } from './build-result.ts'
import { pageStyles } from './edition-files.ts'
import { languageLinks } from './language-links.ts'
import { swapIn } from './swap.ts'

/**
 * Stage write: every edition's files into a staging folder beside `out`,
 * its zip, each language's home page (listing the editions built now and
 * those kept from the last build), then the staging folder swapped in.
 * `outputs[i]` holds the files of `units[i]`.
 */
export async function writeOutput(
  project: Project,
  units: readonly LanguageEdition[],
  outputs: readonly Map<string, OutputFile>[],
  options: { out: string; staging: string; zip: boolean },
  emit: (event: BuildEvent) => void,
): Promise<void> {
  const { out, staging } = options
  emit({ type: 'stage', stage: 'write', total: outputs.length })
  for (const [i, unit] of units.entries()) {
    const files = outputs[i]
    if (!files) continue
    await writeFiles(path.join(staging, unit.dir), files)
    if (!options.zip) continue
    // Zipping is cheap next to printing, and a cached copy would double the disk it takes.
    // The zip's one folder is named like the edition and, outside the source language, its language (de-talk/): unzipped side by side, they do not mix.
    const zip = await zipFolder(unit.dir.replace('/', '-'), new Map([...files].map(([p, f]) => [p, typeof f.data === 'string' ? Buffer.from(f.data) : f.data])))
    await writeFile(path.join(staging, `${unit.dir}.zip`), zip)
    emit({ type: 'file', edition: '', path: `${unit.dir}.zip`, bytes: zip.byteLength })
  }
  for (const lang of languagesOf(project.content)) await writeHome(project, units, lang, out, staging)
  await swapIn(staging, out)
}

/** A language's home page; editions of that language not rebuilt this time stay as they were. */
async function writeHome(project: Project, units: readonly LanguageEdition[], lang: string, out: string, staging: string): Promise<void> {
  const { content } = contentInLanguage(project.content, lang)
  const dir = languageDir(project.content, lang)
  const ours = units.filter((u) => u.lang === lang)
  const built = ours.map((u) => u.rendered.plan)
  const kept = await keepOtherEditions(content, dir, built, out, staging)
  if (built.length + kept.length === 0) return
  const fonts = [...new Set(ours.flatMap((u) => u.rendered.fontCss.split('\n')))].join('\n')
  const home = homeView(content, pageStyles(project, fonts), [...kept, ...built], languageLinks(project.content, lang))
  await mkdir(path.join(staging, dir), { recursive: true })
  await writeFile(path.join(staging, dir, 'index.html'), project.templates.render('home', home, content.messages))
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
