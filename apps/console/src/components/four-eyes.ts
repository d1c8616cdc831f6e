import type { Official } from '../api/licence.types';

/**
 * Whether the signed-in official proposed (or staged) it. The API compares officials by `sub`,
 * whatever role they acted in, so the console does the same: a senior assessor who proposed as
 * an assessor still may not approve. The API refuses it anyway; the console only spares the click.
 */
export function isOwnProposal(signedIn: string, proposer: Official | null | undefined): boolean {
  return proposer !== null && proposer !== undefined && proposer.sub === signedIn;
}
