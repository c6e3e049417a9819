import { describe, expect, it } from 'vitest'
import { defineWorkshop, KitError } from '../../src/index.ts'

describe('defineWorkshop', () => {
  it('returns the workshop typed, with the defaults workshop.yaml would get', () => {
    const workshop = defineWorkshop({ title: 'From code', authors: ['Ada'], editions: [{ id: 'talk', title: 'Talk', length: 30, items: ['intro'] }] })
    expect(workshop.language).toBe('en')
    expect(workshop.editions[0]?.quiz).toBe(true)
  })

  it('throws a KitError that names each wrong key', () => {
    let error: unknown
    try {
      defineWorkshop({ title: 'From code', authors: [], editions: [{ id: 'Bad Id', title: 'Talk', length: 30, items: ['intro'] }] } as never)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(KitError)
    expect((error as KitError).problems.map((p) => [p.code, p.message])).toEqual([
      ['KIT_SCHEMA', 'workshop: `authors` needs at least 1 item'],
      ['KIT_SCHEMA', 'workshop: `editions.0.id` must be lower-case letters, digits and dashes'],
    ])
  })
})
