import { z } from 'zod'

/**
 * The requests a room accepts, as zod schemas: every body is parsed by one
 * of these before any handler sees it. Objects are strict (an unknown key
 * is refused), numbers are bounded integers, and names and messages are
 * plain text of a bounded length without control or bidirectional
 * override characters (which could make a name display as another).
 */

/** The largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 4096
export const MAX_NAME = 40
export const MAX_MESSAGE = 140

const UNSAFE = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u

const text = (max: number, min: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min)
        .refine((s) => [...s].length <= max, { message: `at most ${max} characters` })
        .refine((s) => !UNSAFE.test(s), { message: 'no control characters' }),
    )

export const nameSchema = text(MAX_NAME, 1)
export const messageSchema = text(MAX_MESSAGE, 0)
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/)
const index = z.number().int().min(0).max(9999)

export const joinBody = z.strictObject({ code: z.string().max(20), name: nameSchema })
export const stepBody = z.strictObject({ exercise: id, step: index, done: z.boolean() })
export const finishedBody = z.strictObject({ exercise: id, done: z.boolean() })
export const stuckBody = z.strictObject({ exercise: id, step: index.nullable(), message: messageSchema })
export const emptyBody = z.strictObject({})
export const answerBody = z.strictObject({ question: id, choice: z.number().int().min(0).max(25) })
export const gotoBody = z.strictObject({ to: index, from: index })
export const questionBody = z.strictObject({ question: id, state: z.enum(['closed', 'revealed']) })
export const exerciseBody = z.strictObject({ exercise: id })
export const learnerBody = z.strictObject({ learner: id })
export const personBody = z.strictObject({ to: id })
export const inviteBody = z.strictObject({ name: nameSchema })

/** Why a request was refused: the HTTP status and a stable code the pages translate. */
export const ERRORS = {
  malformed_json: 400,
  invalid_body: 400,
  bad_code: 403,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  not_shown: 403,
  bad_host: 403,
  too_large: 413,
  unsupported_media_type: 415,
  stale_slide: 409,
  not_driver: 409,
  question_closed: 409,
  not_stuck: 409,
  already_done: 409,
  ended: 409,
  rate_limited: 429,
} as const

export type ErrorCode = keyof typeof ERRORS

export interface Refusal {
  code: ErrorCode
  message: string
}

export function refuse(code: ErrorCode, message: string): Refusal {
  return { code, message }
}
