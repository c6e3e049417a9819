/**
 * The catalogue of every problem kit reports. A `Problem` can only carry a
 * code listed here (a misspelt code does not compile), and docs/errors.md is
 * generated from this table (`npm run docs:errors`), so the two never drift.
 */

export interface CodeInfo {
  /** error: stops a build; warning: printed, fails only `kit check --strict`. */
  severity: 'error' | 'warning'
  /** Exit code when this error ends a run: 1 content, 2 usage. */
  exit?: 2
  /** What it means, in a phrase, for docs/errors.md. */
  meaning: string
  /** Hint used when the problem itself gives none. */
  hint: string
}

export const PROBLEM_CODES = {
  // usage
  KIT_USAGE: {
    severity: 'error',
    exit: 2,
    meaning: 'unknown command or flag, a flag another command owns, or a bad argument; "did you mean" names the closest',
    hint: 'See kit --help, or kit COMMAND --help.',
  },
  KIT_UNKNOWN_EDITION: { severity: 'error', exit: 2, meaning: '`--edition` names an edition that workshop.yaml does not define', hint: 'kit list shows the editions.' },
  KIT_UNKNOWN_LANGUAGE: {
    severity: 'error',
    exit: 2,
    meaning: '`--lang` or `kit translate --mark` names a language that workshop.yaml does not build',
    hint: 'List it in `languages:` in workshop.yaml.',
  },
  KIT_UNKNOWN_FORMAT: { severity: 'error', exit: 2, meaning: '`--formats` has a value other than html, pdf, pptx', hint: 'Use a comma-separated subset of html,pdf,pptx.' },
  KIT_UNKNOWN_EXERCISE: { severity: 'error', exit: 2, meaning: '`kit labs --exercise` names an exercise that does not exist', hint: 'kit list shows the exercises of each edition.' },
  KIT_LABS_CONFIRM: { severity: 'error', exit: 2, meaning: '`kit labs` without a terminal to ask at and without `--yes`', hint: 'Pass --yes to run the listed steps without asking.' },
  KIT_BROWSER_PATH: { severity: 'error', exit: 2, meaning: '`CHROME_PATH` / `BROWSER_PATH` points at a file that does not exist', hint: 'Point it at a Chrome, Chromium or Edge binary, or unset it.' },
  KIT_INIT_NOT_EMPTY: {
    severity: 'error',
    exit: 2,
    meaning: '`kit init` was pointed at a folder that is not empty',
    hint: 'Use a new or empty folder, or --force to add the starter files without overwriting anything.',
  },
  KIT_LIVE_EDITION: { severity: 'error', exit: 2, meaning: '`kit live` without `--edition` in a workshop with several editions', hint: 'Pass --edition ID; kit list shows the editions.' },
  KIT_LIVE_HOST: {
    severity: 'error',
    exit: 2,
    meaning: '`kit live --host` names no address of this machine, or `lan` finds no network',
    hint: 'Use --host lan on the room’s network, or leave --host out for this machine only.',
  },
  KIT_LIVE_PORT: { severity: 'error', exit: 2, meaning: 'the port `kit live` should listen on is taken', hint: 'Pass --port N, or --port 0 for a free one.' },
  KIT_LIVE_BUSY: { severity: 'error', exit: 2, meaning: 'another `kit live` process serves the same session', hint: 'Stop the other one, or start a new session with kit live --new.' },
  KIT_LIVE_SESSION: {
    severity: 'error',
    exit: 2,
    meaning: '`kit live report` names a session that is not in .kit-live/, or there is none yet',
    hint: 'The sessions are the .sqlite files in .kit-live/; run kit live first.',
  },
  KIT_NO_SUCH_FILE: {
    severity: 'error',
    exit: 2,
    meaning: '`--roster` names a file, or `--results` a folder, that does not exist; or `--results` is given for more than one edition',
    hint: 'The path is relative to the current folder; --results goes with one --edition.',
  },
  KIT_EXISTS: { severity: 'error', exit: 2, meaning: '`kit new` would overwrite a file', hint: 'Pick another name, or delete the file first.' },
  KIT_ID_TAKEN: {
    severity: 'error',
    exit: 2,
    meaning: '`kit new` would create a module or exercise whose id another one already has (ids are shared by modules and exercises)',
    hint: 'Pick another slug.',
  },
  // the project and its files
  KIT_NO_BROWSER: {
    severity: 'error',
    meaning: 'PDF or PPTX asked for, and no Chromium-family browser found',
    hint: 'Install Chromium or set CHROME_PATH; kit build --formats html works without one.',
  },
  KIT_NO_WORKSHOP: { severity: 'error', meaning: 'no content/workshop.yaml in the project folder', hint: 'Run kit from the root of a workshop project, or pass --root.' },
  KIT_NO_TEMPLATES: { severity: 'error', meaning: 'kit’s own templates are missing (a project’s templates/ only replaces them file by file)', hint: 'Reinstall workshop-kit.' },
  KIT_BINARY_FILE: { severity: 'error', meaning: 'a source file contains NUL bytes', hint: 'Only UTF-8 text belongs in content/ and exercises/; move binary files to content/assets/.' },
  KIT_ENCODING: { severity: 'error', meaning: 'a source file is not valid UTF-8 (position of the first bad byte)', hint: 'Save the file as UTF-8 in your editor.' },
  KIT_EMPTY_FILE: { severity: 'error', meaning: 'a module or exercise file is empty', hint: 'Write its content, or delete the file; kit new scaffolds a valid one.' },
  KIT_FILE_TOO_LARGE: { severity: 'error', meaning: 'a source file is over 2 MiB (split it)', hint: 'Split it into several modules, or move data into an asset or a link.' },
  KIT_DECK_TOO_LARGE: {
    severity: 'error',
    meaning: 'a deck of more than 2,000 slides cannot be printed (PDF, PPTX, handout); `--formats html` builds it',
    hint: 'Split the edition, or build it with --formats html.',
  },
  KIT_UNCLOSED_FENCE: { severity: 'error', meaning: 'a code block is never closed (everything after it would become code)', hint: 'Close the code block with a line holding only its fence.' },
  // formats
  KIT_YAML_SYNTAX: {
    severity: 'error',
    meaning: 'YAML that cannot be parsed (workshop.yaml, front matter, quiz, glossary), including aliases without anchors',
    hint: 'Check indentation and quoting; values containing ": " or starting with a special character need quotes.',
  },
  KIT_YAML_TAB: { severity: 'error', meaning: 'a tab indents a YAML line; YAML indents with spaces only', hint: 'Replace the tab with spaces.' },
  KIT_JSON_SYNTAX: { severity: 'error', meaning: 'a JSON file kit reads (templates/theme/fonts.json) cannot be parsed', hint: 'Fix the JSON at the position shown; a validator in your editor helps.' },
  KIT_SCHEMA: { severity: 'error', meaning: 'a value of the wrong type or form, at the line of its key', hint: 'See docs/authoring.md for the format.' },
  KIT_DUPLICATE_ID: { severity: 'error', meaning: 'two modules/exercises, editions or quiz questions share an id', hint: 'Give each one a unique id.' },
  KIT_UNKNOWN_ITEM: { severity: 'error', meaning: 'an edition lists an id that is neither a module nor an exercise', hint: 'Use the id of a module or exercise (kit list shows them).' },
  KIT_UNKNOWN_MODULE: { severity: 'error', meaning: 'a quiz question or exercise refers to a module that does not exist', hint: 'Use the id of an existing module.' },
  KIT_THEME_CSS: {
    severity: 'error',
    meaning: 'a CSS file in templates/theme/ is not a Marp theme (no `/* @theme name */` comment)',
    hint: 'Start the file with /* @theme NAME */ and set `theme: NAME` in workshop.yaml.',
  },
  KIT_UNKNOWN_THEME: { severity: 'error', meaning: 'workshop.yaml names a theme that is not in templates/theme/', hint: 'Add a CSS file with /* @theme NAME */ to templates/theme/, or use kit.' },
  KIT_VOLATILE_SOURCE: {
    severity: 'error',
    meaning: 'a volatile claim in module front matter names a source the module does not list (by 1-based position or url)',
    hint: 'Write source: as the position of the source under sources: (from 1) or its exact url.',
  },
  KIT_QUIZ_ANSWER: { severity: 'error', meaning: 'a quiz answer is not one of its choices', hint: 'Write answer: as the exact text of the right choice.' },
  KIT_EXERCISE_SECTION: { severity: 'error', meaning: 'an exercise lacks one of the required sections', hint: 'Add the section as a ## heading.' },
  KIT_EXERCISE_NO_SOLUTION: { severity: 'error', meaning: 'an exercise’s Solution section is empty', hint: 'Write the solution under ## Solution.' },
  KIT_LAB_MARKER: {
    severity: 'error',
    meaning: 'an unknown or malformed lab marker after a code block’s language (`sh run timeuot=5`), at its column ([docs/labs.md](labs.md))',
    hint: 'See docs/labs.md for the markers.',
  },
  KIT_LAB_EXPECT: { severity: 'error', meaning: 'a `text expect` block with no `run` block before it in its step', hint: 'Put the expected output right after the run block it belongs to.' },
  KIT_SLIDE_CONTRAST: {
    severity: 'error',
    meaning: 'text on a slide that does not stand out from its background (axe colour-contrast), on a module slide or one kit generates',
    hint: 'Keep the theme’s colours, or choose text and background colours with a contrast of at least 4.5:1.',
  },
  KIT_LAB_UNMARKED_OUTPUT: {
    severity: 'warning',
    meaning: 'a plain block right after a run block that has no `expect`: it looks like expected output, but kit labs does not compare it',
    hint: 'Mark it ```text expect, or mark the run block `silent` when it prints nothing.',
  },
  KIT_LAB_PLACEHOLDER: { severity: 'error', meaning: 'an unknown placeholder in expected output (`{{pdi}}`), or `{{...}}` not alone on its line', hint: 'See docs/labs.md for the placeholders.' },
  KIT_CODE_BLOCK: {
    severity: 'warning',
    meaning:
      'a code block in a module that learners would copy does not hold up: shell (`sh`, `bash`, `shell`, `console`) that `bash -n` or ShellCheck rejects, JSON or YAML that does not parse ([docs/authoring.md](authoring.md))',
    hint: 'Fix the code, or fence it as `text` if it is not meant to run or parse.',
  },
  // images, links, templates, fonts
  KIT_REMOTE_IMAGE: {
    severity: 'error',
    meaning: 'an image is loaded from the network; the kit must work offline',
    hint: 'Download the image into content/assets/ (check its licence) and reference it by a relative path.',
  },
  KIT_PATH_OUTSIDE: {
    severity: 'error',
    meaning: "a path that content, templates or an imported deck name (or a symlink there) leaves the project (or the deck's folder)",
    hint: 'Keep files inside the project (content/assets/) and use a relative path.',
  },
  KIT_MISSING_IMAGE: {
    severity: 'error',
    meaning: 'an image file does not exist (the nearest existing file name is suggested)',
    hint: 'Check the file name and that the path is relative to the markdown file.',
  },
  KIT_UNREADABLE: {
    severity: 'error',
    meaning: 'a file that content or templates name is there but cannot be read (a folder, no permission)',
    hint: 'Name a file, not a folder, and make it readable (chmod a+r FILE).',
  },
  KIT_MISSING_ASSET: {
    severity: 'error',
    meaning: 'a theme or print stylesheet refers (url()) to a file that is not next to it; files that are there are inlined',
    hint: 'Put the file next to the stylesheet, or fix the path.',
  },
  KIT_BAD_URL: { severity: 'error', meaning: 'an image or link path has a malformed %-escape (`100%.svg`)', hint: 'Write a literal % as %25, or rename the file.' },
  KIT_TEMPLATE: { severity: 'error', meaning: 'a Handlebars template does not compile, fails while rendering, or is missing', hint: 'Fix the template at the line shown.' },
  KIT_TEMPLATE_PARTIAL: { severity: 'error', meaning: 'a template uses a partial that does not exist', hint: 'Add templates/partials/NAME.hbs or fix the name.' },
  KIT_TEMPLATE_HELPER: { severity: 'error', meaning: 'a template calls a helper that does not exist (found by `kit check`)', hint: 'Use one of the helpers listed in docs/authoring.md.' },
  KIT_TEMPLATE_I18N_KEY: {
    severity: 'error',
    meaning: 'a template\'s `{{t "key"}}` names a message that templates/i18n/en.yaml does not have (found by `kit check`)',
    hint: 'Fix the key (the message names the closest one), or add it to templates/i18n/en.yaml and every other catalogue.',
  },
  KIT_I18N_MESSAGE: {
    severity: 'error',
    meaning: 'a message in a catalogue (templates/i18n/LANG.yaml) is not valid ICU MessageFormat',
    hint: 'Fix the message at the line shown ([docs/languages.md](languages.md)).',
  },
  KIT_I18N_SECTION: {
    severity: 'warning',
    meaning: 'two exercise sections have the same heading in a language’s catalogue (sheet.section.*), one is empty, or one is another section’s English name',
    hint: 'Give each section its own word in templates/i18n/LANG.yaml ([docs/languages.md](languages.md)).',
  },
  KIT_I18N_MISSING: {
    severity: 'warning',
    meaning: "the workshop's language has no message for a key; the generated word is English ([docs/languages.md](languages.md))",
    hint: 'Add the key to templates/i18n/LANG.yaml in the project.',
  },
  KIT_I18N_NO_CATALOGUE: {
    severity: 'warning',
    meaning: "no catalogue exists for the workshop's language, so every generated word is English ([docs/languages.md](languages.md))",
    hint: "Copy kit's templates/i18n/en.yaml to templates/i18n/LANG.yaml in the project and translate its values.",
  },
  KIT_I18N_UNKNOWN_KEY: {
    severity: 'warning',
    meaning: 'a project catalogue has a key that English does not have, so nothing uses it',
    hint: 'Fix the key: the message names the closest one kit has.',
  },
  KIT_FONT: { severity: 'error', meaning: 'a font in templates/theme/fonts.json cannot be read', hint: 'Install the font package with npm or fix the path.' },
  KIT_NO_GLYPH: {
    severity: 'warning',
    meaning: 'a character that no embedded font draws (found by `kit check`); it would print as an empty box or in whatever font the machine has ([docs/fonts.md](fonts.md))',
    hint: 'Install the font package named (npm install -D @fontsource/…), or add a font that draws it to templates/theme/fonts.json.',
  },
  KIT_SLIDES_HTML: { severity: 'error', meaning: 'marp-cli could not convert a deck to slides.html', hint: 'The message names what marp-cli rejected; fix it in the module shown.' },
  // the browser and the output folder
  KIT_NETWORK_REQUEST: { severity: 'error', meaning: 'an output tried to load something from the network while being printed', hint: 'Inline the resource or put it in content/assets/.' },
  KIT_BROWSER_FAILED: {
    severity: 'error',
    meaning: 'the browser crashed, failed or hung twice on the same output (each job is retried once)',
    hint: 'Run again; if it repeats, try another browser with CHROME_PATH.',
  },
  KIT_LOCKED: { severity: 'error', meaning: 'another build is writing to the same output folder', hint: 'Wait for it to finish, or stop it.' },
  KIT_DEV_REBUILD: {
    severity: 'error',
    meaning: '`kit dev` could not rebuild after a save for a reason outside the sources (a file it could not write, a fault in kit); it keeps serving the last good build',
    hint: 'Save again to retry; if it fails again, run kit build --debug and report what it prints.',
  },
  KIT_LANGUAGE_FOLDER: {
    severity: 'error',
    meaning: 'an edition’s id is also a language in `languages:`, so the edition and that language’s editions would both be written to `dist/<id>/`',
    hint: 'Rename the edition (`id:`), for example `de-workshop`.',
  },
  KIT_LANGUAGES: { severity: 'error', meaning: '`languages:` in workshop.yaml leaves out `language:`, the language the sources are written in', hint: 'Add the source language to `languages:`.' },
  KIT_A11Y: { severity: 'error', meaning: 'a generated page has a serious or critical accessibility violation (axe-core, `kit check`)', hint: 'Fix the template or content named in the message.' },
  KIT_CERTIFICATE_LAYOUT: {
    severity: 'error',
    meaning: 'a certificate of completion printed on more than one page (a project’s templates/certificates.hbs or print.css lets it grow), so the PDF cannot be split per learner',
    hint: 'Keep each .certificate one page high; kit’s own template clips what does not fit.',
  },
  KIT_CSV_SYNTAX: {
    severity: 'error',
    meaning: 'a roster or results CSV cannot be read as CSV (a quote never closed, a row with more cells than the header)',
    hint: 'Open the file in a spreadsheet and save it again as CSV (UTF-8).',
  },
  KIT_CSV_COLUMN: {
    severity: 'error',
    meaning: 'a roster or results CSV lacks a column kit needs (`name`), names one twice, or names a question or session the edition does not have ([docs/paperwork.md](paperwork.md))',
    hint: 'Fix the header row (the first line); docs/paperwork.md gives each layout.',
  },
  KIT_CSV_TOO_LARGE: {
    severity: 'error',
    meaning: 'a roster has more than 500 learners (a results file more than 1,000 rows), or the file is over 1 MiB',
    hint: 'A roster lists one session’s learners; split a larger group into sessions.',
  },
  KIT_ROSTER_NAME: { severity: 'error', meaning: 'a roster or results row has an empty name', hint: 'Write the learner’s name, or delete the row.' },
  KIT_ROSTER_DUPLICATE: {
    severity: 'error',
    meaning: 'two rows of a roster or results file name the same learner (case and spacing aside)',
    hint: 'Delete the second row, or tell the two learners apart (a middle initial).',
  },
  KIT_RESULTS_VALUE: {
    severity: 'error',
    meaning: 'a cell of a results CSV is not an answer its column takes (a choice letter the question lacks, a scale value outside 1–5)',
    hint: 'docs/paperwork.md says what each column takes; an empty cell means not answered.',
  },
  // warnings
  KIT_CSV_EXTRA_COLUMN: {
    severity: 'warning',
    meaning: 'a roster has a column kit does not use; it is ignored (and not kept anywhere)',
    hint: 'Leave personal data the documents do not need out of the roster.',
  },
  KIT_RESULTS_LEARNER: { severity: 'warning', meaning: 'a results row names a learner who is not on the roster', hint: 'Spell the name as the roster does, or add the learner to the roster.' },
  KIT_LAB_RESULTS: {
    severity: 'warning',
    meaning: 'lab-results.json is not a file `kit labs` wrote; exercises show as never verified',
    hint: 'Run kit labs again to rewrite it, or delete lab-results.json.',
  },
  KIT_TRANSLATION_NO_SOURCE: {
    severity: 'warning',
    meaning: 'a file named like a translation (`04-x.de.md`) whose source (`04-x.md`) does not exist; it is not used',
    hint: 'Rename it to match its source, or remove the language tag.',
  },
  KIT_TRANSLATION_LANGUAGE: {
    severity: 'warning',
    meaning: 'translations in a language that `languages:` does not list (or in the source language); they are not built',
    hint: 'Add the language to `languages:` in workshop.yaml.',
  },
  KIT_TRANSLATION_KEY: {
    severity: 'warning',
    meaning: 'a translation sets a key that comes from its source (`id`, `duration`, `level`, `tags`, `sources`, `volatile`, a question’s `module`) differently; the source’s value is used',
    hint: 'Remove the key from the translation.',
  },
  KIT_TRANSLATION_QUIZ: {
    severity: 'warning',
    meaning: 'a quiz translation lacks a question of its source (shown in the source language) or has one its source does not',
    hint: 'Translate the same question ids as the source.',
  },
  KIT_TRANSLATION_EDITION: {
    severity: 'warning',
    meaning: 'workshop.<lang>.yaml names an edition or a break title that workshop.yaml does not have',
    hint: 'Use the ids and break titles of workshop.yaml.',
  },
  KIT_TRANSLATION_NOT_MARKED: {
    severity: 'warning',
    meaning: 'a translation that does not record which version of its source it translates, so kit cannot tell when it falls behind',
    hint: 'When it is up to date, run kit translate --mark LANG FILE.',
  },
  KIT_TRANSLATION_STALE: {
    severity: 'warning',
    meaning: 'the source changed since the translation was marked; at the first changed slide, section or entry of the translation, with a diff of the source',
    hint: 'Update the translation, then run kit translate --mark LANG FILE.',
  },
  KIT_TRANSLATION_SLIDES: {
    severity: 'warning',
    meaning:
      'a module translation has another number of slides than its source (at the first slide whose structure, headings, images, code blocks and tables, differs), or an exercise translation another number of sections',
    hint: 'Keep the same slides and sections in the same order: one translated slide or section per source slide or section.',
  },
  KIT_UNKNOWN_KEY: { severity: 'warning', meaning: 'a key that kit does not use (with the closest known key: "did you mean `duration`?")', hint: 'Remove the key or fix its spelling.' },
  KIT_MODULE_THEME: { severity: 'warning', meaning: 'a module asks for another theme than workshop.yaml’s', hint: 'Deck-wide settings come from workshop.yaml.' },
  KIT_MODULE_SIZE: { severity: 'warning', meaning: 'a module asks for another slide size than workshop.yaml’s', hint: 'Deck-wide settings come from workshop.yaml.' },
  KIT_EDITION_LENGTH: {
    severity: 'warning',
    meaning: 'an edition’s total is more than 10 % away from its target length, at its `length:` line',
    hint: 'Adjust module durations, items or the edition length in workshop.yaml.',
  },
  KIT_SLIDE_OVERFLOW: {
    severity: 'warning',
    meaning: 'a slide’s content runs past the slide frame, with the pixels (measured in the browser by `kit check` and by PDF/PPTX builds)',
    hint: 'Shorten the slide, split it, or use a smaller class.',
  },
  KIT_MARP_LEGACY_DIRECTIVE: {
    severity: 'warning',
    meaning: 'a Marp v0 directive such as `<!-- $theme: gaia -->`, which Marp now shows as a speaker note',
    hint: 'Write the directive in the front matter.',
  },
  KIT_EXERCISE_ORDER: {
    severity: 'warning',
    meaning: 'an exercise’s sections are not in the order Goal, Before you start, Steps, Check your work, Solution, Troubleshooting, Clean up, Going further',
    hint: 'Move the section to its place in that order.',
  },
  KIT_FENCE_RUNS_ON: {
    severity: 'warning',
    meaning:
      'a code block in a module runs on past a slide break (`---`) and the heading or notes after it: its closing fence is missing, so those slides show as code; blocks in yaml and markdown are not judged',
    hint: 'Close the code block before the `---`.',
  },
  KIT_SETEXT_BREAK: {
    severity: 'warning',
    meaning: 'a `---` directly under a line of text in a module: markdown makes the text a heading instead of breaking the slide, and two slides merge',
    hint: 'Add a blank line above the `---`.',
  },
  KIT_UNUSED_ITEM: {
    severity: 'warning',
    meaning: 'a module or exercise that no edition lists (`kit check`)',
    hint: 'Add its id to the items of an edition in content/workshop.yaml, or delete the file.',
  },
  KIT_CI_INSTALL: {
    severity: 'warning',
    meaning:
      'package.json installs a dependency (kit itself, after `npm install ./workshop-kit-0.1.0.tgz`) from a `file:` path outside the project or through `link:`, and a GitHub workflow of the project runs npm: its `npm ci` on a fresh checkout fails before kit runs (`kit check`, at the dependency’s line)',
    hint: 'Install kit from the npm registry (npm install -D workshop-kit), or commit the tarball into the project and install it from there.',
  },
  KIT_PLACEHOLDER: {
    severity: 'warning',
    meaning: 'a module or exercise still holds text `kit new` wrote for the author to replace (`replace-me` links, "First point"), at the first such line (`kit check`)',
    hint: 'Replace the placeholder text with the real content.',
  },
  KIT_CSS_SYNTAX: {
    severity: 'warning',
    meaning: 'a module’s `<style>` or `style:` CSS cannot be parsed; Marp drops it, so it styles nothing',
    hint: 'Fix the CSS at the position shown (an unclosed brace or a stray character).',
  },
  KIT_NO_NOTES: {
    severity: 'warning',
    meaning: 'a module slide has no speaker notes (`kit check`)',
    hint: 'Add an HTML comment at the end of the slide: what to say, a timing cue, a likely question.',
  },
  KIT_IMAGE_ALT: { severity: 'warning', meaning: 'an image has no alt text (`kit check`)', hint: 'Describe the image in the brackets.' },
  KIT_SOURCE_STALE: {
    severity: 'warning',
    meaning: 'a module source was last `checked` longer ago than `freshness.max-age-months` (default 6) before the event date, or today without one (`kit check`)',
    hint: 'Read the source again, update the slides if the fact changed, and set checked: to this month.',
  },
  KIT_SOURCE_UNCHECKED: {
    severity: 'warning',
    meaning: 'a source that backs a volatile claim has no `checked` date (`kit check`)',
    hint: 'Confirm the claim against the source and add checked: YYYY-MM to it.',
  },
  KIT_BROKEN_LINK: { severity: 'warning', meaning: 'a relative link points to a file that does not exist (`kit check`)', hint: 'Fix the path; it is relative to the markdown file.' },
  KIT_CACHE: { severity: 'warning', meaning: '.kit-cache/ could not be read or written; the build goes on without it', hint: 'Delete .kit-cache/; it is rebuilt as needed.' },
  KIT_PPTX_PICTURE: {
    severity: 'warning',
    meaning:
      'a slide is a picture in the editable slides.pptx, with the reason: something the exporter cannot express (a CSS filter or transform, an image inside a line of text…) or an editable drawing that does not look like the slide ([docs/pptx.md](pptx.md))',
    hint: 'Remove what the reason names from the slide to make it editable, or accept the picture.',
  },
} as const satisfies Record<string, CodeInfo>

