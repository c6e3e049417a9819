import { chmodSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'libsql'
import type { EventData, LiveEvent, Person, Role } from './events.ts'

/**
 * A session's database: one SQLite file (WAL mode) with the session's
 * settings, the people in it and the append-only event log. Writes are
 * synchronous and each is its own committed transaction, so whatever a
 * caller has been told was stored survives the process dying right after.
 * `synchronous=NORMAL` in WAL mode: a crash or `kill -9` loses nothing
 * committed; only a power cut can lose the last moments.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS people (
  id TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('trainer', 'helper', 'learner')),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  token TEXT,
  at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL
) STRICT;
`

/** The version of the layout above, in `meta`; a file of another version is refused. */
export const STORE_VERSION = '1'

/** A person as stored: with the hash of their token, and the token itself for the trainer and helpers (their links are shown again after a restart). */
export interface StoredPerson extends Person {
  tokenHash: string
  token?: string
}

export class SessionStore {
  private readonly db: Database.Database
  private readonly insertEvent: Database.Statement<[number, string, string, string]>
  private readonly insertPerson: Database.Statement<[string, string, string, string, string | null, number]>

  private constructor(
    readonly file: string,
    readonly: boolean,
  ) {
    if (!readonly) mkdirSync(path.dirname(file), { recursive: true })
    this.db = new Database(file, { readonly, fileMustExist: readonly })
    if (!readonly) {
      this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;')
      this.db.exec(SCHEMA)
      // Names and messages of people: readable by the trainer's account only.
      chmodSync(file, 0o600)
    }
    this.insertEvent = this.db.prepare('INSERT INTO events (at, actor, type, data) VALUES (?, ?, ?, ?)')
    this.insertPerson = this.db.prepare('INSERT INTO people (id, role, name, token_hash, token, at) VALUES (?, ?, ?, ?, ?, ?)')
  }

  /** Opens (creating when new) a session file for a running room. */
  static open(file: string): SessionStore {
    return new SessionStore(file, false)
  }

  /** Opens an existing session file to read it (the report). */
  static read(file: string): SessionStore {
    return new SessionStore(file, true)
  }

  meta(): Record<string, string> {
    const rows = this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]
    return Object.fromEntries(rows.map((r) => [r.key, r.value]))
  }

  setMeta(values: Record<string, string>): void {
    const put = this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) put.run(key, value)
    })()
  }

  people(): StoredPerson[] {
    const rows = this.db.prepare('SELECT id, role, name, token_hash, token, at FROM people ORDER BY at, id').all() as {
      id: string
      role: Role
      name: string
      token_hash: string
      token: string | null
      at: number
    }[]
    return rows.map((r) => ({ id: r.id, role: r.role, name: r.name, at: Number(r.at), tokenHash: r.token_hash, ...(r.token ? { token: r.token } : {}) }))
  }

  /** Stores a person and, in the same transaction, the event that brought them in; returns that event. */
  addPerson(person: StoredPerson, event?: EventData): LiveEvent | undefined {
    return this.db.transaction(() => {
      this.insertPerson.run(person.id, person.role, person.name, person.tokenHash, person.token ?? null, person.at)
      return event ? this.appendRow(person.at, person.id, event) : undefined
    })()
  }

  /** Appends one event (committed when this returns) and returns it with its place in the log. */
  append(at: number, actor: string, event: EventData): LiveEvent {
    return this.appendRow(at, actor, event)
  }

  private appendRow(at: number, actor: string, event: EventData): LiveEvent {
    const { type, ...data } = event
    const result = this.insertEvent.run(at, actor, type, JSON.stringify(data))
    return { ...event, seq: Number(result.lastInsertRowid), at, actor }
  }

  /** The whole log, in order. */
  events(): LiveEvent[] {
    const rows = this.db.prepare('SELECT seq, at, actor, type, data FROM events ORDER BY seq').all() as { seq: number; at: number; actor: string; type: string; data: string }[]
    return rows.map((r) => ({ ...(JSON.parse(r.data) as object), type: r.type, seq: Number(r.seq), at: Number(r.at), actor: r.actor }) as LiveEvent)
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
