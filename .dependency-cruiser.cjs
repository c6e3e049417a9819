/**
 * The pipeline's layers, written once: load → plan → render → export →
 * write, shared leaves below them all, commands above. A module may import
 * its own layer and the layers before it, never one after it.
 * Checked on the compiled code in lib/ (the import graph of src/, type-only
 * imports erased), because dependency-cruiser does not read TypeScript 7.
 * `npm test` runs it (npm run deps).
 */
const LEAVES = '^lib/(problems|problem-codes|closest|plural|turns|kit-root|files-below|tool-versions|code-frame|marp-engine|markdown|format|mime)\\.js$|^lib/i18n/'
const LOAD = '^lib/(load/|project\\.js$|project-root\\.js$|freshness\\.js$)'
const PLAN = '^lib/(plan|agenda)\\.js$'
const RENDER = '^lib/(assemble|render|views)/'
const EXPORT = '^lib/export/'
const WRITE = '^lib/(pipeline|build|up-to-date|output-lock|reporter)\\.js$'
const COMMANDS = '^lib/(cli|cli-args|index|dev-server|dev-previews|scaffold|init|eject|translate)\\.js$|^lib/(check|labs|import)/'

const later = (from, ...to) => ({ from: { path: from }, to: { path: to.join('|') } })

module.exports = {
  forbidden: [
    { name: 'every-module-in-a-layer', severity: 'error', comment: 'A new file joins a layer here first.', from: { path: '^lib/', pathNot: [LEAVES, LOAD, PLAN, RENDER, EXPORT, WRITE, COMMANDS].join('|') }, to: {} },
    { name: 'leaves-stay-leaves', severity: 'error', comment: 'A shared leaf imports only other leaves.', from: { path: LEAVES }, to: { path: '^lib/', pathNot: LEAVES } },
    { name: 'load-imports-nothing-later', severity: 'error', ...later(LOAD, PLAN, RENDER, EXPORT, WRITE, COMMANDS) },
    { name: 'plan-imports-nothing-later', severity: 'error', ...later(PLAN, RENDER, EXPORT, WRITE, COMMANDS) },
    { name: 'render-imports-nothing-later', severity: 'error', ...later(RENDER, EXPORT, WRITE, COMMANDS) },
    { name: 'export-imports-nothing-later', severity: 'error', ...later(EXPORT, WRITE, COMMANDS) },
    { name: 'write-imports-no-command', severity: 'error', ...later(WRITE, COMMANDS) },
    { name: 'no-cycles', severity: 'error', from: { path: '^lib/' }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
  },
}
