/** `kit live report [SESSION]`: written below. */
export async function liveReport(_root: string, _session?: string): Promise<{ session: string; files: string[]; notes: string[] }> {
  throw new Error('not yet')
}
