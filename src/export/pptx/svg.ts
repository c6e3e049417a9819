/**
 * An SVG picture as the PPTX stores it: without the web fonts embedded in
 * its `<style>` (`@font-face` with data URLs). PowerPoint's SVG renderer
 * uses installed fonts, so they would only add size (a diagram carries
 * 60–130 kB of them); the PNG fallback next to it keeps the exact look.
 */
export function svgForOffice(dataUrl: string): string {
  const m = /^data:image\/svg\+xml(;base64)?,(.*)$/s.exec(dataUrl)
  if (!m) return dataUrl
  const text = m[1] ? Buffer.from(m[2] ?? '', 'base64').toString('utf8') : decodeURIComponent(m[2] ?? '')
  const stripped = stripFontFaces(text)
  if (stripped === text) return dataUrl
  return `data:image/svg+xml;base64,${Buffer.from(stripped).toString('base64')}`
}

/** Removes every `@font-face { … }` rule (braces balanced, strings skipped). */
export function stripFontFaces(css: string): string {
  let out = ''
  let at = 0
  for (;;) {
    const start = css.indexOf('@font-face', at)
    if (start < 0) return out + css.slice(at)
    out += css.slice(at, start)
    const open = css.indexOf('{', start)
    if (open < 0) return out + css.slice(start)
    let depth = 0
    let i = open
    let quote = ''
    for (; i < css.length; i++) {
      const c = css[i]
      if (quote) {
        if (c === '\\') i++
        else if (c === quote) quote = ''
      } else if (c === '"' || c === "'") quote = c
      else if (c === '{') depth++
      else if (c === '}' && --depth === 0) break
    }
    at = i + 1
  }
}
