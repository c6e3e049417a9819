import { describe, expect, it } from 'vitest'
import { parseExercise } from '../../../src/load/exercise.ts'
import { parseModule } from '../../../src/load/module.ts'
import { Problems } from '../../../src/core/problems.ts'
import { kitMarp } from '../../helpers/project.ts'

const EXERCISE = [
  '---',
  'title: 練習',
  'duration: 5',
  '---',
  '',
  '## Goal',
  'g',
  '## Before you start',
  'b',
  '## Steps',
  's',
  '## Check your work',
  'c',
  '## Solution',
  'x',
  '## Troubleshooting',
  't',
  '## Clean up',
  'c',
  '## Going further',
  'f',
  '',
].join('\n')

describe('ids from file names', () => {
  it('a module named in another script without id: is a problem asking for one, not the id ""', () => {
    const problems = new Problems()
    const module = parseModule({ path: 'content/modules/01-コンテナ.md', text: '# コンテナ\n\n<!-- note -->\n' }, kitMarp(), problems)
    expect(module?.id).not.toBe('')
    expect(module).toBeUndefined()
    expect(problems.errors.map((p) => [p.code, p.location?.file, p.location?.line])).toEqual([['KIT_SCHEMA', 'content/modules/01-コンテナ.md', 1]])
    expect(problems.errors[0]?.hint).toContain('id:')
  })

  it('an exercise too', () => {
    const problems = new Problems()
    expect(parseExercise({ path: 'exercises/01-練習.md', text: EXERCISE }, problems)).toBeUndefined()
    expect(problems.errors.map((p) => p.code)).toEqual(['KIT_SCHEMA'])
  })

  it('its own id: is enough', () => {
    const problems = new Problems()
    expect(parseModule({ path: 'content/modules/01-コンテナ.md', text: '---\nid: containers\n---\n\n# コンテナ\n' }, kitMarp(), problems)?.id).toBe('containers')
    expect(parseExercise({ path: 'exercises/01-練習.md', text: EXERCISE.replace('title:', 'id: practice\ntitle:') }, problems)?.id).toBe('practice')
    expect(problems.errors).toEqual([])
  })
})
