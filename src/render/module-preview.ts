import type { Marp } from '@marp-team/marp-core'
import { moduleImages, rewriteImages, type ImageRef } from '../load/module-images.ts'
import { isolateModule } from './deck/isolate-module.ts'
import type { Module } from '../load/module.ts'
import type { Workshop } from '../load/schemas.ts'
import type { Problems } from '../core/problems.ts'
import { escapeHtml } from '../core/escape-html.ts'
import { inlineAssets } from './inline-assets.ts'
import { renderDeck } from '../core/marp-engine.ts'
import { plural } from '../core/plural.ts'
import { textDirection } from '../core/messages.ts'
import { RTL_SLIDES } from './deck/assemble-deck.ts'

/**
 * `kit dev`'s preview of one module: its slides alone, in the workshop's
 * theme and size, rendered by marp-core without marp-cli or a build. It is
 * what a save re-renders first; the editions follow in the background.
 */

export interface ModulePreviewDeck {
  markdown: string
  images: ImageRef[]
}

/** The module as a deck of its own, with the workshop's theme, size and language. */
export function modulePreviewDeck(module: Module, workshop: Workshop, marp: Marp, problems: Problems): ModulePreviewDeck {
  const isolated = isolateModule(module, marp)
  const images = moduleImages(module, problems)
  const rtl = textDirection(workshop.language) === 'rtl' ? [`style: ${JSON.stringify(RTL_SLIDES)}`] : []
  const front = ['---', 'marp: true', `theme: ${workshop.theme}`, `size: ${JSON.stringify(workshop.size)}`, `lang: ${workshop.language}`, ...rtl, '---'].join('\n')
  return { markdown: `${front}\n\n${isolated.opening}\n\n${rewriteImages(isolated.body, module.file, marp).trim()}\n`, images }
}

/** A page with the module's slides one under the other. */
export function modulePreviewHtml(module: Module, deck: ModulePreviewDeck, marp: Marp, assets: { files: Map<string, Uint8Array>; fontCss: string }, lang: string): string {
  const rendered = renderDeck(marp, deck.markdown)
  const slides = rendered.slides.map((slide) => inlineAssets(slide, assets)).join('\n')
  const title = escapeHtml(`${module.title} — preview`)
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${textDirection(lang)}" data-kit-module="${escapeHtml(module.id)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${rendered.css}</style>
<style>
body { margin: 0; background: #3b4048; font: 14px/1.4 system-ui, sans-serif; }
header { color: #fff; padding: 12px 24px; }
header a { color: #cfe3ff; }
.marpit > svg { display: block; width: min(96vw, 1100px); margin: 0 auto 24px; box-shadow: 0 2px 12px rgba(0, 0, 0, 0.45); }
</style>
</head>
<body>
<header><strong>${escapeHtml(module.title)}</strong> · ${plural(rendered.slides.length, 'slide')} · ${escapeHtml(module.file)} · preview, re-rendered on save · <a href="/">editions</a></header>
<div class="marpit">
${slides}
</div>
</body>
</html>
`
}
