import postcss, { type Rule } from 'postcss'

/**
 * Rewrites a module's global CSS (its `style` directive or `<style>` tags) so
 * it only applies to slides carrying `className`. In Marp such CSS is
 * deck-wide; once modules share a deck it would leak into every other module.
 */
export function scopeCss(css: string, className: string): string {
  let root: ReturnType<typeof postcss.parse>
  try {
    root = postcss.parse(css)
  } catch {
    // Marp drops CSS it cannot parse, and so does kit; the author is warned when the module loads.
    return ''
  }
  root.walkRules((rule: Rule) => {
    if (insideKeyframes(rule)) return
    rule.selectors = rule.selectors.map((selector) => scopeSelector(selector.trim(), className))
  })
  return root.toString()
}

function scopeSelector(selector: string, className: string): string {
  if (/^:root\b/.test(selector)) return selector.replace(/^:root/, `section.${className}`)
  if (/^section(?=$|[\s.#:[>+~])/.test(selector)) return selector.replace(/^section/, `section.${className}`)
  return `section.${className} ${selector}`
}

function insideKeyframes(rule: Rule): boolean {
  for (let parent: { type: string; parent?: unknown } | undefined = rule.parent; parent; parent = parent.parent as typeof parent) {
    if (parent.type === 'atrule' && /keyframes$/i.test((parent as unknown as { name: string }).name)) return true
  }
  return false
}

/**
 * Drops `@media print` blocks. Marp's CSS prints a deck one slide per page;
 * a handout embeds slides as thumbnails and must not inherit that.
 */
export function withoutPrintRules(css: string): string {
  const root = postcss.parse(css)
  root.walkAtRules('media', (rule) => {
    if (/\bprint\b/.test(rule.params)) rule.remove()
  })
  return root.toString()
}
