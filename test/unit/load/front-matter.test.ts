import { describe, expect, it } from 'vitest'
import { frontMatterBlock, splitFrontMatter } from '../../../src/load/front-matter.ts'
import { Problems } from '../../../src/core/problems.ts'

describe('front matter, split once', () => {
  it('finds the lines between the two --- lines and where the body starts', () => {
    const text = '---\nid: a\ntitle: T\n---\n\n# Body\n'
    const block = frontMatterBlock(text)
    expect(block).toEqual({ matter: 'id: a\ntitle: T', matterStart: 4, bodyStart: 23, bodyLine: 5 })
    expect(text.slice(block?.bodyStart)).toBe('\n# Body\n')
  })

  it('allows a BOM, CRLF line ends, an empty block and trailing spaces on the delimiters', () => {
    expect(frontMatterBlock('\uFEFF---\r\nid: a\r\n---\r\nbody')).toMatchObject({ matter: 'id: a', matterStart: 6, bodyLine: 4 })
    expect(frontMatterBlock('---\n---\nbody')).toMatchObject({ matter: '', bodyStart: 8, bodyLine: 3 })
    expect(frontMatterBlock('---  \nid: a\n---   \nbody')).toMatchObject({ matter: 'id: a', bodyLine: 4 })
  })

  it('takes none where Marp takes none: no closing line, a language after ---, text before it', () => {
    expect(frontMatterBlock('---\nid: a\n\n# no closing line\n')).toBeUndefined()
    expect(frontMatterBlock('---yaml\nid: a\n---\n')).toBeUndefined()
    expect(frontMatterBlock('# Title\n---\nid: a\n---\n')).toBeUndefined()
  })

  it('parses the block with its lines, Marp’s loose directive values kept as text', () => {
    const problems = new Problems()
    const split = splitFrontMatter('---\nid: a\nfooter: Course | Lecture 4: JS\nstyle: @import url(a.css)\n---\n# Body\n', 'm.md', problems, ['footer', 'style'])
    expect(problems.list).toEqual([])
    expect(split?.data.value).toEqual({ id: 'a', footer: 'Course | Lecture 4: JS', style: '@import url(a.css)' })
    expect(split?.data.locate(['footer']).line).toBe(3)
    expect(split?.body).toBe('# Body\n')
    expect(split?.bodyLine).toBe(6)
  })

  it('reports YAML that does not parse at its line in the file', () => {
    const problems = new Problems()
    expect(splitFrontMatter('---\nid: a\nobjectives: [one\n---\n', 'm.md', problems)).toBeUndefined()
    expect(problems.errors.map((p) => [p.code, p.location?.line])).toEqual([['KIT_YAML_SYNTAX', 3]])
  })
})
