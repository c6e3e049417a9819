import { Hono, type MiddlewareHandler } from 'hono'
import type { Decision } from './actions.ts'
import type { Role } from './events.ts'
import { bearer, clientAddress, fail, jsonBody, limited, requireJson, sizeLimit, type Env } from './http.ts'
import { LEARNER_ACTIONS } from './learner-actions.ts'
import { joinBody, type Refusal } from './protocol.ts'
import { RateLimiter, type RateLimit } from './rate-limit.ts'
import type { Room } from './room.ts'
import type { LiveEvent } from './events.ts'
import { codeMatches } from './tokens.ts'
import { meView } from './views.ts'

/**
 * What learners (and the pages of the trainer and helpers) ask for: joining
 * with the room code, the slides shown so far, the exercise sheets, and a
 * learner's own actions. A learner's token lets them act only as
 * themselves: every action is recorded with the id their token belongs to.
 */
export interface LearnerRoutesOptions {
  room: Room
  code: string
  limits: { join: RateLimit }
  /** Shared with the sockets: a learner's actions count against one budget whichever door they use. */
  actions: RateLimiter
}

/** Accepts only requests with the token of one of `roles`; the person is in `c.var.person`. */
export function authenticated(room: Room, roles: readonly Role[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    const person = room.authenticate(bearer(c))
    if (!person) return fail(c, 'unauthorized', 'This request needs the token of someone in the room.')
    if (!roles.includes(person.role)) return fail(c, 'forbidden', 'Your token does not allow this.')
    c.set('person', person)
    await next()
  }
}

/** The answer to an action: the refusal's status, or 200 with the place of the committed event. */
export function answer(c: import('hono').Context<Env>, result: { event: LiveEvent } | { refusal: Refusal }): Response {
  if ('refusal' in result) return fail(c, result.refusal.code, result.refusal.message)
  return c.json({ ok: true, seq: result.event.seq })
}

export function learnerRoutes(options: LearnerRoutesOptions): Hono<Env> {
  const { room } = options
  const app = new Hono<Env>()
  const joins = new RateLimiter(options.limits.join)
  const { actions } = options
  const learner = authenticated(room, ['learner'])
  const perPerson = limited(actions, (c) => c.var.person.id)
  const body = [sizeLimit, requireJson] as const

  app.post('/join', limited(joins, clientAddress), ...body, jsonBody(joinBody), (c) => {
    const { code, name } = c.req.valid('json')
    if (!codeMatches(code, options.code)) return fail(c, 'bad_code', 'That is not the room code shown on the join slide.')
    if (room.state.endedAt !== undefined) return fail(c, 'ended', 'The session has ended.')
    const { person, token } = room.admit('learner', name)
    return c.json({ token, id: person.id, name: person.name }, 201)
  })

  app.get('/me', learner, perPerson, (c) => c.json(meView(room.state.learners.get(c.var.person.id)!, (id) => room.person(id)?.name)))

  for (const [name, spec] of Object.entries(LEARNER_ACTIONS)) {
    app.post(`/${name}`, learner, perPerson, ...body, jsonBody(spec.schema), (c) => {
      const person = c.var.person
      return answer(c, room.act(person.id, (spec.decide as (r: Room, l: string, b: unknown) => Decision)(room, person.id, c.req.valid('json'))))
    })
  }
  return app
}
