import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { errorsDoc, PROBLEM_CODES } from '../../../src/core/problem-codes.ts'
import { Problems, usageError } from '../../../src/core/problems.ts'
import { KIT } from '../../helpers/project.ts'

describe('the catalogue of problem codes', () => {
  it('is what docs/errors.md shows (npm run docs:errors regenerates it)', () => {
    expect(readFileSync(path.join(KIT, 'docs/errors.md'), 'utf8')).toBe(errorsDoc())
  })

  it('lists only codes that the code reports', () => {
    const sources = readdirSync(path.join(KIT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && f !== 'problem-codes.ts')
      .map((f) => readFileSync(path.join(KIT, 'src', f), 'utf8'))
      .join('\n')
    const unused = Object.keys(PROBLEM_CODES).filter((code) => !sources.includes(`'${code}'`))
    expect(unused).toEqual([])
  })

  it('gives every problem the default hint of its code when it has none', () => {
    const problems = new Problems()
    problems.add({ code: 'KIT_ENCODING', message: 'x' })
    expect(problems.list[0]?.hint).toBe(PROBLEM_CODES.KIT_ENCODING.hint)
    expect(usageError('KIT_USAGE', 'bad').problems[0]?.hint).toBe(PROBLEM_CODES.KIT_USAGE.hint)
  })
})
