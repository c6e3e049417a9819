import type { ImageRef } from '../load/module-images.ts'
import type { Content } from '../load/content.ts'
import type { Module } from '../load/module.ts'
import type { Project } from '../load/project.ts'
import type { Problems } from '../core/problems.ts'
import type { Marp } from '@marp-team/marp-core'
import { escapeHtml } from '../core/escape-html.ts'
import { inlineAssets } from './inline-assets.ts'
import { renderDeck } from '../core/marp-engine.ts'
import type { EmbeddedFace } from './font-faces.ts'
import { plural } from '../core/plural.ts'
import { textDirection } from '../core/messages.ts'
import { deckFrontMatter, moduleSlides } from './deck/assemble-deck.ts'

/**
 * `kit dev`'s preview of one module: its slides alone, as an edition's deck
 * shows them (the same front matter, directives, brand footer and image
 * paths), rendered by marp-core without marp-cli or a build. It is what a
 * save re-renders first; the editions follow in the background.
 * `renderModulePreview` (editions.ts) runs these in the pipeline's order.
 */

export interface ModulePreviewDeck {
  markdown: string
  images: ImageRef[]
}

/** The module as a deck of its own, with the workshop's theme, size, language and brand. */
export function modulePreviewDeck(module: Module, content: Content, marp: Marp, problems: Problems): ModulePreviewDeck {
  const slides = moduleSlides(module, content, marp, problems)
  const front = deckFrontMatter(content, { title: module.title })
  return { markdown: `${front}\n\n${slides.opening}\n\n${slides.body}\n`, images: slides.images }
}

/** A page with the module's slides one under the other, with the fonts their characters need (as an edition's deck). */
export function modulePreviewHtml(project: Project, module: Module, deck: ModulePreviewDeck, images: Map<string, Uint8Array>, fonts: readonly EmbeddedFace[]): string {
  const rendered = renderDeck(project.marp, deck.markdown)
  const slides = rendered.slides.map((slide) => inlineAssets(slide, { files: images, fonts })).join('\n')
  const lang = project.content.workshop.language
  const title = escapeHtml(`${module.title} — preview`)
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${textDirection(lang)}" data-kit-module="${escapeHtml(module.id)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${fonts.map((f) => f.rule).join('\n')}
${rendered.css}</style>
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
