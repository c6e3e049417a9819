import { findBrowser } from '../../src/export/browser/find.ts'

/**
 * The browser for tests that need one. Without one, such tests are skipped
 * on a developer's machine, but in CI (CI=true) the run fails: a missing
 * browser must never pass silently.
 */
export async function browserForTests() {
  const browser = await findBrowser().catch(() => undefined)
  if (!browser && process.env.CI) throw new Error('CI must have a browser for the PDF, PPTX and browser-check tests: run scripts/setup.sh or set CHROME_PATH')
  return browser
}
