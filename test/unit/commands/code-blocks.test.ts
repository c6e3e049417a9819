import { describe, expect, it } from 'vitest'
import { codeBlocks, fillPlaceholders, lintJson, lintYaml, shellSession } from '../../../src/commands/check/code-blocks.ts'

describe('code blocks on slides', () => {
  it('finds shell, JSON and YAML blocks with the file line of their first code line, and skips other languages', () => {
    const body = ['# Slide', '', '```sh', 'ls', '```', '', '```c', 'int x;', '```', '', '  ```json', '  {"a": 1}', '  ```', '', '```yml', 'a: 1', '```'].join('\n')
    const blocks = codeBlocks(body, 5)
    expect(blocks.map((b) => [b.language, b.line, b.code])).toEqual([
      ['shell', 8, 'ls'],
      ['json', 16, '{"a": 1}'],
      ['yaml', 20, 'a: 1'],
    ])
    // An indented fence: its code starts two columns in.
    expect(blocks[1]?.offsets).toEqual([2])
  })

  it('in a session, checks the prompted commands and their continuation lines, never the output', () => {
    const text = ['$ echo "a \\', '  b"', 'a b', '# cat <<EOF', '> hello', '> EOF', 'hello', 'Killed', '> not a continuation'].join('\n')
    expect(shellSession(text, true)).toEqual({
      code: ['echo "a \\', '  b"', '', 'cat <<EOF', 'hello', 'EOF', '', '', ''].join('\n'),
      offsets: [2, 0, 0, 2, 2, 2, 0, 0, 0],
    })
  })

  it('treats a sh block as a session only when a line has a $ prompt; a # line alone is a comment', () => {
    expect(shellSession('# a comment\nls -l', false).code).toBe('# a comment\nls -l')
    expect(shellSession('$ ls\nfile\n# id\nuid=0(root)', false).code).toBe('ls\n\nid\n')
  })

  it('reads <name> as a value the learner fills in, keeping columns', () => {
    expect(fillPlaceholders('docker pull alpine@sha256:<digest> > <file.txt>')).toBe('docker pull alpine@sha256:_digest_ > _file.txt_')
    expect(fillPlaceholders('sort <in >out')).toBe('sort <in >out')
  })

  it('places a JSON mistake at its line and column', () => {
    expect(lintJson('{\n  "a": 1,\n}')).toEqual([{ line: 3, column: 1, message: expect.stringContaining('property name') }])
    expect(lintJson('{"a": 1}')).toEqual([])
    expect(lintJson('{"a": ')[0]?.line).toBe(1)
  })

  it('places a YAML mistake at the parser’s position, in any document of the block', () => {
    expect(lintYaml('a: 1\nb: [1, 2\n')).toEqual([expect.objectContaining({ line: 3 })])
    expect(lintYaml('a: 1\n---\nb:\n  - x\n - y\n')[0]?.line).toBe(5)
    expect(lintYaml('kind: Pod\nmetadata:\n  name: api\n')).toEqual([])
  })
})
