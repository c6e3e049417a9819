import type { BuildEvent } from '../core/build-events.ts'
import type { Project } from '../load/project.ts'
import type { Format } from '../plan/edition-plan.ts'
import type { LanguageEdition } from '../render/editions.ts'
import type { PageStyles } from '../render/views/common.ts'
import { landingView, otherSetPage } from '../render/views/landing.ts'
import type { Audience } from '../core/audience.ts'
import type { ArtefactFile } from '../export/artefacts.ts'
import { byteLength, type OutputFile } from './build-result.ts'
import { languageLinks } from './language-links.ts'
import { editionManifest } from './manifest.ts'

/**
 * Every output file of one edition, in the order they are listed: its text
 * outputs, slides.html, the browser artefacts, then the landing page that
 * lists them all (sizes and pages) and the manifest of every file.
 */
export function editionFiles(
  unit: LanguageEdition,
  audience: Audience,
  formats: readonly Format[],
  slidesHtml: string | undefined,
  browserFiles: readonly ArtefactFile[],
  emit: (event: BuildEvent) => void,
): Map<string, OutputFile> {
  const { project, rendered: edition } = unit
  const set = edition.sets[audience]
  const files = new Map<string, OutputFile>()
  const add = (file: string, data: string | Uint8Array, pages?: number, origin: OutputFile['origin'] = 'rendered', seconds = 0) => {
    files.set(file, { data, pages, origin, seconds })
    emit({ type: 'file', edition: `${audience}/${unit.dir}`, path: file, bytes: byteLength(data), pages })
  }
  const html = formats.includes('html')
  for (const [file, data] of set.files) if (html || !file.endsWith('.html')) add(file, data)
  if (slidesHtml !== undefined) add('slides.html', slidesHtml)
  for (const file of browserFiles) add(file.path, file.data, file.pages, file.origin, file.seconds)
  const listed = [...files].map(([p, f]) => ({ path: p, bytes: byteLength(f.data), pages: f.pages }))
  const language = { links: languageLinks(unit.source, unit.lang, edition.plan.edition.id), untranslated: unit.untranslated, sourceLanguage: unit.source.workshop.language }
  const note = { audience, learnerPage: audience === 'instructor' ? otherSetPage(unit.dir, 'learner') : undefined }
  const view = landingView(project.content, edition.plan, pageStyles(project, edition.fontCss), edition.meta.title, listed, set.labels, note, language)
  add('index.html', project.templates.render('index', view, edition.messages))
  add('manifest.json', JSON.stringify(editionManifest(project, edition, files), null, 2))
  return files
}

/** The styles every page of kit's own carries: the edition's fonts, print.css and the brand. */
export function pageStyles(project: Project, fontCss: string): PageStyles {
  return { fonts: fontCss, print: project.printCss, brand: project.brand }
}
