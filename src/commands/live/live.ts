import path from 'node:path'
import { KitError, Problems, usageError } from '../../core/problems.ts'
import { contentInLanguage } from '../../load/language-content.ts'
import { loadProject, type Project } from '../../load/project.ts'
import { languagesOf } from '../../load/translations.ts'
import { languageDir } from '../../render/editions.ts'
import { build } from '../build.ts'
import { allowedHosts, hostName, resolveBinding, type Binding } from './address.ts'
import { renderLiveDeck } from './deck.ts'
import { liveWords, renderPages } from './pages.ts'
import { qrSvg } from './qr.ts'
import { Room } from './room.ts'
import { outlineOfModel, roomModel } from './room-model.ts'
import { learnerFiles } from './routes-pages.ts'
import { DEFAULT_LIMITS, openServer, serveRoom, type Limits, type RunningServer } from './server.ts'
import { liveDir, lockSession, newSessionId, resumable, sessionFile } from './session.ts'
import { SessionStore } from './store.ts'
import { newRoomCode } from './tokens.ts'
import { writeSummary } from './summary.ts'

/**
 * `kit live`: one room for one session, served from this machine. Loads
 * the project, builds the edition's HTML when it is not up to date (into
 * .kit-live/site/), opens or resumes the session, renders the live deck
 * with its join slide, and serves the room. Returns the addresses and the
 * trainer's link; printing them is the CLI's job.
 */
export interface LiveOptions {
  root: string
  edition?: string
  lang?: string
  /** undefined (loopback), "lan", or an address of this machine. */
  host?: string
  /** 0 for a free port; default the resumed session's port, else 7373. */
  port?: number
  /** Start a new session even when one could be resumed. */
  fresh?: boolean
  limits?: Partial<Limits>
  now?: () => number
}

export interface LiveRoom {
  session: string
  /** The session's database file. */
  file: string
  resumed: boolean
  edition: string
  lang: string
  code: string
  binding: Binding
  port: number
  /** What learners open (the QR code holds it with the code). */
  joinUrl: string
  /** The join URL with the room code in it, as the QR code carries it. */
  joinLink: string
  /** The trainer's presenter page; its token is in the fragment. */
  presenterUrl: string
  room: Room
  server: RunningServer
  /** Stops serving, writes the session's figures for the guide, closes the file. */
  close(): Promise<void>
}

export const DEFAULT_PORT = 7373

export async function startLive(options: LiveOptions): Promise<LiveRoom> {
  const now = options.now ?? Date.now
  const binding = resolveBinding(options.host)
  if ('error' in binding) throw usageError('KIT_LIVE_HOST', binding.error, 'kit live serves loopback by default; --host lan serves the room’s network.')
  const loaded = await loadProject(options.root)
  if (!loaded.project) throw new KitError(loaded.problems.list)
  loaded.problems.throwIfErrors()
  const source = loaded.project
  const { edition, lang } = pickEdition(source, options)
  const project: Project = { ...source, content: contentInLanguage(source.content, lang).content }
  const resumed = options.fresh ? undefined : resumable(options.root, edition, lang, now())
  const id = resumed?.id ?? newSessionId(options.root, edition, lang, source.content.workshop.language, new Date(now()))
  const lock = lockSession(options.root, id)
  if ('heldBy' in lock)
    throw usageError('KIT_LIVE_BUSY', `The session ${id} is being served by another kit live (process ${lock.heldBy}).`, 'Stop that one first, or start another session with kit live --new.')
  try {
    return await openRoom(options, { project, source, loaded, edition, lang, id, resumed: resumed !== undefined, binding, release: lock.release, now })
  } catch (error) {
    lock.release()
    throw error
  }
}

/** The edition and language to serve: as asked, or the only edition and the workshop's own language. */
function pickEdition(project: Project, options: LiveOptions): { edition: string; lang: string } {
  const { content } = project
  const lang = options.lang ?? content.workshop.language
  if (!languagesOf(content).includes(lang)) throw usageError('KIT_UNKNOWN_LANGUAGE', `workshop.yaml does not build ${lang}.`, `Languages: ${languagesOf(content).join(', ')}.`)
  const editions = contentInLanguage(content, lang).content.workshop.editions
  if (options.edition !== undefined) {
    if (!editions.some((e) => e.id === options.edition)) throw usageError('KIT_UNKNOWN_EDITION', `Unknown edition: ${options.edition}.`, `Editions: ${editions.map((e) => e.id).join(', ')}.`)
    return { edition: options.edition, lang }
  }
  if (editions.length === 1 && editions[0]) return { edition: editions[0].id, lang }
  throw usageError('KIT_LIVE_EDITION', `This workshop has ${editions.length} editions; say which one the room follows.`, `kit live --edition ID, with one of: ${editions.map((e) => e.id).join(', ')}.`)
}

