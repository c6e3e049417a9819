import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkTemplates } from '../../../src/commands/check/template-usage.ts'
import { createMessages, defaultPaper, flattenCatalogue, lookupChain, messageError, textDirection, type Catalogue } from '../../../src/core/messages.ts'
import { kitCatalogues, mergeCatalogues, parseCatalogue } from '../../../src/load/catalogues.ts'
import { Problems } from '../../../src/core/problems.ts'
import { KIT } from '../../helpers/project.ts'

const SHIPPED = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja']
const catalogues = kitCatalogues()

describe('the shipped catalogues', () => {
  const english = Object.keys(catalogues.get('en') ?? {}).sort()

  it('ship en, de, fr, es, pt-BR and ja', () => {
    const files = readdirSync(path.join(KIT, 'templates/i18n')).map((f) => f.replace(/\.yaml$/, ''))
    expect(files.sort()).toEqual([...SHIPPED].sort())
    expect(english.length).toBeGreaterThan(100)
  })

  it.each(SHIPPED)('%s has exactly English’s keys, and every message parses', (lang) => {
    const file = `templates/i18n/${lang}.yaml`
    const problems = new Problems()
    const parsed = parseCatalogue(readFileSync(path.join(KIT, file), 'utf8'), file, 'kit', problems)
    expect(problems.list).toEqual([])
    expect(Object.keys(parsed?.messages ?? {}).sort()).toEqual(english)
    for (const [key, text] of Object.entries(parsed?.messages ?? {})) expect(messageError(text, lang), `${lang} ${key}`).toBeUndefined()
  })

  it('the heading over an exercise’s objectives shares no word with its Goal section’s (French "Objectifs" beside "Objectif" reads as a typo)', () => {
    for (const lang of SHIPPED) {
      const t = createMessages(lang, catalogues).t
      const [list, goal] = [t('sheet.youWill').toLowerCase(), t('sheet.section.goal').toLowerCase()]
      expect(list.includes(goal) || goal.includes(list), `${lang}: "${list}" and "${goal}"`).toBe(false)
    }
  })

  it('no non-English catalogue leaves a sentence in English', () => {
    const en = catalogues.get('en') as Catalogue
    for (const lang of SHIPPED.filter((l) => l !== 'en')) {
      const same = Object.entries(catalogues.get(lang) as Catalogue).filter(([key, text]) => text === en[key] && /[a-z]{3,} [a-z]{3,}/.test(text.replace(/kit labs/g, '')))
      expect(same, lang).toEqual([])
    }
  })
})

describe('plural forms through CLDR rules', () => {
  const t = (lang: string) => createMessages(lang, catalogues).t
  it('English: 1 exercise, 3 exercises, 0 exercises', () => {
    expect([0, 1, 3].map((count) => t('en')('count.exercises', { count }))).toEqual(['0 exercises', '1 exercise', '3 exercises'])
  })
  it('French: 0 and 1 are singular', () => {
    expect([0, 1, 2].map((count) => t('fr')('count.exercises', { count }))).toEqual(['0 exercice', '1 exercice', '2 exercices'])
  })
  it('German, Spanish and Portuguese: singular for 1 only', () => {
    expect([1, 2].map((count) => t('de')('count.slides', { count }))).toEqual(['1 Folie', '2 Folien'])
    expect([0, 1, 2].map((count) => t('es')('count.modules', { count }))).toEqual(['0 módulos', '1 módulo', '2 módulos'])
    expect([1, 2].map((count) => t('pt-BR')('count.exercises', { count }))).toEqual(['1 exercício', '2 exercícios'])
  })
  it('Japanese: one form', () => {
    expect([1, 3].map((count) => t('ja')('count.exercises', { count }))).toEqual(['演習1件', '演習3件'])
  })
})

describe('file sizes', () => {
  it('write the number the language’s way, with the catalogue’s unit', () => {
    const size = (lang: string, bytes: number) => createMessages(lang, catalogues).bytes(bytes)
    expect([512, 297_660, 1_250_000].map((b) => size('en', b))).toEqual(['512 B', '297.7 kB', '1.3 MB'])
    expect([512, 297_660, 1_250_000].map((b) => size('fr', b))).toEqual(['512\u00a0o', '297,7\u00a0ko', '1,3\u00a0Mo'])
    expect(size('de', 297_660)).toBe('297,7 kB')
    expect(size('pt-BR', 1_250_000)).toBe('1,3 MB')
    expect(size('ja', 297_660)).toBe('297.7 KB')
    // Thousands grouped as the language groups them.
    expect(size('de', 999)).toBe('999 B')
  })
})

