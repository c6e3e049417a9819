import { describe, expect, it } from 'vitest'
import { MAX_OBJECTIVE_CHARS, objectivesFit } from '../../../src/render/views/certificates.ts'

const modules = (count: number, length: number) => Array.from({ length: count }, (_, i) => ({ title: `Module ${i + 1}`, objectives: 'x'.repeat(length) }))

describe('a certificate stays one page', () => {
  it('the objectives’ type gets smaller as they get longer', () => {
    expect(objectivesFit(modules(3, 200)).density).toBe('roomy')
    expect(objectivesFit(modules(8, 200)).density).toBe('compact')
    expect(objectivesFit(modules(8, 380)).density).toBe('dense')
    expect(objectivesFit(modules(8, 380)).modules.every((m) => m.objectives !== '')).toBe(true)
  })

  it('past what one page holds legibly, the modules’ titles alone', () => {
    const fit = objectivesFit(modules(20, MAX_OBJECTIVE_CHARS / 10))
    expect(fit.modules.map((m) => m.objectives)).toEqual(Array(20).fill(''))
    expect(fit.modules[19]?.title).toBe('Module 20')
  })
})