interface Opening {
  project: Project
  source: Project
  loaded: Awaited<ReturnType<typeof loadProject>>
  edition: string
  lang: string
  id: string
  resumed: boolean
  binding: Binding
  release: () => void
  now: () => number
}

async function openRoom(options: LiveOptions, o: Opening): Promise<LiveRoom> {
  const site = path.join(liveDir(options.root), 'site')
  const built = await build({ root: options.root, out: site, editions: [o.edition], languages: [o.lang], formats: ['html'], zip: false, loaded: o.loaded })
  const store = SessionStore.open(sessionFile(options.root, o.id))
  const meta = store.meta()
  const code = meta.code ?? newRoomCode()
  const opened = await listenFor(store, o.binding, options.port ?? (meta.port ? Number(meta.port) : DEFAULT_PORT))
  const origin = `http://${hostName(o.binding.public)}:${opened.port}`
  if (!meta.created) Room.createTrainer(store, trainerName(o.project), o.now())
  store.setMeta({ version: '1', edition: o.edition, lang: o.lang, code, port: String(opened.port), host: o.binding.public, created: meta.created ?? String(o.now()) })
  const joinLink = `${origin}/?code=${code}`
  const deck = await joinDeck(o, origin, code, joinLink)
  const model = roomModel(deck, o.project.content)
  store.setMeta({ outline: JSON.stringify(outlineOfModel(model)) })
  const room = new Room(store, model, o.now)
  const dir = `${languageDir(o.source.content, o.lang)}${o.edition}`
  const files = built.editions.find((e) => e.id === dir)?.files.map((f) => f.path) ?? []
  const pages = await renderPages(o.project, o.project.content.messages, o.project.content.workshop.title)
  const server = serveRoom(opened, {
    room,
    deck,
    code,
    notes: deck.notes,
    time: (minute) => o.project.content.messages.time(minute),
    hosts: allowedHosts(o.binding, opened.port),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    links: { helper: (token) => `${origin}/present#t=${token}` },
    assets: {
      pages,
      deckCss: deck.css,
      fontCss: deck.fontCss,
      site: path.join(site, dir),
      learnerFiles: learnerFiles(
        deck.plan.exercises.map((e) => e.id),
        files,
      ),
    },
  })
  return {
    session: o.id,
    file: store.file,
    resumed: o.resumed,
    edition: o.edition,
    lang: o.lang,
    code,
    binding: o.binding,
    port: opened.port,
    joinUrl: `${origin}/`,
    joinLink,
    presenterUrl: `${origin}/present#t=${room.tokenOf(room.state.trainer)}`,
    room,
    server,
    async close() {
      await server.close()
      await writeSummary(options.root, o.id, store).catch(() => undefined)
      store.close()
      o.release()
    },
  }
}

/** The open server, or a usage problem that says why it could not listen. */
async function listenFor(store: SessionStore, binding: Binding, port: number) {
  return openServer(binding.bind, port).catch((error: NodeJS.ErrnoException) => {
    store.close()
    throw error.code === 'EADDRINUSE'
      ? usageError('KIT_LIVE_PORT', `Port ${port} is in use on ${binding.bind}.`, 'Stop what uses it, or pass --port N (--port 0 takes a free one).')
      : usageError('KIT_LIVE_HOST', `Cannot listen on ${binding.bind}:${port}: ${error.message}.`, 'Pick an address of this machine with --host, or leave --host out for loopback.')
  })
}

function trainerName(project: Project): string {
  const first = project.content.workshop.authors[0]
  return (typeof first === 'string' ? first : first?.name) ?? project.content.messages.t('live.presenter.trainer')
}

/** The edition's deck with the join slide in front, in the room's language. */
async function joinDeck(o: Opening, origin: string, code: string, joinLink: string) {
  const { t } = o.project.content.messages
  const edition = o.project.content.workshop.editions.find((e) => e.id === o.edition)
  if (!edition) throw usageError('KIT_UNKNOWN_EDITION', `Unknown edition: ${o.edition}.`)
  const join = {
    heading: t('live.join.slideHeading'),
    lines: [
      { label: t('live.join.open'), value: `${origin}/` },
      { label: t('live.join.code'), value: code },
    ],
    qrSvg: await qrSvg(joinLink),
    notes: t('live.join.notes'),
  }
  return renderLiveDeck(o.project, edition, join, Object.values(liveWords(o.project, o.lang).messages), { problems: new Problems(), inputs: o.loaded.inputs })
}
