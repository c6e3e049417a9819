import { describe, expect, it } from 'vitest'
import { Problems } from '../../../src/core/problems.ts'

describe('problems of a run', () => {
  it('keep one report per mistake, however many times and ways it is found', () => {
    const problems = new Problems()
    const at = { file: 'content/modules/01-m.md', line: 4, column: 7 }
    problems.add({ code: 'KIT_MISSING_IMAGE', message: 'The image x.png does not exist.', location: at })
    problems.push({ code: 'KIT_MISSING_IMAGE', severity: 'error', message: 'The image x.png does not exist.', location: { ...at } })
    problems.add({ code: 'KIT_MISSING_IMAGE', message: 'The image x.png does not exist.', location: at })
    expect(problems.list).toHaveLength(1)
    // The same message elsewhere is another mistake.
    problems.add({ code: 'KIT_MISSING_IMAGE', message: 'The image x.png does not exist.', location: { ...at, column: 20 } })
    problems.warn({ code: 'KIT_IMAGE_ALT', message: 'No alt text.', location: at })
    expect(problems.list.map((p) => [p.code, p.location?.column, p.severity])).toEqual([
      ['KIT_MISSING_IMAGE', 7, 'error'],
      ['KIT_MISSING_IMAGE', 20, 'error'],
      ['KIT_IMAGE_ALT', 7, 'warning'],
    ])
    expect(problems.errors).toHaveLength(2)
    expect(problems.warnings[0]?.hint).toBeTruthy()
  })
})
