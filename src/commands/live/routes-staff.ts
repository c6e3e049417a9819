import { Hono } from 'hono'
import { decideClaim, decideGoto, decideHandover, decideQuestion, decideRelease, decideUnstuck } from './actions.ts'
import { fail, jsonBody, limited, requireJson, sizeLimit, type Env } from './http.ts'
import { emptyBody, exerciseBody, gotoBody, inviteBody, learnerBody, personBody, questionBody } from './protocol.ts'
import { RateLimiter, type RateLimit } from './rate-limit.ts'
import type { Room } from './room.ts'
import { answer, authenticated } from './routes-learner.ts'

/**
 * The trainer's and helpers' controls. Moving the deck is the driver's
 * alone (one driver at a time, handed over explicitly); the trainer may
 * always take the driving back, invite helpers and end the session.
 * Helpers claim and resolve stuck learners, close and reveal questions and
 * release solutions.
 */
export function staffRoutes(room: Room, limit: RateLimit, links: { helper: (token: string) => string }): Hono<Env> {
  const app = new Hono<Env>()
  const staff = authenticated(room, ['trainer', 'helper'])
  const trainer = authenticated(room, ['trainer'])
  const perPerson = limited(new RateLimiter(limit), (c) => c.var.person.id)
  const body = [sizeLimit, requireJson] as const
  const act = (c: Parameters<typeof answer>[0], decision: Parameters<Room['act']>[1]) => answer(c, room.act(c.var.person.id, decision))

  app.post('/goto', staff, perPerson, ...body, jsonBody(gotoBody), (c) => act(c, decideGoto(room.state, room.model, c.var.person.id, c.req.valid('json'))))
  app.post('/question', staff, perPerson, ...body, jsonBody(questionBody), (c) => act(c, decideQuestion(room.state, room.model, c.req.valid('json'))))
  app.post('/release', staff, perPerson, ...body, jsonBody(exerciseBody), (c) => act(c, decideRelease(room.state, room.model, c.req.valid('json').exercise)))
  app.post('/claim', staff, perPerson, ...body, jsonBody(learnerBody), (c) => act(c, decideClaim(room.state, c.req.valid('json').learner)))
  app.post('/resolve', staff, perPerson, ...body, jsonBody(learnerBody), (c) => act(c, decideUnstuck(room.state, c.req.valid('json').learner)))
  app.post('/handover', staff, perPerson, ...body, jsonBody(personBody), (c) => act(c, decideHandover(room.state, c.var.person.id, c.req.valid('json').to)))

  app.post('/invite', trainer, perPerson, ...body, jsonBody(inviteBody), (c) => {
    const { person, token } = room.admit('helper', c.req.valid('json').name)
    return c.json({ id: person.id, name: person.name, link: links.helper(token) }, 201)
  })
  app.get('/helpers', trainer, perPerson, (c) => c.json({ helpers: [...room.state.helpers.values()].map((h) => ({ id: h.id, name: h.name, link: links.helper(room.tokenOf(h.id) ?? '') })) }))
  app.post('/end', trainer, perPerson, ...body, jsonBody(emptyBody), (c) => {
    if (room.state.endedAt !== undefined) return fail(c, 'ended', 'The session has ended already.')
    return answer(c, { event: room.commit(c.var.person.id, { type: 'ended' }) })
  })
  return app
}
