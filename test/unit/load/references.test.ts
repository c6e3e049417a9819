import { describe, expect, it } from 'vitest'
import { moduleImages, rewriteImages } from '../../../src/load/module-images.ts'
import { findReferences, parseForReferences, replaceReferences } from '../../../src/load/references.ts'
import { Problems } from '../../../src/core/problems.ts'
import { kitMarp } from '../../helpers/project.ts'

const FILE = 'content/modules/01-m.md'
const marp = kitMarp()
const refs = (text: string) => findReferences(parseForReferences(marp, text), text, FILE)
const brief = (text: string) => refs(text).map((r) => [r.kind, r.url, r.location.line, r.location.column, r.html])

describe('references found from the tokens', () => {
  it('reads an angle-bracket destination whole: content/assets/my image.png, not content/assets/my', () => {
    const text = '# Slide\n\n![a](<../assets/my image.png>)\n'
    expect(brief(text)).toEqual([['image', '../assets/my image.png', 3, 7, false]])
    const problems = new Problems()
    expect(moduleImages({ file: FILE, references: refs(text) }, problems).map((i) => i.projectPath)).toEqual(['content/assets/my image.png'])
    expect(problems.list).toEqual([])
  })

  it('finds a reference-style image at its definition, and rewrites the definition so the output src works', () => {
    const text = '# Slide\n\n![x][logo]\n\n[logo]: ../assets/logo.png\n'
    expect(brief(text)).toEqual([['image', '../assets/logo.png', 5, 9, false]])
    expect(moduleImages({ file: FILE, references: refs(text) }, new Problems()).map((i) => [i.projectPath, i.editionPath])).toEqual([['content/assets/logo.png', 'assets/logo.png']])
    const rewritten = rewriteImages(text, FILE, marp)
    expect(rewritten).toContain('[logo]: assets/logo.png')
    expect(marp.render(rewritten).html).toContain('src="assets/logo.png"')
  })

  it('takes an indented code example for code, not for a path outside the project', () => {
    const text = '# Markdown images\n\nWrite them so:\n\n    ![example](../../../etc/x)\n\n```md\n![fenced](../../../etc/y)\n```\n\nInline `![span](../../../etc/z)` too.\n'
    expect(refs(text)).toEqual([])
    const problems = new Problems()
    moduleImages({ file: FILE, references: refs(text) }, problems)
    expect(problems.list).toEqual([])
  })

  it('finds background images, which Marp moves out of their paragraph', () => {
    const text = '# A\n\n![bg left:40%](../assets/box.svg)\n![bg](../assets/two.svg)\n\nText\n'
    expect(brief(text)).toEqual([
      ['image', '../assets/box.svg', 3, 16, false],
      ['image', '../assets/two.svg', 4, 7, false],
    ])
    expect(rewriteImages(text, FILE, marp)).toContain('![bg left:40%](assets/box.svg)\n![bg](assets/two.svg)')
  })

  it('finds <img src> in raw HTML, inline and as a block, at the column of the URL', () => {
    const text = '# Slide\n\nText <img src="a.png" alt="An A"> here\n\n<div>\n  <img alt="B" src=\'b.png\'>\n</div>\n'
    expect(brief(text)).toEqual([
      ['image', 'a.png', 3, 16, true],
      ['image', 'b.png', 6, 21, true],
    ])
    expect(refs(text).map((r) => r.text)).toEqual(['An A', 'B'])
  })

  it('places references inside lists, quotes, headings and tables at their own line and column', () => {
    const text = '# A ![h](h.png)\n\n> - quoted [link](q.md "title")\n>   lazy ![l](l.png)\n\n| a | ![t](t.png) |\n|---|---|\n| x | [y](y.md) |\n'
    expect(brief(text)).toEqual([
      ['image', 'h.png', 1, 10, false],
      ['link', 'q.md', 3, 19, false],
      ['image', 'l.png', 4, 15, false],
      ['image', 't.png', 6, 12, false],
      ['link', 'y.md', 8, 11, false],
    ])
  })

  it('reads an autolink as its own link, never as the link after it', () => {
    expect(brief('See <https://example.org/a> and [b](b.md).\n')).toEqual([
      ['link', 'https://example.org/a', 1, 6, false],
      ['link', 'b.md', 1, 37, false],
    ])
  })

  it('refuses an engine that does not record offsets, instead of finding nothing', () => {
    expect(() => parseForReferences({ markdown: {} }, '![a](b.png)')).toThrow(/createMarp/)
  })

  it('replaces only the URLs asked for, every other byte as it was', () => {
    const text = '![a](x.png) and [b](<y z.md>) and ![c][d]\n\n[d]: d.png "D"\n'
    const out = replaceReferences(text, refs(text), (r) => (r.kind === 'image' ? `new/${r.url}` : undefined))
    expect(out).toBe('![a](new/x.png) and [b](<y z.md>) and ![c][d]\n\n[d]: new/d.png "D"\n')
  })
})
