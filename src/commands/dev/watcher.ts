import path from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import { RESULTS_FILE } from '../../load/lab-results.ts'
import { LAYOUT } from '../../load/read-sources.ts'

/** The source folders of a project, watched with everything below them. */
const SOURCE_FOLDERS = ['content', LAYOUT.exercises, LAYOUT.templates]

/**
 * Saved sources, through chokidar. Node's recursive `fs.watch` on Linux
 * follows each file's inode, so a file saved by renaming a new one over it
 * (`sed -i`, many editors) goes unseen from then on; chokidar watches the
 * folders and sees every such save.
 *
 * The project folder itself is watched, down to the source folders and the
 * results of `kit labs` only (never dist/, .kit-cache/ or node_modules/):
 * a source folder created later is seen, and a path that does not exist
 * yet cannot make chokidar report ready before it watches.
 */
export class SourceWatcher {
  private readonly watcher: FSWatcher
  /** Resolves once the folders are being watched: a save after this is seen. */
  readonly ready: Promise<void>

  /** `saved` gets each path that was added, changed or removed, relative to `root` with forward slashes. */
  constructor(root: string, saved: (file: string) => void, failed: (error: unknown) => void) {
    const relative = (file: string) => path.relative(root, file).split(path.sep).join('/')
    this.watcher = watch(root, { ignoreInitial: true, ignored: (file) => !isWatched(relative(file)) })
    this.watcher.on('all', (_event, file) => saved(relative(file)))
    this.watcher.on('error', failed)
    this.ready = new Promise((resolve) => this.watcher.once('ready', () => resolve()))
  }

  close(): Promise<void> {
    return this.watcher.close()
  }
}

/** The project folder itself, lab-results.json, and the source folders with everything below them. */
function isWatched(file: string): boolean {
  return file === '' || file === RESULTS_FILE || SOURCE_FOLDERS.some((dir) => file === dir || file.startsWith(`${dir}/`))
}
