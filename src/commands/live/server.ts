import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { Hono, type MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { fail, type Env } from './http.ts'
import { RateLimiter, type RateLimit } from './rate-limit.ts'
import type { Room } from './room.ts'
import { contentRoutes } from './routes-content.ts'
import { learnerRoutes } from './routes-learner.ts'
import { pageRoutes, type PageAssets } from './routes-pages.ts'
import { staffRoutes } from './routes-staff.ts'
import { SocketHub } from './sockets.ts'

/**
 * The room's HTTP and WebSocket server: Hono routes behind the checks every
 * request passes (the Host header names this server, security headers),
 * with one router per audience (pages, content, learners, staff), and the
 * socket hub on the same port. Hono because the project's schemas are zod
 * already and it has no dependencies of its own; `ws` for the sockets.
 */
export interface ServerOptions {
  room: Room
  /** The live deck's slides (slide 0 is the join slide). */
  slides: string[]
  code: string
  assets: PageAssets
  notes: string[]
  time: (minuteOfDay: number) => string
  /** Host headers answered (host:port, lower case); filled in once the port is known. */
  hosts: Set<string>
  limits: Limits
  /** Learners' action budget, shared by their HTTP requests and socket messages (made by serveRoom). */
  actions?: RateLimiter
  links: { helper: (token: string) => string }
}

export interface Limits {
  join: RateLimit
  actions: RateLimit
  reads: RateLimit
  sockets: RateLimit
}

/** Defaults: a class joins within a minute from their own machines; a person clicks at most a few times a second. */
export const DEFAULT_LIMITS: Limits = {
  join: { burst: 20, perSecond: 1 },
  actions: { burst: 30, perSecond: 10 },
  reads: { burst: 120, perSecond: 30 },
  sockets: { burst: 30, perSecond: 2 },
}

/** The policy of every page: scripts and styles from this server only, slides' images and fonts as data URLs. */
export const LIVE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
/** Built learner sheets carry their styles inline (they are kit's static pages). */
const FILE_CSP = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

export function createApp(options: ServerOptions & { actions: RateLimiter }): Hono<Env> {
  const app = new Hono<Env>()
  app.use('*', hostCheck(options.hosts), securityHeaders)
  app.route('/', pageRoutes(options.assets))
  app.route('/api', contentRoutes(options.room, options.slides, options.limits.reads))
  app.route('/api', learnerRoutes({ room: options.room, code: options.code, limits: options.limits, actions: options.actions }))
  app.route('/api/staff', staffRoutes(options.room, options.limits.actions, options.links))
  app.notFound((c) => fail(c, 'not_found', 'Nothing here.'))
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status === 400) return fail(c, 'malformed_json', 'The request body is not valid JSON.')
    if (error instanceof HTTPException) return fail(c, 'invalid_body', error.message)
    throw error
  })
  return app
}

function hostCheck(hosts: Set<string>): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (!hosts.has((c.req.header('host') ?? '').toLowerCase())) return fail(c, 'bad_host', 'This server answers only to its own address.')
    await next()
  }
}

const securityHeaders: MiddlewareHandler<Env> = async (c, next) => {
  await next()
  c.header('content-security-policy', c.req.path.startsWith('/files/') ? FILE_CSP : LIVE_CSP)
  c.header('x-content-type-options', 'nosniff')
  c.header('referrer-policy', 'no-referrer')
  c.header('x-frame-options', 'DENY')
  c.header('cross-origin-opener-policy', 'same-origin')
  if (c.req.path.startsWith('/api/')) c.header('cache-control', 'no-store')
}

export interface RunningServer {
  server: Server
  hub: SocketHub
  port: number
  close(): Promise<void>
}

/**
 * Listens on `bind`:`port` (a free port for 0) before the room is ready, so
 * the join slide can name the port. Until `serveRoom` takes over, every
 * request and upgrade is answered 503: a page that reconnects while the
 * room starts is told to try again instead of being left hanging.
 */
export async function openServer(bind: string, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer()
  server.on('request', starting.request)
  server.on('upgrade', starting.upgrade)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, bind, () => resolve())
  })
  return { server, port: (server.address() as AddressInfo).port }
}

/** Serves the room on an open server: the routes for requests, the hub for WebSocket upgrades. */
export function serveRoom(opened: { server: Server; port: number }, options: ServerOptions): RunningServer {
  const { server, port } = opened
  const actions = new RateLimiter(options.limits.actions)
  const app = createApp({ ...options, actions })
  server.off('request', starting.request)
  server.off('upgrade', starting.upgrade)
  server.on('request', getRequestListener(app.fetch))
  const hub = new SocketHub({
    room: options.room,
    notes: options.notes,
    time: options.time,
    limiter: new RateLimiter(options.limits.sockets),
    actions,
    allowRequest: (request) => upgradeAllowed(request, options.hosts),
  })
  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    if (new URL(request.url ?? '/', 'http://x').pathname !== '/ws') return socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
    hub.upgrade(request, socket, head)
  })
  return {
    server,
    hub,
    port,
    async close() {
      hub.close()
      server.closeAllConnections?.()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const starting = {
  request: (_request: IncomingMessage, response: import('node:http').ServerResponse) => {
    response.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain; charset=utf-8' }).end('kit live is starting; try again in a moment.')
  },
  upgrade: (_request: IncomingMessage, socket: import('node:stream').Duplex) => {
    socket.end('HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n\r\n')
  },
}

/** A socket may open only from a page of this server: its Host is ours and its Origin (browsers always send one) too. */
function upgradeAllowed(request: IncomingMessage, hosts: Set<string>): boolean {
  const host = (request.headers.host ?? '').toLowerCase()
  const origin = request.headers.origin
  if (!hosts.has(host)) return false
  if (origin === undefined) return true
  try {
    return hosts.has(new URL(origin).host.toLowerCase())
  } catch {
    return false
  }
}
