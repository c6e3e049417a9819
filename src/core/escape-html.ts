/**
 * Escaping, in one place: every value that goes into HTML, XML or markdown
 * that kit generates goes through one of these.
 */

/** Text safe inside HTML (or XML) content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** The text HTML escaping (kit's or marp-core's) stands for: `&lt;`, `&gt;`, `&quot;`, `&#39;` and `&amp;`, each decoded once. */
export function unescapeHtml(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/** Text from YAML (a title, a name) shown literally in markdown: no HTML, no emphasis, no list or heading. */
export function escapeMarkdown(text: string): string {
  return escapeText(text)
    .replace(/([\\`*_{}[\]()#+!|~$])/g, '\\$1')
    .replace(/^(\s*)(\d+)\./, '$1$2\\.')
    .replace(/^-/, '\\-')
}

/**
 * Author markdown (quiz text: code spans, emphasis) on one line, with raw
 * HTML neutralised: `&`, `<` and `>` are escaped outside code spans, and
 * left as written inside them, where markdown already shows them as text.
 */
export function neutraliseHtml(markdown: string): string {
  const text = markdown.replace(/\n+/g, ' ')
  let out = ''
  let at = 0
  for (const match of text.matchAll(/`+/g)) {
    const start = match.index ?? 0
    if (start < at) continue
    const close = closingRun(text, match[0], start + match[0].length)
    if (close < 0) continue
    out += escapeText(text.slice(at, start)) + text.slice(start, close + match[0].length)
    at = close + match[0].length
  }
  return out + escapeText(text.slice(at))
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Where a run of backticks exactly as long as `run` starts, from `from` on (a code span closes only so); -1 when none. */
function closingRun(text: string, run: string, from: number): number {
  for (const match of text.slice(from).matchAll(/`+/g)) if (match[0].length === run.length) return from + (match.index ?? 0)
  return -1
}
