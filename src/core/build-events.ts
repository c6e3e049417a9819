/**
 * What a build reports while it runs, stage by stage: the terminal reporter
 * draws it, `kit dev` and API callers may listen.
 */
export type BuildEvent =
  | { type: 'stage'; stage: 'load' | 'render' | 'export' | 'write'; total: number }
  | { type: 'job'; label: string; status: 'built' | 'cached'; seconds: number }
  | { type: 'file'; edition: string; path: string; bytes: number; pages?: number }
  | { type: 'cache'; bytes: number }
