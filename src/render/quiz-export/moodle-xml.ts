import { escapeHtml } from '../../core/escape-html.ts'
import type { Question } from '../../load/schemas.ts'
import { renderInline } from '../markdown-html.ts'
import { categoryName, type ExportModule } from './gift.ts'

/**
 * The quiz as Moodle XML (docs/paperwork.md): a category question per
 * module, then each question as `multichoice` (one right answer at 100 %,
 * the others at 0, choices shuffled by Moodle) or `shortanswer` for a
 * question without choices. Texts are HTML (the quiz's markdown rendered
 * as on the quiz sheet), escaped as XML text rather than put in CDATA, so
 * no text can end a section early; the explanation is the general
 * feedback.
 */
export function moodleXmlQuiz(workshopTitle: string, modules: readonly ExportModule[]): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>']
  for (const module of modules) {
    if (module.questions.length === 0) continue
    parts.push(`  <question type="category">\n    <category><text>${xmlText(`$course$/${categoryName(workshopTitle, module.title)}`)}</text></category>\n  </question>`)
    for (const q of module.questions) parts.push(xmlQuestion(q))
  }
  parts.push('</quiz>', '')
  return parts.join('\n')
}

/** Text content for XML 1.0: escaped, without the control characters it cannot hold. */
export function xmlText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the characters XML 1.0 forbids is the point
  return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''))
}

function html(markdown: string): string {
  return `<text>${xmlText(renderInline(markdown))}</text>`
}

function xmlQuestion(q: Question): string {
  const type = q.choices ? 'multichoice' : 'shortanswer'
  const lines = [
    `  <question type="${type}">`,
    `    <name><text>${xmlText(q.id)}</text></name>`,
    `    <questiontext format="html">${html(q.question)}</questiontext>`,
    `    <generalfeedback format="html">${html(q.explanation?.trim() ?? '')}</generalfeedback>`,
    '    <defaultgrade>1</defaultgrade>',
  ]
  if (q.choices) {
    lines.push('    <single>true</single>', '    <shuffleanswers>true</shuffleanswers>', '    <answernumbering>ABCD</answernumbering>')
    for (const choice of q.choices) lines.push(`    <answer fraction="${choice === q.answer ? 100 : 0}" format="html">${html(choice)}<feedback format="html"><text></text></feedback></answer>`)
  } else {
    // The written answer is compared as plain text, case aside.
    lines.push('    <usecase>0</usecase>', `    <answer fraction="100" format="plain_text"><text>${xmlText(q.answer)}</text><feedback format="html"><text></text></feedback></answer>`)
  }
  lines.push('  </question>')
  return lines.join('\n')
}
