import path from 'node:path'
import { KitError, Problems, usageError } from '../../core/problems.ts'
import { contentInLanguage } from '../../load/language-content.ts'
import { loadProject, type Project } from '../../load/project.ts'
import { languagesOf } from '../../load/translations.ts'
import { languageDir } from '../../render/editions.ts'
import { renderLiveDeck } from './deck.ts'
import type { SessionOutline } from './figures.ts'
import { liveWords, renderPages } from './pages.ts'
import { qrSvg } from './qr.ts'
import { outlineOfModel, roomModel, type RoomModel } from './room-model.ts'
import { learnerFiles } from './routes-pages.ts'

/**
 * Everything a room needs from the project, made once at start: the
 * edition and language, its HTML build (for the learner sheets), the live
 * deck with its join slide, the room model, the pages. The work that loads
 * the pipeline (marp-core, the font subsetter, the build) happens here; the
 * result is plain data, so it can be made in a worker whose memory is
 * returned when it ends (live.ts), leaving the server small.
 */
export interface PrepareInput {
  root: string
  edition?: string
  lang?: string
}

/** What the edition is, for the session to be chosen before the deck is made. */
export interface Picked {
  edition: string
  lang: string
  sourceLang: string
  trainer: string
}

/** Where the room is reachable, known once the server listens. */
export interface Address {
  origin: string
  code: string
  joinLink: string
}

export interface Prepared {
  deck: { slides: string[]; css: string; fontCss: string; notes: string[] }
  model: RoomModel
  outline: SessionOutline
  pages: { learner: string; presenter: string; screen: string; css: string }
  /** The edition's build folder and the learner files in it that may be served. */
  site: string
  learnerFiles: string[]
  /** Minute of the day → clock time written the language's way. */
  times: string[]
}

export async function prepareRoom(input: PrepareInput, place: (picked: Picked) => Promise<Address>): Promise<Prepared> {
  const loaded = await loadProject(input.root)
  if (!loaded.project) throw new KitError(loaded.problems.list)
  loaded.problems.throwIfErrors()
  const source = loaded.project
  const picked = pickEdition(source, input)
  const project: Project = { ...source, content: contentInLanguage(source.content, picked.lang).content }
  const address = await place(picked)
  const siteRoot = path.join(input.root, '.kit-live', 'site')
  const { build } = await import('../build.ts')
  const built = await build({ root: input.root, out: siteRoot, editions: [picked.edition], languages: [picked.lang], formats: ['html'], zip: false, loaded })
  const { t } = project.content.messages
  const edition = project.content.workshop.editions.find((e) => e.id === picked.edition)!
  const join = {
    heading: t('live.join.slideHeading'),
    lines: [
      { label: t('live.join.open'), value: `${address.origin}/` },
      { label: t('live.join.code'), value: address.code },
    ],
    qrSvg: await qrSvg(address.joinLink),
    notes: t('live.join.notes'),
  }
  const deck = await renderLiveDeck(project, edition, join, Object.values(liveWords(project, picked.lang).messages), { problems: new Problems(), inputs: loaded.inputs })
  const model = roomModel(deck, project.content)
  // Learners are served from the learner set only: the instructor set is never a candidate.
  const dir = `learner/${languageDir(source.content, picked.lang)}${picked.edition}`
  const files = built.editions.find((e) => e.id === dir)?.files.map((f) => f.path) ?? []
  const pages = await renderPages(project, project.content.messages, project.content.workshop.title)
  return {
    deck: { slides: deck.slides, css: deck.css, fontCss: deck.fontCss, notes: deck.notes },
    model,
    outline: outlineOfModel(model),
    pages,
    site: path.join(siteRoot, dir),
    learnerFiles: [
      ...learnerFiles(
        deck.plan.exercises.map((e) => e.id),
        files,
      ),
    ],
    times: Array.from({ length: 24 * 60 }, (_, m) => project.content.messages.time(m)),
  }
}

/** The edition and language to serve: as asked, or the only edition and the workshop's own language. */
function pickEdition(project: Project, input: PrepareInput): Picked {
  const { content } = project
  const lang = input.lang ?? content.workshop.language
  if (!languagesOf(content).includes(lang)) throw usageError('KIT_UNKNOWN_LANGUAGE', `workshop.yaml does not build ${lang}.`, `Languages: ${languagesOf(content).join(', ')}.`)
  const inLanguage = contentInLanguage(content, lang).content
  const editions = inLanguage.workshop.editions
  const first = inLanguage.workshop.authors[0]
  const trainer = (typeof first === 'string' ? first : first?.name) ?? inLanguage.messages.t('live.presenter.trainer')
  const picked = (edition: string) => ({ edition, lang, sourceLang: content.workshop.language, trainer })
  if (input.edition !== undefined) {
    if (!editions.some((e) => e.id === input.edition)) throw usageError('KIT_UNKNOWN_EDITION', `Unknown edition: ${input.edition}.`, `Editions: ${editions.map((e) => e.id).join(', ')}.`)
    return picked(input.edition)
  }
  if (editions.length === 1 && editions[0]) return picked(editions[0].id)
  throw usageError('KIT_LIVE_EDITION', `This workshop has ${editions.length} editions; say which one the room follows.`, `kit live --edition ID, with one of: ${editions.map((e) => e.id).join(', ')}.`)
}
