import { describe, expect, it } from 'vitest'
import { legacyDirectives } from '../../../src/load/legacy-directives.ts'
import { kitMarp } from '../../helpers/project.ts'

const marp = kitMarp()
const find = (text: string) => legacyDirectives(marp.markdown.parse(text, {}), text).map((d) => [d.name, d.value, d.key, d.line, d.column])

describe('Marp v0 directives', () => {
  it('are found in comments, with the key that replaces them and their line and column', () => {
    const text = '<!-- $theme: gaia -->\n<!-- page_number: true -->\n\n# Title\n\nText <!-- $size: 4:3 --> here\n\n<!-- $width: 1280 -->\n'
    expect(find(text)).toEqual([
      ['$theme', 'gaia', 'theme', 1, 1],
      ['page_number', 'true', 'paginate', 2, 1],
      ['$size', '4:3', 'size', 6, 6],
      ['$width', '1280', undefined, 8, 1],
    ])
  })

  it('are not found in code: fenced, indented or inline', () => {
    const text = '# Old syntax\n\n```md\n<!-- $theme: gaia -->\n```\n\n    <!-- page_number: true -->\n\nWrite `<!-- $size: 4:3 -->` no more.\n'
    expect(find(text)).toEqual([])
  })
})
