import { existsSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { KIT_ROOT } from '../../core/kit-root.ts'
import { KitError, usageError, type Problem } from '../../core/problems.ts'
import { allowedHosts, hostName, resolveBinding, type Binding } from './address.ts'
import { readBundles } from './pages.ts'
import type { Address, Picked, Prepared, PrepareInput } from './prepare.ts'
import { Room } from './room.ts'
import { DEFAULT_LIMITS, openServer, serveRoom, type Limits, type RunningServer } from './server.ts'
import { lockSession, newSessionId, resumable, sessionFile } from './session.ts'
import { SessionStore } from './store.ts'
import { newRoomCode } from './tokens.ts'
import { writeSummary } from './summary.ts'

/**
 * `kit live`: one room for one session, served from this machine. The
 * project is loaded, the edition's HTML built when it is not up to date
 * (into .kit-live/site/) and the live deck rendered in a worker thread
 * (prepare.ts), whose memory goes when it ends; this thread chooses or
 * resumes the session, listens, and serves the room. Returns the
 * addresses and the trainer's link; printing them is the CLI's job.
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
  let opening: Opening | undefined
  try {
    const prepared = await prepare({ root: options.root, edition: options.edition, lang: options.lang }, async (picked) => {
      opening = await placeRoom(options, picked, binding, now)
      return opening.address
    })
    if (!opening) throw new Error('the room was prepared without a place')
    return await openRoom(options, opening, prepared)
  } catch (error) {
    opening?.store.close()
    await opening?.close()
    await opening?.release()
    throw error
  }
}

interface Opening {
  picked: Picked
  id: string
  resumed: boolean
  binding: Binding
  store: SessionStore
  code: string
  address: Address
  opened: Awaited<ReturnType<typeof openServer>>
  release: () => Promise<void>
  close: () => Promise<void>
  now: () => number
}

/** The session (resumed or new, locked), its room code, and the server listening, so the join slide can name the address. */
async function placeRoom(options: LiveOptions, picked: Picked, binding: Binding, now: () => number): Promise<Opening> {
  const resumed = options.fresh ? undefined : resumable(options.root, picked.edition, picked.lang, now())
  const id = resumed?.id ?? newSessionId(options.root, picked.edition, picked.lang, picked.sourceLang, new Date(now()))
  const lock = await lockSession(options.root, id)
  if ('heldBy' in lock)
    throw usageError('KIT_LIVE_BUSY', `The session ${id} is being served by another kit live (process ${lock.heldBy}).`, 'Stop that one first, or start another session with kit live --new.')
  const store = SessionStore.open(sessionFile(options.root, id))
  try {
    const meta = store.meta()
    const code = meta.code ?? newRoomCode()
    const opened = await listenFor(binding, options.port ?? (meta.port ? Number(meta.port) : DEFAULT_PORT))
    const origin = `http://${hostName(binding.public)}:${opened.port}`
    if (!meta.created) Room.createTrainer(store, picked.trainer, now())
    store.setMeta({ version: '1', edition: picked.edition, lang: picked.lang, code, port: String(opened.port), host: binding.public, created: meta.created ?? String(now()) })
    const close = () => new Promise<void>((resolve) => opened.server.close(() => resolve()))
    return { picked, id, resumed: resumed !== undefined, binding, store, code, address: { origin, code, joinLink: `${origin}/?code=${code}` }, opened, release: lock.release, close, now }
  } catch (error) {
    store.close()
    await lock.release()
    throw error
  }
}

async function openRoom(options: LiveOptions, o: Opening, prepared: Prepared): Promise<LiveRoom> {
  const { store, address } = o
  store.setMeta({ outline: JSON.stringify(prepared.outline) })
  const room = new Room(store, prepared.model, o.now)
  const server = serveRoom(o.opened, {
    room,
    slides: prepared.deck.slides,
    code: o.code,
    notes: prepared.deck.notes,
    time: (minute) => prepared.times[((minute % 1440) + 1440) % 1440] ?? '',
    hosts: allowedHosts(o.binding, o.opened.port),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    links: { helper: (token) => `${address.origin}/present#t=${token}` },
    assets: { pages: prepared.pages, scripts: await readBundles(), deckCss: prepared.deck.css, fontCss: prepared.deck.fontCss, site: prepared.site, learnerFiles: new Set(prepared.learnerFiles) },
  })
  return {
    session: o.id,
    file: store.file,
    resumed: o.resumed,
    edition: o.picked.edition,
    lang: o.picked.lang,
    code: o.code,
    binding: o.binding,
    port: o.opened.port,
    joinUrl: `${address.origin}/`,
    joinLink: address.joinLink,
    presenterUrl: `${address.origin}/present#t=${room.tokenOf(room.state.trainer)}`,
    room,
    server,
    async close() {
      await server.close()
      await writeSummary(options.root, o.id, store).catch(() => undefined)
      store.close()
      await o.release()
    },
  }
}

/** The open server, or a usage problem that says why it could not listen. */
async function listenFor(binding: Binding, port: number) {
  return openServer(binding.bind, port).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE'
      ? usageError('KIT_LIVE_PORT', `Port ${port} is in use on ${binding.bind}.`, 'Stop what uses it, or pass --port N (--port 0 takes a free one).')
      : usageError('KIT_LIVE_HOST', `Cannot listen on ${binding.bind}:${port}: ${error.message}.`, 'Pick an address of this machine with --host, or leave --host out for loopback.')
  })
}

/** The compiled worker that prepares the room; without it (kit run from src/ before npm run compile) the work is done in this thread. */
const WORKER = path.join(KIT_ROOT, 'lib/commands/live/prepare-worker.js')

async function prepare(input: PrepareInput, place: (picked: Picked) => Promise<Address>): Promise<Prepared> {
  if (!existsSync(WORKER)) return (await import('./prepare.ts')).prepareRoom(input, place)
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: input })
    worker.on('message', (message: { type: string; picked?: Picked; prepared?: Prepared; error?: { problems?: Problem[]; exitCode?: 1 | 2; message?: string } }) => {
      if (message.type === 'picked' && message.picked)
        place(message.picked).then(
          (address) => worker.postMessage(address),
          (error: unknown) => {
            void worker.terminate()
            reject(error)
          },
        )
      else if (message.type === 'prepared' && message.prepared) {
        resolve(message.prepared)
        void worker.terminate()
      } else if (message.type === 'error') {
        const e = message.error
        reject(e?.problems ? new KitError(e.problems, e.exitCode ?? 1) : new Error(e?.message ?? 'the room could not be prepared'))
        void worker.terminate()
      }
    })
    worker.on('error', reject)
  })
}