export type ProblemCode = keyof typeof PROBLEM_CODES

/** The anchor of a code's row in docs/errors.md. */
export function docsAnchor(code: ProblemCode): string {
  return `docs/errors.md#${code.toLowerCase().replace(/_/g, '-')}`
}

/** docs/errors.md, generated from the catalogue. */
export function errorsDoc(): string {
  const rows = (Object.entries(PROBLEM_CODES) as [ProblemCode, CodeInfo][]).map(([code, info]) => {
    const severity = info.severity === 'warning' ? 'warning' : info.exit === 2 ? 'error (2)' : 'error'
    return `| <a id="${code.toLowerCase().replace(/_/g, '-')}"></a>\`${code}\` | ${severity} | ${info.meaning} | ${info.hint} |`
  })
  return [
    '# Problem codes',
    '',
    '<!-- Generated from src/problem-codes.ts by `npm run docs:errors`; edit the catalogue, not this file. -->',
    '',
    'Every problem `kit` reports has a stable code, a location (`file:line:column`',
    'where there is one), a code frame and a hint. Errors stop a build (exit 1;',
    'exit 2 for usage errors); warnings are printed and, with `kit check --strict`,',
    'also fail. `kit check --format json` prints the same list as JSON. One',
    'mistake is one report: problems that only follow from another (an id that',
    'a file which failed to parse would have defined) are not reported again.',
    '',
    '| code | severity | what it means | usual fix |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n')
}
