import { describe, expect, it } from 'vitest'
import { editionCount } from '../../../src/output/build-result.ts'

describe('editionCount', () => {
  it('counts an edition once, whatever sets it was written to, and a translation as its own edition', () => {
    const ids = ['learner/short', 'instructor/short', 'learner/long', 'instructor/long', 'learner/de/short', 'instructor/de/short']
    expect(editionCount({ editions: ids.map((id) => ({ id, files: [] })) })).toBe(3)
    expect(editionCount({ editions: [{ id: 'learner/short', files: [] }] })).toBe(1)
    expect(editionCount({ editions: [] })).toBe(0)
  })
})
