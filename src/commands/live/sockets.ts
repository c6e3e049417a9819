import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import { z } from 'zod'
import type { LiveEvent, Person } from './events.ts'
import { MAX_BODY_BYTES } from './protocol.ts'
import type { RateLimiter } from './rate-limit.ts'
import type { Decision } from './actions.ts'
import { LEARNER_ACTIONS, type LearnerActionName } from './learner-actions.ts'
import type { Room } from './room.ts'
import { meView, roomView, staffView } from './views.ts'

/**
 * The room's WebSockets: how every page hears what changed. A page
 * connects to /ws and says hello with its token within a few seconds; the
 * server answers with everything that page may see and then sends changes.
 * After a dropped connection the page connects again and is sent the whole
 * state again, so nothing is missed. Learners and screens share one
 * serialised room view per change; the staff view (names, counts, the
 * stuck queue) is sent at most every `staffEveryMs`.
 */
const hello = z.strictObject({ type: z.literal('hello'), token: z.string().max(100), view: z.enum(['learner', 'staff', 'screen']) })
/** A learner's action sent on their socket: answered by `ack` (in their next `me` message) or `refused`, both with its id. */
const act = z.strictObject({
  type: z.literal('act'),
  id: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31),
  action: z.enum(Object.keys(LEARNER_ACTIONS) as [LearnerActionName, ...LearnerActionName[]]),
  body: z.unknown(),
})

interface Client {
  socket: WebSocket
  person: Person
  view: 'learner' | 'staff' | 'screen'
  alive: boolean
  /** The id of the action being applied, acknowledged in the `me` message it causes. */
  ack?: number
}

export interface HubOptions {
  room: Room
  notes: string[]
  /** A minute of the day as the workshop's language writes a clock time. */
  time: (minuteOfDay: number) => string
  /** Checked on the upgrade request: Host and Origin must name this server. */
  allowRequest: (request: IncomingMessage) => boolean
  limiter: RateLimiter
  /** The learners' action budget, shared with their HTTP requests. */
  actions: RateLimiter
  staffEveryMs?: number
  /** Fewest minutes between two attendance marks of one learner. */
  presentEveryMs?: number
}

