import { Hono } from 'hono'
import { fail, limited, type Env } from './http.ts'
import type { RateLimit } from './rate-limit.ts'
import { RateLimiter } from './rate-limit.ts'
import type { Room } from './room.ts'
import { authenticated } from './routes-learner.ts'

/**
 * The room's content, for anyone in it: one slide at a time (learners only
 * up to the furthest slide the presenter has shown; the slides ahead never
 * leave the server), and the exercise sheets of exercises that have
 * started, with their solution once it is released. The trainer and
 * helpers see every slide, for the presenter view.
 */
export function contentRoutes(room: Room, slides: readonly string[], limit: RateLimit): Hono<Env> {
  const app = new Hono<Env>()
  const anyone = authenticated(room, ['learner', 'helper', 'trainer'])
  const reads = limited(new RateLimiter(limit), (c) => c.var.person.id)

  app.get('/slides/:n{[0-9]{1,5}}', anyone, reads, (c) => {
    const n = Number(c.req.param('n'))
    const staff = c.var.person.role !== 'learner'
    if (n >= slides.length) return fail(c, 'not_found', `The deck has ${slides.length} slides.`)
    if (!staff && n > room.state.furthest) return fail(c, 'not_shown', 'The presenter has not shown this slide yet.')
    return c.json({ index: n, html: slides[n], kind: room.model.slides[n]?.kind, title: room.model.slides[n]?.title, question: room.model.slides[n]?.question })
  })

  app.get('/exercises/:id{[A-Za-z0-9_-]{1,80}}', anyone, reads, (c) => {
    const id = c.req.param('id')
    const exercise = room.model.exercises.get(id)
    if (!exercise) return fail(c, 'not_found', `There is no exercise "${id}" in this session.`)
    const staff = c.var.person.role !== 'learner'
    if (!staff && !room.state.exercises.has(id)) return fail(c, 'not_shown', 'This exercise has not started yet.')
    // Nobody gets the solution through kit live before it is released: a presenter's screen may be on the projector.
    const released = room.state.released.has(id)
    return c.json({ sheet: exercise.sheet, released, ...(released ? { solution: exercise.solution } : {}) })
  })
  return app
}
