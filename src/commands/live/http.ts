import type { Context, MiddlewareHandler } from 'hono'
import type { HttpBindings } from '@hono/node-server'
import { bodyLimit } from 'hono/body-limit'
import { validator } from 'hono/validator'
import type { z } from 'zod'
import { ERRORS, MAX_BODY_BYTES, type ErrorCode } from './protocol.ts'
import type { RateLimiter } from './rate-limit.ts'

/**
 * The door of every request: one error shape, body checks (size, JSON
 * content type, JSON syntax, then the route's zod schema) before a handler
 * runs, and per-client rate limits. Handlers only ever see a parsed, typed
 * body.
 */
export type Env = { Bindings: HttpBindings; Variables: { person: import('./events.ts').Person } }

/** The one error answer: `{ error: { code, message } }` with the code's status. */
export function fail(c: Context, code: ErrorCode, message: string, headers?: Record<string, string>): Response {
  return c.json({ error: { code, message } }, ERRORS[code], headers)
}

/** Bodies over the limit are refused before they are read whole. */
export const sizeLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => fail(c, 'too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`) })

/** A JSON body checked against `schema`: wrong content type (415), malformed JSON (400), failing the schema (400). */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return validator('json', (value, c) => {
    const parsed = schema.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return fail(c, 'invalid_body', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`)
    }
    return parsed.data as z.output<S>
  })
}

/** Refuses a request whose content type is not JSON, before the validator reads it (it would read it as empty). */
export const requireJson: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/json\b/i.test(type)) return fail(c, 'unsupported_media_type', 'Send the body as application/json.')
  await next()
}

/** A rate limit keyed by what `key` picks from the request. */
export function limited(limiter: RateLimiter, key: (c: Context<Env>) => string): MiddlewareHandler<Env> {
  return async (c, next) => {
    const wait = limiter.take(key(c))
    if (wait > 0) return fail(c, 'rate_limited', 'Too many requests; wait a moment.', { 'Retry-After': String(wait) })
    await next()
  }
}

/** The address a request comes from (for joins, before anyone has a token). */
export function clientAddress(c: Context<Env>): string {
  return c.env.incoming.socket.remoteAddress ?? 'unknown'
}

/** The bearer token of a request, if any. */
export function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization') ?? ''
  const match = /^Bearer ([A-Za-z0-9_-]{16,100})$/.exec(header)
  return match?.[1]
}
