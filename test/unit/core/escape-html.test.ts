import { describe, expect, it } from 'vitest'
import { escapeHtml, escapeMarkdown, neutraliseHtml, unescapeHtml } from '../../../src/core/escape-html.ts'
import { createMarp } from '../../../src/core/marp-engine.ts'

const marp = createMarp()
const paragraph = (markdown: string) => /<p>(.*)<\/p>/.exec(marp.render(markdown).html)?.[1]

describe('escaping', () => {
  it('makes text safe in HTML content and double-quoted attributes, once', () => {
    expect(escapeHtml('a < b && "c" > d')).toBe('a &lt; b &amp;&amp; &quot;c&quot; &gt; d')
    expect(escapeHtml('&quot;')).toBe('&amp;quot;')
  })

  it('decodes what it escaped, each entity once', () => {
    expect(unescapeHtml(escapeHtml('a < b && "c" > \'d\''))).toBe('a < b && "c" > \'d\'')
    expect(unescapeHtml('&amp;quot;')).toBe('&quot;')
  })

  it('shows text from YAML literally in markdown', () => {
    expect(paragraph(escapeMarkdown('1. *Not* a <b>list</b> [x](y) $a$ & `c`'))).toBe('1. *Not* a &lt;b&gt;list&lt;/b&gt; [x](y) $a$ &amp; `c`')
  })

  it('neutralises raw HTML in author markdown but leaves code spans as written', () => {
    expect(neutraliseHtml('Run `a && b <x>` when <b>it</b>\nfails & **stops**')).toBe('Run `a && b <x>` when &lt;b&gt;it&lt;/b&gt; fails &amp; **stops**')
    expect(paragraph(neutraliseHtml('Run `a && b` when <b>it</b> fails'))).toBe('Run <code>a &amp;&amp; b</code> when &lt;b&gt;it&lt;/b&gt; fails')
    // A backtick that opens nothing is text, and what follows it is still escaped.
    expect(neutraliseHtml('a ` b <i> ``c`` ')).toBe('a ` b &lt;i&gt; ``c`` ')
  })
})