export class SocketHub {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES })
  private readonly clients = new Set<Client>()
  private staffTimer: NodeJS.Timeout | undefined
  private readonly heartbeat: NodeJS.Timeout

  constructor(private readonly options: HubOptions) {
    options.room.onEvent((event) => this.changed(event))
    this.heartbeat = setInterval(() => this.ping(), 25_000)
    this.heartbeat.unref()
  }

  /** Learners whose page is connected. */
  online(): Set<string> {
    return new Set([...this.clients].filter((c) => c.view === 'learner').map((c) => c.person.id))
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const address = request.socket.remoteAddress ?? 'unknown'
    if (!this.options.allowRequest(request) || this.options.limiter.take(`ws:${address}`) > 0) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.greet(ws))
  }

  private greet(ws: WebSocket): void {
    const timer = setTimeout(() => ws.close(4401, 'hello expected'), 5000)
    ws.once('message', (data) => {
      clearTimeout(timer)
      const parsed = hello.safeParse(safeJson(String(data)))
      const person = parsed.success ? this.options.room.authenticate(parsed.data.token) : undefined
      if (!parsed.success || !person || !allowedView(person, parsed.data.view)) return ws.close(4401, 'unknown token')
      const client: Client = { socket: ws, person, view: parsed.data.view, alive: true }
      this.clients.add(client)
      ws.on('pong', () => {
        client.alive = true
      })
      // After the hello only a learner's actions are accepted; anything else ends the connection.
      ws.on('message', (message) => (client.view === 'learner' ? this.action(client, String(message)) : ws.close(4400, 'pages do not send after hello')))
      ws.on('close', () => this.left(client))
      ws.on('error', () => ws.terminate())
      this.arrived(client)
    })
  }

  private arrived(client: Client): void {
    const { room } = this.options
    if (client.view === 'staff') this.send(client, JSON.stringify(this.staffFor(client.person.id)))
    else this.send(client, JSON.stringify(roomView(room.state, room.model)))
    if (client.view === 'learner') {
      this.sendMe(client.person.id)
      const learner = room.state.learners.get(client.person.id)
      if (learner && Date.now() - learner.lastSeen > (this.options.presentEveryMs ?? 10 * 60_000)) room.commit(client.person.id, { type: 'present', learner: client.person.id })
      this.staffSoon()
    }
  }

  /** A learner's action: the same schema, budget and decision as its HTTP request; the result goes back on the socket. */
  private action(client: Client, text: string): void {
    const parsed = act.safeParse(safeJson(text))
    if (!parsed.success) {
      client.socket.close(4400, 'not an action')
      return
    }
    const { id, action, body } = parsed.data
    const refuse = (code: string, message: string) => this.send(client, JSON.stringify({ type: 'refused', id, code, message }))
    if (this.options.actions.take(client.person.id) > 0) {
      refuse('rate_limited', 'Too many requests; wait a moment.')
      return
    }
    const spec = LEARNER_ACTIONS[action]
    const checked = spec.schema.safeParse(body)
    if (!checked.success) {
      refuse('invalid_body', checked.error.issues[0]?.message ?? 'invalid')
      return
    }
    client.ack = id
    try {
      const result = this.options.room.act(client.person.id, (spec.decide as (r: Room, l: string, b: unknown) => Decision)(this.options.room, client.person.id, checked.data))
      if ('refusal' in result) refuse(result.refusal.code, result.refusal.message)
    } finally {
      client.ack = undefined
    }
  }

  private left(client: Client): void {
    this.clients.delete(client)
    if (client.view === 'learner') this.staffSoon()
  }

  /** After every committed event: the room view to everyone when it changed, the learner's own view, the staff views soon. */
  private changed(event: LiveEvent): void {
    const { room } = this.options
    if (['slide', 'question', 'released', 'ended'].includes(event.type)) {
      const text = JSON.stringify(roomView(room.state, room.model))
      for (const client of this.clients) if (client.view !== 'staff') this.send(client, text)
    }
    const learner = event.type === 'unstuck' || event.type === 'claimed' ? event.learner : event.actor
    if (room.state.learners.has(learner)) this.sendMe(learner)
    this.staffSoon(event.type === 'slide' ? 0 : undefined)
  }

  private sendMe(id: string): void {
    const learner = this.options.room.state.learners.get(id)
    if (!learner) return
    const text = JSON.stringify(meView(learner, (p) => this.options.room.person(p)?.name))
    for (const client of this.clients) {
      if (client.view !== 'learner' || client.person.id !== id) continue
      this.send(client, client.ack === undefined ? text : `${text.slice(0, -1)},"ack":${client.ack}}`)
    }
  }

  /** Staff views are rebuilt at most every `staffEveryMs` (a slide change goes out at once). */
  private staffSoon(delay = this.options.staffEveryMs ?? 150): void {
    if (this.staffTimer && delay > 0) return
    clearTimeout(this.staffTimer)
    this.staffTimer = setTimeout(() => {
      this.staffTimer = undefined
      for (const client of this.clients) if (client.view === 'staff') this.send(client, JSON.stringify(this.staffFor(client.person.id)))
    }, delay)
  }

  private staffFor(you: string) {
    const { room, notes } = this.options
    const names = new Map([[room.state.trainer, room.trainer().name], ...[...room.state.helpers.values()].map((h) => [h.id, h.name] as [string, string])])
    return staffView(room.state, room.model, { you, online: this.online(), now: Date.now(), notes, names, time: this.options.time })
  }

  private send(client: Client, text: string): void {
    if (client.socket.readyState === WebSocket.OPEN) client.socket.send(text)
  }

  /** Connections that did not answer the last ping are dropped; their pages reconnect. */
  private ping(): void {
    for (const client of this.clients) {
      if (!client.alive) client.socket.terminate()
      else {
        client.alive = false
        client.socket.ping()
      }
    }
  }

  close(): void {
    clearInterval(this.heartbeat)
    clearTimeout(this.staffTimer)
    for (const client of this.clients) client.socket.terminate()
    this.server.close()
  }
}

function allowedView(person: Person, view: Client['view']): boolean {
  return view === 'learner' ? person.role === 'learner' : person.role !== 'learner'
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
