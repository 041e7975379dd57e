/**
 * A forum's registry facts as `loadRegistryFacts` takes them. CICA's come from cica.data.ts; another
 * forum supplies its own data of the same shapes (registry.types.ts) and loads it the same way.
 */
import { cicaBodies, cicaCbmDimensions, cicaChairmanships, cicaParties, cicaSecretariatHeads } from './cica.data.ts';
import type { ParticipantFacts, RegistryFacts } from './registry.service.ts';
import type { CbmDimension } from './registry.types.ts';

/**
 * Who sits in the experts meetings: the coordinators and co-coordinators of each CBM area (or of a whole
 * dimension), as the catalogue's coordination records give them. The states that take part in each
 * meeting beyond its coordinators are not in the sources; they are added per meeting later.
 */
export function participantsFromCbm(bodyCode: string, dimensions: readonly CbmDimension[]): ParticipantFacts[] {
  return dimensions.flatMap((d) =>
    d.coordination.map((c) => ({
      body: bodyCode,
      party: c.party,
      role: c.role,
      scope: c.area ?? d.code,
      ...(c.from === undefined ? {} : { from: c.from }),
      ...(c.to === undefined ? {} : { to: c.to }),
      ...(c.uncertain === undefined ? {} : { uncertain: c.uncertain }),
    })),
  );
}

export const cicaRegistryFacts: RegistryFacts = {
  parties: cicaParties,
  bodies: cicaBodies,
  chairTerms: cicaChairmanships,
  secretariatHeads: cicaSecretariatHeads,
  participants: participantsFromCbm('EM', cicaCbmDimensions),
};