describe('the translator', () => {
  it('looks a key up pt-BR → pt → en, case-insensitively', () => {
    expect(lookupChain('pt-BR')).toEqual(['pt-BR', 'pt', 'en'])
    expect(lookupChain('pt-br')).toEqual(['pt-BR', 'pt', 'en'])
    expect(lookupChain('de-CH-1996')).toEqual(['de-CH-1996', 'de-CH', 'de', 'en'])
    expect(lookupChain('en-GB')).toEqual(['en-GB', 'en'])
    const set = new Map<string, Catalogue>([
      ['en', { a: 'A', b: 'B', c: 'C' }],
      ['pt', { a: 'A-pt', b: 'B-pt' }],
      ['pt-BR', { a: 'A-br' }],
    ])
    const m = createMessages('pt-BR', set)
    expect([m.t('a'), m.t('b'), m.t('c')]).toEqual(['A-br', 'B-pt', 'C'])
    expect([...m.missing]).toEqual(['c'])
  })

  it('records keys only English has, never for English itself or its regions', () => {
    const set = new Map<string, Catalogue>([
      ['en', { a: 'A', b: 'B' }],
      ['de', { a: 'A-de' }],
    ])
    const de = createMessages('de-AT', set)
    expect(de.t('b')).toBe('B')
    expect([...de.missing]).toEqual(['b'])
    const gb = createMessages('en-GB', set)
    gb.t('b')
    expect([...gb.missing]).toEqual([])
  })

  it('a key no catalogue has comes back as the key, recorded', () => {
    const m = createMessages('en', catalogues)
    expect(m.t('no.such.key')).toBe('no.such.key')
    expect(m.missing.has('no.such.key')).toBe(true)
  })

  it('a project file overrides one word of kit’s and adds a language, key by key', () => {
    const kit = { lang: 'de', path: 'templates/i18n/de.yaml', origin: 'kit' as const, source: '', locate: () => ({ file: '' }), messages: { 'agenda.heading': 'Ablauf', 'agenda.time': 'Uhrzeit' } }
    const own = { ...kit, origin: 'project' as const, messages: { 'agenda.heading': 'Tagesordnung' } }
    const added = { ...kit, lang: 'he', origin: 'project' as const, messages: { 'agenda.heading': 'סדר יום' } }
    const merged = mergeCatalogues([own, kit, added])
    expect(merged.get('de')).toEqual({ 'agenda.heading': 'Tagesordnung', 'agenda.time': 'Uhrzeit' })
    expect(merged.get('he')).toEqual({ 'agenda.heading': 'סדר יום' })
  })

  it('flattens nested YAML to dotted keys', () => {
    expect(flattenCatalogue({ a: { b: 'x', c: { d: 'y' } }, e: 3 })).toEqual({ 'a.b': 'x', 'a.c.d': 'y', e: '3' })
  })

  it('a malformed message is an error at its line', () => {
    const problems = new Problems()
    parseCatalogue('agenda:\n  heading: Agenda\n  total: "{count, plural, one {# x}"\n', 'templates/i18n/xx.yaml', 'project', problems)
    expect(problems.errors).toHaveLength(1)
    expect(problems.errors[0]).toMatchObject({ code: 'KIT_I18N_MESSAGE', location: { file: 'templates/i18n/xx.yaml', line: 3 } })
  })
})

