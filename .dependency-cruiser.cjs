/**
 * The layers of src/, one folder each, from the bottom up. A module may
 * import its own layer and the layers below it, never one above.
 *
 *   core/      shared leaves without I/O (problems, positions, escaping, the translator…)
 *   load/      reads and validates a project
 *   plan/      editions → plans, agenda clock
 *   render/    decks and pages as strings (no browser)
 *   export/    the browser subsystem, PDF, PPTX, the artefact cache
 *   output/    what lands in dist/: edition files, manifests, zips, staging and swap
 *   commands/  one folder or file per command (build, check, dev, labs, live…)
 *   cli/       the terminal: arguments, printing, exit codes
 *   index.ts   the public API: re-exports only
 *
 * Read from the TypeScript sources with swc, so `import type` counts like
 * any other import. `npm test` runs it (npm run deps).
 */
const LAYERS = ['core', 'load', 'plan', 'render', 'export', 'output', 'commands', 'cli']
const folder = (name) => `^src/${name}/`
const above = (name) => LAYERS.slice(LAYERS.indexOf(name) + 1).map(folder).join('|')

module.exports = {
  forbidden: [
    {
      name: 'every-module-in-a-layer',
      severity: 'error',
      comment: 'Every file of src/ lives in the folder of its layer (index.ts, the public API, is the one file at the top).',
      from: { path: '^src/', pathNot: [...LAYERS.map(folder), '^src/index\\.ts$'].join('|') },
      to: {},
    },
    ...LAYERS.slice(0, -1).map((name) => ({
      name: `${name}-imports-nothing-above`,
      severity: 'error',
      from: { path: folder(name) },
      to: { path: above(name) },
    })),
    {
      name: 'index-only-re-exports-commands-and-load',
      severity: 'error',
      comment: 'The package entry re-exports; the CLI is not part of the API.',
      from: { path: '^src/index\\.ts$' },
      to: { path: folder('cli') },
    },
    { name: 'no-cycles', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    // Packages' export maps (csv-parse/sync) resolve as Node does.
    enhancedResolveOptions: { extensions: ['.ts', '.js'], exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
}
