import type { Decision } from './actions.ts'
import type { EventData, LiveEvent, Person, Role } from './events.ts'
import type { Refusal } from './protocol.ts'
import type { RoomModel } from './room-model.ts'
import { addPerson, applyEvent, emptyRoom, type RoomState } from './room-state.ts'
import type { SessionStore, StoredPerson } from './store.ts'
import { newId, newToken, tokenHash, tokenMatches } from './tokens.ts'

/**
 * One room while it runs: the session's store, the room state folded from
 * its log, and who holds which token. Every change goes through `act`:
 * the decision's event is committed to the store first, then applied, then
 * announced to listeners (the sockets), in that order, so nothing is
 * announced that a crash could take back.
 */
export class Room {
  readonly state: RoomState
  private readonly byHash = new Map<string, StoredPerson>()
  private readonly byId = new Map<string, StoredPerson>()
  private readonly listeners: ((event: LiveEvent) => void)[] = []

  constructor(
    readonly store: SessionStore,
    readonly model: RoomModel,
    private readonly now: () => number = Date.now,
  ) {
    const people = store.people()
    const trainer = people.find((p) => p.role === 'trainer')
    if (!trainer) throw new Error('The session file has no trainer.')
    this.state = emptyRoom(trainer.id)
    for (const person of people) this.remember(person)
    for (const event of store.events()) applyEvent(this.state, event, model)
  }

  /** A new session's first row: its trainer, with a fresh token. */
  static createTrainer(store: SessionStore, name: string, at: number): string {
    const token = newToken()
    store.addPerson({ id: newId('t'), role: 'trainer', name, at, tokenHash: tokenHash(token), token })
    return token
  }

  /** Calls `listener` after every event is committed and applied. */
  onEvent(listener: (event: LiveEvent) => void): void {
    this.listeners.push(listener)
  }

  /** The person a token belongs to, or undefined. */
  authenticate(token: string | undefined): Person | undefined {
    if (!token || token.length > 100) return undefined
    const hash = tokenHash(token)
    const person = this.byHash.get(hash)
    // The map finds the candidate; the comparison that admits it takes the same time wherever a guess differs.
    return person && tokenMatches(token, person.tokenHash) ? person : undefined
  }

  /** The trainer's (or a helper's) token, to print their link again. */
  tokenOf(id: string): string | undefined {
    return this.byId.get(id)?.token
  }

  trainer(): Person {
    return this.person(this.state.trainer)!
  }

  person(id: string): Person | undefined {
    const found = this.byId.get(id)
    return found && { id: found.id, role: found.role, name: found.name, at: found.at }
  }

  /** Commits the decided event, or returns why not. */
  act(actor: string, decision: Decision): { event: LiveEvent } | { refusal: Refusal } {
    if ('refusal' in decision) return decision
    return { event: this.commit(actor, decision.event) }
  }

  /** Appends an event that needs no decision (a reconnection noted for attendance). */
  commit(actor: string, data: EventData): LiveEvent {
    const event = this.store.append(this.now(), actor, data)
    applyEvent(this.state, event, this.model)
    for (const listener of this.listeners) listener(event)
    return event
  }

  /** A new learner or helper with their token; stored with the event that brought them in. */
  admit(role: Exclude<Role, 'trainer'>, name: string): { person: Person; token: string } {
    const token = newToken()
    const at = this.now()
    const id = newId(role === 'learner' ? 'l' : 'h')
    const stored: StoredPerson = { id, role, name, at, tokenHash: tokenHash(token), ...(role === 'helper' ? { token } : {}) }
    const event = this.store.addPerson(stored, role === 'learner' ? { type: 'joined', learner: id } : { type: 'invited', helper: id })
    this.remember(stored)
    if (event) {
      applyEvent(this.state, event, this.model)
      for (const listener of this.listeners) listener(event)
    }
    return { person: { id, role, name, at }, token }
  }

  private remember(person: StoredPerson): void {
    this.byHash.set(person.tokenHash, person)
    this.byId.set(person.id, person)
    addPerson(this.state, person)
  }
}