describe('clock times, dates, durations, direction and paper', () => {
  const m = (lang: string) => createMessages(lang, catalogues)
  const plain = (text: string) => text.replace(/\s/g, ' ')
  it('12-hour clock for en and en-US, 24-hour for en-GB, de, fr, ja', () => {
    expect(plain(m('en').time(9 * 60))).toBe('9:00 AM')
    expect(plain(m('en-US').time(13 * 60 + 5))).toBe('1:05 PM')
    expect(m('en-GB').time(13 * 60 + 5)).toBe('13:05')
    expect(m('de').time(9 * 60)).toBe('09:00')
    expect(m('fr').time(9 * 60)).toBe('09:00')
    expect(m('ja').time(9 * 60)).toBe('9:00')
    expect(m('de').time(24 * 60 + 30)).toBe('00:30')
  })
  it('dates in the local order', () => {
    expect(m('en').date('2026-12-03')).toBe('December 3, 2026')
    expect(m('en-GB').date('2026-12-03')).toBe('3 December 2026')
    expect(m('de').date('2026-12-03')).toBe('3. Dezember 2026')
    expect(m('ja').date('2026-12-03')).toBe('2026年12月3日')
  })
  it('durations through the catalogue', () => {
    expect([45, 60, 90].map(m('en').duration)).toEqual(['45 min', '1 h', '1 h 30 min'])
    expect([45, 90].map(m('de').duration)).toEqual(['45 Min.', '1 Std. 30 Min.'])
    expect([45, 90].map(m('ja').duration)).toEqual(['45分', '1時間30分'])
  })
  it.each(SHIPPED)('%s: a duration that ends in a full stop (German “Min.”) never gets a second one', (lang) => {
    const messages = m(lang)
    const durations = new Set(['duration', 'total', 'target', 'planned'])
    const doubled: string[] = []
    for (const [key, text] of Object.entries(catalogues.get(lang) ?? {})) {
      const args: Record<string, string | number> = {}
      for (const [, name = '', type] of text.matchAll(/\{(\w+)(?:,\s*(\w+))?/g)) {
        args[name] = type === 'plural' || type === 'number' || type === 'selectordinal' ? 2 : durations.has(name) ? messages.duration(65) : 'Ab'
      }
      const out = messages.t(key, args)
      if (/[^.]\.\.(?!\.)/.test(out)) doubled.push(`${key}: ${out}`)
    }
    expect(doubled).toEqual([])
  })
  it('one month of the recheck rule reads as words (“plus d’un mois”, not “plus de 1 mois”)', () => {
    const rule = (lang: string, months: number) => m(lang).t('guide.recheckRule', { months, reference: 'X' })
    expect(['en', 'de', 'fr', 'es', 'pt-BR'].map((lang) => rule(lang, 1)).filter((text) => /\b1\b/.test(text))).toEqual([])
    expect(rule('fr', 1)).toContain('plus d’un mois')
    expect(rule('fr', 6)).toContain('plus de 6 mois')
  })
  it('right to left for Hebrew, Arabic, Persian, Urdu, Dhivehi; left to right otherwise', () => {
    expect(['he', 'ar', 'fa', 'ur', 'dv', 'ar-EG'].map(textDirection)).toEqual(Array(6).fill('rtl'))
    expect(['en', 'de', 'ja', 'ru', 'zh'].map(textDirection)).toEqual(Array(5).fill('ltr'))
  })
  it('Letter for the US and Canada, A4 elsewhere', () => {
    expect(['en', 'en-US', 'en-CA', 'fr-CA', 'es-US'].map(defaultPaper)).toEqual(Array(5).fill('letter'))
    expect(['en-GB', 'de', 'fr', 'ja', 'pt-BR', 'es'].map(defaultPaper)).toEqual(Array(6).fill('a4'))
  })
})

describe('template message keys', () => {
  it('kit check reports a key English does not have, at its line and column, with the closest key', () => {
    const problems = new Problems()
    const text = '<h2>{{t "handout.objectives"}}</h2>\n<p>{{t "handout.objectivs"}} {{> cover kind=(t "doc.handot")}}</p>\n'
    checkTemplates([{ path: 'templates/handout.hbs', text }], problems, Object.keys(catalogues.get('en') ?? {}))
    const keys = problems.list.filter((p) => p.code === 'KIT_TEMPLATE_I18N_KEY')
    expect(keys.map((p) => [p.location?.line, p.location?.column])).toEqual([
      [2, 8],
      [2, 48],
    ])
    expect(keys[0]?.message).toContain('did you mean "handout.objectives"')
    expect(keys[1]?.message).toContain('did you mean "doc.handout"')
  })

  it('kit’s own templates use only keys English has', () => {
    const dir = path.join(KIT, 'templates')
    const files = [...readdirSync(dir), ...readdirSync(path.join(dir, 'partials')).map((f) => `partials/${f}`)]
      .filter((f) => f.endsWith('.hbs'))
      .map((f) => ({ path: `templates/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }))
    const problems = new Problems()
    checkTemplates(files, problems, Object.keys(catalogues.get('en') ?? {}))
    expect(problems.list).toEqual([])
  })
})
