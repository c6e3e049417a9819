import type { BorderSide, Box, ImageShape, Shape, SlideModel, TableCell, TextParagraph, TextRun, TextShape } from './model.ts'

/**
 * Reads one laid-out Marp slide (`div.marpit > svg[data-marpit-svg]` number
 * `index`, shown alone at the top of the page) into a `SlideModel`. Runs in
 * the browser through `page.evaluate`, so it is self-contained: no imports
 * at run time, helpers defined inside.
 */
export async function walkSlide(index: number): Promise<SlideModel> {
  const svg = document.querySelectorAll<SVGSVGElement>('div.marpit > svg[data-marpit-svg]')[index]
  const empty: SlideModel = { background: '#ffffff', shapes: [], title: '', unsupported: ['the slide was not found'], text: '' }
  if (!svg) return empty
  const origin = svg.getBoundingClientRect()
  const sections = [...svg.querySelectorAll<HTMLElement>(':scope > foreignObject > section')]
  const shapes: Shape[] = []
  const unsupported = new Set<string>()
  const words: string[] = []
  let title = ''

  const rel = (r: DOMRect): Box => ({ x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height })
  const px = (v: string) => Number.parseFloat(v) || 0
  const colour = (css: string): string | undefined => {
    const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(css)
    if (!m) return undefined
    let alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? px(m[4]) / 100 : px(m[4])
    if (alpha < 0.05) return undefined
    alpha = Math.min(1, alpha)
    // A translucent colour is drawn over white: PowerPoint text has no alpha.
    const mix = (c: string) => Math.round(px(c) * alpha + 255 * (1 - alpha))
    return `#${[m[1], m[2], m[3]]
      .map((c) =>
        mix(c ?? '0')
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`
  }
  const families = (css: string) => css.split(',').map((f) => f.trim().replace(/^["']|["']$/g, ''))
  const genericOf = (css: string) => {
    const list = families(css)
    return list.find((f) => ['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-monospace'].includes(f)) ?? 'sans-serif'
  }
  const tagName = (el: Element) => el.tagName.toLowerCase()
  const visible = (el: Element) => {
    const cs = getComputedStyle(el)
    return cs.display !== 'none' && cs.visibility !== 'hidden'
  }
  const contentBox = (el: Element): Box => {
    const cs = getComputedStyle(el)
    const b = rel(el.getBoundingClientRect())
    const l = px(cs.paddingLeft) + px(cs.borderLeftWidth)
    const t = px(cs.paddingTop) + px(cs.borderTopWidth)
    const r = px(cs.paddingRight) + px(cs.borderRightWidth)
    const bt = px(cs.paddingBottom) + px(cs.borderBottomWidth)
    return { x: b.x + l, y: b.y + t, w: Math.max(0, b.w - l - r), h: Math.max(0, b.h - t - bt) }
  }
  const lineHeightOf = (cs: CSSStyleDeclaration) => (cs.lineHeight === 'normal' ? px(cs.fontSize) * 1.2 : px(cs.lineHeight))
  const alignOf = (cs: CSSStyleDeclaration): TextParagraph['align'] => {
    const a = cs.textAlign
    if (a === 'center' || a === '-webkit-center') return 'center'
    if (a === 'right' || a === 'end' || a === '-webkit-right') return 'right'
    if (a === 'justify') return 'justify'
    return 'left'
  }

  /** Static rules: what an editable slide cannot show. */
  const checkStyle = (el: Element, cs: CSSStyleDeclaration) => {
    const name = `<${tagName(el)}>`
    if (cs.filter !== 'none') unsupported.add(`CSS filter on ${name}`)
    if (cs.backdropFilter && cs.backdropFilter !== 'none') unsupported.add(`CSS backdrop-filter on ${name}`)
    if (cs.transform !== 'none') unsupported.add(`CSS transform on ${name}`)
    if (cs.clipPath !== 'none') unsupported.add(`CSS clip-path on ${name}`)
    if (cs.maskImage && cs.maskImage !== 'none') unsupported.add(`CSS mask on ${name}`)
    if (cs.mixBlendMode !== 'normal') unsupported.add(`CSS mix-blend-mode on ${name}`)
    if (px(cs.opacity) < 0.99) unsupported.add(`opacity on ${name}`)
    if (cs.writingMode !== 'horizontal-tb') unsupported.add(`vertical writing on ${name}`)
    if (cs.columnCount !== 'auto' && cs.columnCount !== '1' && !/^(ul|ol)$/.test(tagName(el))) unsupported.add(`CSS columns on ${name}`)
  }

  const border = (cs: CSSStyleDeclaration, side: 'Top' | 'Right' | 'Bottom' | 'Left'): BorderSide => {
    const style = cs.getPropertyValue(`border-${side.toLowerCase()}-style`)
    const width = style === 'none' || style === 'hidden' ? 0 : px(cs.getPropertyValue(`border-${side.toLowerCase()}-width`))
    return { width, color: colour(cs.getPropertyValue(`border-${side.toLowerCase()}-color`)) ?? '#000000' }
  }

  /** An element's own painting: background colour and borders as rectangles. */
  const paint = (el: Element, cs: CSSStyleDeclaration, skipBackground = false) => {
    const b = rel(el.getBoundingClientRect())
    if (b.w < 0.5 || b.h < 0.5) return
    const fill = colour(cs.backgroundColor)
    const radius = px(cs.borderTopLeftRadius)
    if (fill && !skipBackground) shapes.push({ kind: 'rect', ...b, fill, radius: radius > 0 ? radius : undefined })
    if (!skipBackground && cs.backgroundImage !== 'none') unsupported.add(`background image on <${tagName(el)}>`)
    const [t, r, bt, l] = (['Top', 'Right', 'Bottom', 'Left'] as const).map((s) => border(cs, s)) as [BorderSide, BorderSide, BorderSide, BorderSide]
    if (t.width > 0) shapes.push({ kind: 'rect', x: b.x, y: b.y, w: b.w, h: t.width, fill: t.color })
    if (bt.width > 0) shapes.push({ kind: 'rect', x: b.x, y: b.y + b.h - bt.width, w: b.w, h: bt.width, fill: bt.color })
    if (l.width > 0) shapes.push({ kind: 'rect', x: b.x, y: b.y, w: l.width, h: b.h, fill: l.color })
    if (r.width > 0) shapes.push({ kind: 'rect', x: b.x + b.w - r.width, y: b.y, w: r.width, h: b.h, fill: r.color })
  }

  const svgSource = (el: SVGElement) => {
    const copy = el.cloneNode(true) as SVGElement
    copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
    const b = el.getBoundingClientRect()
    copy.setAttribute('width', String(b.width))
    copy.setAttribute('height', String(b.height))
    const text = new XMLSerializer().serializeToString(copy).replace(/currentColor/g, getComputedStyle(el).color)
    return `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(text)))}`
  }

  const imageOf = (el: Element): ImageShape | undefined => {
    const box = contentBox(el)
    if (box.w < 1 || box.h < 1) return undefined
    if (el instanceof HTMLImageElement) {
      const src = el.currentSrc || el.src
      if (!src.startsWith('data:')) return { kind: 'image', ...box, shot: 'box', alt: el.alt }
      const fit = getComputedStyle(el).objectFit
      const natural = { w: el.naturalWidth, h: el.naturalHeight }
      return { kind: 'image', ...box, src, fit: fit === 'cover' || fit === 'contain' ? fit : undefined, natural, shot: src.startsWith('data:image/svg') ? 'box' : undefined, alt: el.alt }
    }
    if (el instanceof SVGElement) return { kind: 'image', ...box, src: svgSource(el), shot: 'box', alt: el.getAttribute('aria-label') ?? '' }
    return undefined
  }

  const INLINE = /^inline/
  const measure = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D
  /** The text runs of `nodes` (inline content of one paragraph). */
  const runsOf = (nodes: Node[], pre: boolean): TextRun[] => {
    const runs: TextRun[] = []
    const walk = (node: Node, deco: { underline: boolean; strike: boolean }) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement
        if (!parent) return
        const cs = getComputedStyle(parent)
        let text = node.textContent ?? ''
        if (!pre) text = text.replace(/[\s\u00a0]+/g, (m) => (m.includes('\u00a0') ? m.replace(/[^\u00a0]/g, '') || ' ' : ' '))
        if (!text) return
        if (cs.textTransform === 'uppercase') text = text.toUpperCase()
        else if (cs.textTransform === 'lowercase') text = text.toLowerCase()
        const code = parent.closest('code')
        const codeBg = code && !code.closest('pre') ? colour(getComputedStyle(code).backgroundColor) : undefined
        const link = parent.closest('a')
        const base: TextRun = {
          text: '',
          font: families(cs.fontFamily)[0] ?? 'sans-serif',
          generic: genericOf(cs.fontFamily),
          stack: cs.fontFamily,
          size: px(cs.fontSize),
          spacing: cs.letterSpacing === 'normal' || px(cs.letterSpacing) === 0 ? undefined : px(cs.letterSpacing),
          color: colour(cs.color) ?? '#000000',
          bold: px(cs.fontWeight) >= 600 || undefined,
          italic: cs.fontStyle === 'italic' || cs.fontStyle.startsWith('oblique') || undefined,
          underline: deco.underline || undefined,
          strike: deco.strike || undefined,
          highlight: codeBg,
          href: link?.href && /^(https?|mailto):/.test(link.href) ? link.href : undefined,
          baseline: cs.verticalAlign === 'super' ? 'super' : cs.verticalAlign === 'sub' ? 'sub' : undefined,
        }
        const lines = pre ? text.replace(/\t/g, '    ').split('\n') : [text]
        lines.forEach((line, k) => {
          const last = k === lines.length - 1
          if (line || !last) runs.push({ ...base, text: line, breakAfter: !last || undefined })
        })
        return
      }
      if (!(node instanceof Element) || !visible(node)) return
      const tag = tagName(node)
      if (tag === 'br') {
        const prev = runs[runs.length - 1]
        if (prev) prev.breakAfter = true
        return
      }
      if (tag === 'img' || tag === 'svg') {
        // A picture in a line of text (inline math, an icon): placed where it is, its width kept free in the text.
        const image = imageOf(node)
        if (image) shapes.push(image)
        const box = node.getBoundingClientRect()
        gap(node, box.width)
        return
      }
      const cs = getComputedStyle(node)
      checkStyle(node, cs)
      const line = cs.textDecorationLine
      const next = { underline: deco.underline || line.includes('underline'), strike: deco.strike || line.includes('line-through') }
      const inline = !pre && INLINE.test(cs.display)
      if (inline) spacer(node, cs, 'Left')
      for (const child of node.childNodes) walk(child, next)
      if (inline) spacer(node, cs, 'Right')
    }
    /**
     * An inline element's padding, border and margin (inline code's padding)
     * as a no-break space in the surrounding text's font, widened or narrowed
     * to that width by letter spacing.
     */
    const spacer = (el: Element, cs: CSSStyleDeclaration, side: 'Left' | 'Right') => {
      const width = px(cs.getPropertyValue(`padding-${side.toLowerCase()}`)) + px(cs.getPropertyValue(`border-${side.toLowerCase()}-width`)) + px(cs.getPropertyValue(`margin-${side.toLowerCase()}`))
      if (width < 0.5 || !el.textContent?.trim()) return
      gap(el, width, colour(cs.backgroundColor))
    }
    /** A no-break space `width` pixels wide in the text around `el`. */
    const gap = (el: Element, width: number, highlight?: string) => {
      if (width < 0.5) return
      const outer = getComputedStyle(el.parentElement ?? el)
      const font = families(outer.fontFamily)[0] ?? 'sans-serif'
      const size = px(outer.fontSize)
      measure.font = `${size}px "${font}", ${genericOf(outer.fontFamily)}`
      const natural = measure.measureText('\u00a0').width
      runs.push({ text: '\u00a0', font, generic: genericOf(outer.fontFamily), size, spacing: Math.round((width - natural) * 100) / 100, color: colour(outer.color) ?? '#000000', highlight })
    }
    // Decorations reach the text from every ancestor up to the slide.
    const inherited = { underline: false, strike: false }
    for (let el = nodes[0]?.parentElement; el && tagName(el) !== 'foreignobject'; el = el.parentElement) {
      const line = getComputedStyle(el).textDecorationLine
      inherited.underline ||= line.includes('underline')
      inherited.strike ||= line.includes('line-through')
    }
    for (const n of nodes) walk(n, inherited)
    // Whitespace as the browser collapses it: none at the ends, one between runs.
    const out: TextRun[] = []
    for (const run of runs) {
      const prev = out[out.length - 1]
      if (!pre && (!prev || prev.breakAfter || prev.text.endsWith(' '))) run.text = run.text.replace(/^ +/, '')
      if (!run.text && !run.breakAfter) continue
      out.push(run)
    }
    if (!pre) {
      for (let i = out.length - 1; i >= 0; i--) {
        const run = out[i]!
        run.text = run.text.replace(/ +$/, '')
        if (run.text || run.breakAfter) break
        out.pop()
      }
    }
    return out
  }

  /** Lines a range of inline content occupies. */
  const linesOf = (nodes: Node[], lineHeight: number): { top: number; bottom: number } | undefined => {
    const range = document.createRange()
    let top = Number.POSITIVE_INFINITY
    let bottom = Number.NEGATIVE_INFINITY
    for (const node of nodes) {
      range.selectNode(node)
      for (const r of range.getClientRects()) {
        if (r.width === 0 && r.height === 0) continue
        top = Math.min(top, r.top)
        bottom = Math.max(bottom, r.bottom)
      }
    }
    if (!Number.isFinite(top)) return undefined
    // Line boxes, not glyph boxes: round the extent out to whole lines.
    const glyphs = bottom - top
    const lines = Math.max(1, Math.round((glyphs + (lineHeight - Math.min(glyphs, lineHeight))) / lineHeight))
    const mid = (top + bottom) / 2
    return { top: mid - (lines * lineHeight) / 2 - origin.top, bottom: mid + (lines * lineHeight) / 2 - origin.top }
  }

  const textBlock = (el: Element, nodes: Node[], pre: boolean): TextShape | undefined => {
    const cs = getComputedStyle(el)
    const runs = runsOf(nodes, pre)
    if (runs.length === 0) return undefined
    const box = contentBox(el)
    const lineHeight = lineHeightOf(cs)
    const lines = linesOf(nodes, lineHeight)
    const spaceBefore = lines ? Math.max(0, lines.top - box.y) : 0
    for (const r of runs) words.push(r.text)
    // A line that fits on one line here must stay one line in PowerPoint.
    const oneLine = lines !== undefined && lines.bottom - lines.top < lineHeight * 1.5 && !runs.some((r) => r.breakAfter)
    const wrap = !pre && !oneLine && cs.whiteSpace !== 'nowrap' && cs.whiteSpace !== 'pre'
    return { kind: 'text', ...box, wrap, paragraphs: [{ runs, align: alignOf(cs), spaceBefore, lineHeight }] }
  }

  const MARKERS: Record<string, string> = {
    disc: '•',
    circle: '◦',
    square: '▪',
    none: '',
    decimal: 'arabicPeriod',
    'lower-alpha': 'alphaLcPeriod',
    'lower-latin': 'alphaLcPeriod',
    'upper-alpha': 'alphaUcPeriod',
    'upper-latin': 'alphaUcPeriod',
    'lower-roman': 'romanLcPeriod',
    'upper-roman': 'romanUcPeriod',
  }

  /** A list as one text box, or one per column when CSS columns flow it. */
  const listShape = (list: HTMLElement): TextShape[] => {
    const box = contentBox(list)
    const left = rel(list.getBoundingClientRect()).x
    const columns: { x: number; w: number; paragraphs: TextParagraph[] }[] = []
    let prevBottom = box.y
    const items = (l: Element, level: number) => {
      const ordered = tagName(l) === 'ol'
      let number = ordered ? ((l as HTMLOListElement).start ?? 1) : 1
      let start = number
      for (const li of l.children) {
        if (tagName(li) !== 'li' || !visible(li)) continue
        const cs = getComputedStyle(li)
        checkStyle(li, cs)
        const own: Node[] = []
        const nested: Element[] = []
        for (const child of li.childNodes) {
          if (child instanceof Element && /^(ul|ol)$/.test(tagName(child))) nested.push(child)
          else own.push(child)
        }
        const runs = runsOf(own, false)
        const lineHeight = lineHeightOf(cs)
        const lines = linesOf(own, lineHeight)
        const marker = MARKERS[cs.listStyleType] ?? (ordered ? 'arabicPeriod' : '•')
        const liBox = rel(li.getBoundingClientRect())
        if (level === 0) {
          const first = columns[0]
          const indent = first ? (first.paragraphs[0]?.list?.indent ?? 0) : liBox.x - left
          const column = columns[columns.length - 1]
          if (!column || Math.abs(column.x + indent - liBox.x) > 2) {
            columns.push({ x: liBox.x - indent, w: liBox.w + indent, paragraphs: [] })
            prevBottom = box.y
            start = number
          }
        }
        const column = columns[columns.length - 1]!
        if (runs.length > 0 || nested.length === 0) {
          const top = lines?.top ?? liBox.y
          column.paragraphs.push({ runs, align: alignOf(cs), lineHeight, spaceBefore: Math.max(0, top - prevBottom), list: { level, ordered, start, marker, indent: liBox.x - column.x } })
          prevBottom = lines?.bottom ?? liBox.y + lineHeight
          for (const r of runs) words.push(r.text)
        }
        number++
        for (const n of nested) items(n, level + 1)
      }
    }
    items(list, 0)
    return columns.map((c) => ({ kind: 'text' as const, x: c.x, y: box.y, w: c.w, h: box.h, wrap: true, paragraphs: c.paragraphs }))
  }

  const tableShape = (table: HTMLTableElement): Shape | undefined => {
    const box = rel(table.getBoundingClientRect())
    const rows = [...table.rows]
    if (rows.length === 0) return undefined
    const cells: TableCell[][] = []
    const columns: number[] = []
    const rowHeights = rows.map((r) => r.getBoundingClientRect().height)
    const tableLeft = box.x
    const edges = new Set<number>([0])
    for (const row of rows) {
      for (const cell of row.cells) {
        const b = rel(cell.getBoundingClientRect())
        edges.add(Math.round(b.x - tableLeft))
        edges.add(Math.round(b.x + b.w - tableLeft))
      }
    }
    // Collapsed borders make neighbouring cells overlap by a pixel: one edge.
    const sorted = [...edges].sort((a, b) => a - b).filter((e, i, all) => i === 0 || e - all[i - 1]! > 3)
    for (let i = 1; i < sorted.length; i++) columns.push(sorted[i]! - sorted[i - 1]!)
    for (const row of rows) {
      const rowCs = getComputedStyle(row)
      const out: TableCell[] = []
      for (const cell of row.cells) {
        const cs = getComputedStyle(cell)
        checkStyle(cell, cs)
        const runs = runsOf([...cell.childNodes], false)
        for (const r of runs) words.push(r.text)
        if (cs.backgroundImage !== 'none') unsupported.add('background image on a table cell')
        out.push({
          paragraphs: [{ runs, align: alignOf(cs), spaceBefore: 0, lineHeight: lineHeightOf(cs) }],
          fill: colour(cs.backgroundColor) ?? colour(rowCs.backgroundColor),
          borders: [border(cs, 'Top'), border(cs, 'Right'), border(cs, 'Bottom'), border(cs, 'Left')],
          padding: [px(cs.paddingTop), px(cs.paddingRight), px(cs.paddingBottom), px(cs.paddingLeft)],
          valign: cs.verticalAlign === 'middle' ? 'middle' : cs.verticalAlign === 'bottom' ? 'bottom' : 'top',
          colspan: cell.colSpan,
          rowspan: cell.rowSpan,
        })
      }
      cells.push(out)
    }
    if (columns.length === 0) return undefined
    return { kind: 'table', ...box, columns, rows: rowHeights, cells }
  }

  const inlineOnly = (el: Element) => {
    let text = false
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        if ((child.textContent ?? '').trim()) text = true
        continue
      }
      if (!(child instanceof Element)) continue
      const display = getComputedStyle(child).display
      if (display === 'none') continue
      if (tagName(child) === 'br') continue
      if (!INLINE.test(display)) return false
      if ((child.textContent ?? '').trim()) text = true
    }
    return text
  }

  /** A pseudo-element (`::before`, `::after`) as a real element, measured and removed. */
  const pseudo = (el: HTMLElement, which: '::before' | '::after') => {
    const cs = getComputedStyle(el, which)
    const content = cs.content
    if (!content || content === 'none' || content === 'normal' || cs.display === 'none') return
    let text = ''
    const token = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|attr\(\s*([\w-]+)\s*\)|(\S+)/g
    for (let m = token.exec(content); m; m = token.exec(content)) {
      if (m[1] !== undefined || m[2] !== undefined) text += (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1')
      else if (m[3]) text += el.getAttribute(m[3]) ?? ''
      else if (m[4]) {
        unsupported.add(`generated content ${m[4].slice(0, 20)} in ${which}`)
        return
      }
    }
    const copy = document.createElement('span')
    for (let k = 0; k < cs.length; k++) {
      const name = cs.item(k)
      if (name === 'content') continue
      copy.style.setProperty(name, cs.getPropertyValue(name))
    }
    copy.textContent = text
    if (which === '::before') el.prepend(copy)
    else el.append(copy)
    try {
      const ccs = getComputedStyle(copy)
      checkStyle(copy, ccs)
      paint(copy, ccs)
      if (text.trim()) {
        const block = textBlock(copy, [...copy.childNodes], false)
        if (block) shapes.push(block)
      }
    } finally {
      copy.remove()
    }
  }

  const visit = (el: Element) => {
    if (!visible(el)) return
    const tag = tagName(el)
    const cs = getComputedStyle(el)
    checkStyle(el, cs)
    if (/^(video|audio|iframe|canvas|object|embed)$/.test(tag)) {
      unsupported.add(`<${tag}>`)
      return
    }
    if (tag === 'img' || tag === 'svg') {
      const image = imageOf(el)
      if (image) shapes.push(image)
      return
    }
    if (tag === 'figure' && el.parentElement?.hasAttribute('data-marpit-advanced-background-container')) {
      backgroundFigure(el as HTMLElement)
      return
    }
    if (tag === 'table') {
      paint(el, cs)
      const t = tableShape(el as HTMLTableElement)
      if (t) shapes.push(t)
      return
    }
    paint(el, cs)
    if (el instanceof HTMLElement) pseudo(el, '::before')
    if (tag === 'ul' || tag === 'ol') {
      shapes.push(...listShape(el as HTMLElement))
    } else if (tag === 'pre') {
      const block = textBlock(el, [...el.childNodes], true)
      if (block) shapes.push(block)
    } else if (inlineOnly(el)) {
      const block = textBlock(el, [...el.childNodes], false)
      if (block) {
        if (!title && /^h[1-6]$/.test(tag)) {
          block.title = true
          title = block.paragraphs[0]?.runs.map((r) => r.text).join('') ?? ''
        }
        shapes.push(block)
      }
    } else {
      for (const child of el.childNodes) {
        if (child.nodeType === Node.TEXT_NODE && (child.textContent ?? '').trim()) unsupported.add(`text beside blocks in <${tag}>`)
      }
      for (const child of el.children) visit(child)
    }
    if (el instanceof HTMLElement) pseudo(el, '::after')
  }

  const natural = (src: string) =>
    new Promise<{ w: number; h: number }>((resolve) => {
      const img = new Image()
      img.onload = () => resolve({ w: img.naturalWidth, h: img.naturalHeight })
      img.onerror = () => resolve({ w: 0, h: 0 })
      img.src = src
    })
  const pending: Promise<void>[] = []
  const backgroundFigure = (figure: HTMLElement) => {
    const cs = getComputedStyle(figure)
    const box = rel(figure.getBoundingClientRect())
    const fill = colour(cs.backgroundColor)
    if (fill) shapes.push({ kind: 'rect', ...box, fill })
    const m = /url\("?(data:[^")]+)"?\)/.exec(cs.backgroundImage)
    if (!m?.[1]) {
      if (cs.backgroundImage !== 'none') unsupported.add('a background that is not an image')
      return
    }
    const size = cs.backgroundSize
    const image: ImageShape = {
      kind: 'image',
      ...box,
      src: m[1],
      fit: size === 'contain' ? 'contain' : size === 'cover' || size === 'auto' ? 'cover' : undefined,
      shot: m[1].startsWith('data:image/svg') ? 'box' : undefined,
    }
    if (size !== 'cover' && size !== 'contain' && size !== 'auto') image.shot = 'box'
    shapes.push(image)
    pending.push(
      natural(m[1]).then((n) => {
        image.natural = n
      }),
    )
  }

  // The slide's own painting: a gradient or image is a picture of the
  // background alone, a colour is the slide background.
  const first = sections[0]
  const firstCs = first ? getComputedStyle(first) : undefined
  const background = (firstCs && colour(firstCs.backgroundColor)) ?? '#ffffff'
  const painted = sections.some((s) => getComputedStyle(s).backgroundImage !== 'none')
  if (painted) shapes.push({ kind: 'image', x: 0, y: 0, w: origin.width, h: origin.height, shot: 'paint' })
  for (const [k, section] of sections.entries()) {
    const cs = getComputedStyle(section)
    checkStyle(section, cs)
    if (!painted) {
      if (k > 0) paint(section, cs)
      else paint(section, cs, true)
    }
    pseudo(section, '::before')
    for (const child of section.children) visit(child)
    pseudo(section, '::after')
  }
  await Promise.all(pending)
  return { background, shapes, title, unsupported: [...unsupported], text: words.join(' ') }
}
