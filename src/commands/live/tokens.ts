import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'

/**
 * Secrets of a room. Tokens are 256 random bits (base64url); a person is
 * found by the SHA-256 of the token they present, and the stored hash is
 * compared with `timingSafeEqual`, so neither the lookup nor the comparison
 * tells an attacker how much of a guess was right. Tokens are never logged:
 * only hashes are kept in maps, and learners' tokens are stored only as
 * hashes.
 */

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** A short id for a person (not a secret: it appears in pages and the log). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('base64url')}`
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Whether `token` hashes to `hash`, in time that does not depend on where they differ. */
export function tokenMatches(token: string, hash: string): boolean {
  const presented = Buffer.from(tokenHash(token), 'hex')
  const stored = Buffer.from(hash, 'hex')
  return presented.length === stored.length && timingSafeEqual(presented, stored)
}

/** Letters and digits that cannot be mistaken for one another when read off a projector (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** The room code learners type: six characters, about 30 bits. */
export function newRoomCode(): string {
  return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
}

/** A code as typed (any case, spaces and dashes ignored) in its canonical form. */
export function canonicalCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '')
}

/** Whether a typed code is the room's, compared in constant time. */
export function codeMatches(typed: string, code: string): boolean {
  return tokenMatches(canonicalCode(typed), tokenHash(code))
}
