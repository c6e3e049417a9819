import { describe, expect, it } from 'vitest'
import { codeFrame, formatProblem } from '../../../src/core/code-frame.ts'

describe('code frames', () => {
  const source = ['one', 'two', 'three: [', 'four', 'five'].join('\n')

  it('marks the line and column', () => {
    const frame = codeFrame(source, 3, 8)
    expect(frame).toContain('> 3 | three: [')
    expect(frame.split('\n')[3]).toBe('    |        ^')
    expect(frame).toContain('  1 | one')
    expect(frame).toContain('  5 | five')
  })

  it('clips enormous lines around the column', () => {
    const long = `${'a'.repeat(5000)}X${'b'.repeat(5000)}`
    const frame = codeFrame(long, 1, 5001)
    expect(frame.length).toBeLessThan(400)
    expect(frame).toContain('X')
  })

  it('formats a problem with location, frame and hint', () => {
    const text = formatProblem({ code: 'KIT_SCHEMA', severity: 'error', message: 'bad', hint: 'fix it', location: { file: 'a.yaml', line: 2, column: 1 } }, source)
    expect(text).toMatch(/^error KIT_SCHEMA a\.yaml:2:1/)
    expect(text).toContain('> 2 | two')
    expect(text).toContain('hint: fix it')
  })
})
