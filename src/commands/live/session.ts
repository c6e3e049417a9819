import { existsSync, readdirSync, statSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { takeLock } from '../../output/lock.ts'
import { SessionStore } from './store.ts'

/**
 * Where sessions live: `.kit-live/` in the project (git-ignored), one
 * `<session>.sqlite` per session, named by day, edition and language
 * (`2026-12-07-half-day`, `2026-12-07-half-day-de-2`). `kit live` resumes
 * the latest session of the same edition and language that has not ended
 * and started within the last 16 hours (a restart, a crash, the lunch
 * break); `--new` starts another.
 */
export const LIVE_DIR = '.kit-live'
const RESUME_WITHIN_MS = 16 * 60 * 60 * 1000

export interface SessionInfo {
  id: string
  file: string
  meta: Record<string, string>
}

export function liveDir(root: string): string {
  return path.join(root, LIVE_DIR)
}

export function sessionFile(root: string, id: string): string {
  return path.join(liveDir(root), `${id}.sqlite`)
}

/** Session ids in the project, oldest first (by the time the file was made). */
export function sessionIds(root: string): string[] {
  const dir = liveDir(root)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite'))
    .map((f) => ({ id: f.slice(0, -'.sqlite'.length), at: statSync(path.join(dir, f)).birthtimeMs || statSync(path.join(dir, f)).ctimeMs }))
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
    .map((s) => s.id)
}

/** Reads a session's settings without keeping it open. */
export function sessionMeta(root: string, id: string): Record<string, string> {
  const store = SessionStore.read(sessionFile(root, id))
  try {
    return store.meta()
  } finally {
    store.close()
  }
}

/** The session to resume for this edition and language, if there is one. */
export function resumable(root: string, edition: string, lang: string, now: number): SessionInfo | undefined {
  for (const id of sessionIds(root).reverse()) {
    let meta: Record<string, string>
    try {
      meta = sessionMeta(root, id)
    } catch {
      continue
    }
    if (meta.edition !== edition || meta.lang !== lang) continue
    if (meta.ended || now - Number(meta.created ?? 0) > RESUME_WITHIN_MS) return undefined
    return { id, file: sessionFile(root, id), meta }
  }
  return undefined
}

/** A new session's id: the day, the edition, the language when it is not the workshop's own, and a number when the day has one already. */
export function newSessionId(root: string, edition: string, lang: string, sourceLang: string, now: Date): string {
  const day = now.toISOString().slice(0, 10)
  const base = `${day}-${edition}${lang === sourceLang ? '' : `-${lang}`}`
  let id = base
  for (let n = 2; existsSync(sessionFile(root, id)); n++) id = `${base}-${n}`
  return id
}

/**
 * Takes the session's lock (`<session>.lock`), so two `kit live` never
 * write one session; a lock whose process is gone (a `kill -9`) is taken
 * over. Returns the release, or the id of the process that holds it.
 */
export async function lockSession(root: string, id: string): Promise<{ release: () => Promise<void> } | { heldBy: number }> {
  await mkdir(liveDir(root), { recursive: true })
  return takeLock(path.join(liveDir(root), `${id}.lock`))
}
