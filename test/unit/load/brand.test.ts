import { describe, expect, it } from 'vitest'
import { loadContent } from '../../../src/load/content.ts'
import { Problems } from '../../../src/core/problems.ts'
import { kitMarp } from '../../helpers/project.ts'

const INJECTION = 'rgb(</style><meta http-equiv=refresh content=0;url=https://evil.example/><style>)'

function load(accent: string) {
  const workshop = `title: T\nauthors: [A]\nbrand:\n  accent: ${JSON.stringify(accent)}\neditions:\n  - { id: e, title: E, length: 10, items: [m] }\n`
  const problems = new Problems()
  const content = loadContent(
    { root: '/x', workshop: { path: 'content/workshop.yaml', text: workshop }, modules: [{ path: 'content/modules/01-m.md', text: '---\nid: m\n---\n\n# M\n' }], exercises: [], quiz: [] },
    kitMarp(),
    problems,
  )
  return { content, problems }
}

describe('brand colours', () => {
  it('refuses markup in a colour at its line, so it reaches no stylesheet', () => {
    const { content, problems } = load(INJECTION)
    expect(problems.errors.map((p) => [p.code, p.location?.line])).toEqual([['KIT_SCHEMA', 4]])
    expect(content).toBeUndefined()
  })

  it('refuses a hex colour of five digits at its line (it used to fall back to the default blue in silence)', () => {
    const { problems } = load('#b5372')
    expect(problems.errors.map((p) => [p.code, p.location?.line])).toEqual([['KIT_SCHEMA', 4]])
  })

  it('takes a valid colour', () => {
    const { content, problems } = load('#b5372a')
    expect(problems.errors).toEqual([])
    expect(content?.workshop.brand?.accent).toBe('#b5372a')
  })
})
