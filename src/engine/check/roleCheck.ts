import type { Analysis } from '../facts/analysis';
import { exclusiveTitles, extractRoles, sameTitle, type RoleFact } from '../facts/roles';
import type { CorpusIndex } from '../search/corpusIndex';
import type { Steps } from '../util/steps';

/** Role nouns that say how someone was chosen or grouped, not what office they hold. */
const GENERIC = new Set(['pick', 'nominee', 'candidate', 'choice', 'member', 'official', 'leader', 'head', 'deleg', 'delegation'].map((w) => w.slice(0, 5)));
const isGeneric = (term: string) => GENERIC.has(term.slice(0, 5));

export interface RoleFinding {
  claim: RoleFact;
  status: 'confirmed' | 'contradicted';
  /** For a contradiction: the passage and the role it gives the person. */
  passage?: number;
  source?: RoleFact;
}

const MENTIONS = 40;

/**
 * Checks the titles a claim gives people against every role the corpus gives them, wherever in
 * the corpus that is stated (a role is often stated once per article, far from the claim's fact).
 */
export function* checkRoles(index: CorpusIndex, claim: Analysis): Steps<RoleFinding[]> {
  const findings: RoleFinding[] = [];
  for (const role of extractRoles(claim)) {
    const head = [...role.roles].reverse().find((r) => !isGeneric(r));
    if (!head) continue;
    const people = new Set([role.person, ...index.nameVariants(role.person)]);
    const known: { passage: number; role: RoleFact }[] = [];
    for (const hit of index.searchTerms([...people], MENTIONS)) {
      // Two full names with different first words are two people sharing a surname.
      for (const r of index.roles(hit.passage.id)) if (people.has(r.person) && !(role.given && r.given && role.given !== r.given)) known.push({ passage: hit.passage.id, role: r });
      yield;
    }
    if (!known.length) continue;
    if (known.some((k) => sameTitle(role, k.role))) {
      findings.push({ claim: role, status: 'confirmed' });
      continue;
    }
    if (role.form === 'copula') continue;
    // Only an office the person cannot hold at once with the claimed one contradicts it: a former
    // office, a second post or a vaguer word ("official") is no evidence against the title.
    const against = known.find((k) => exclusiveTitles(role, k.role));
    if (!against) continue;
    findings.push({ claim: role, status: 'contradicted', passage: against.passage, source: against.role });
  }
  return findings;
}
