import type { NetworkInfo } from 'irc-framework';
import { caseMappingOf, type CaseMapping } from './masks';

/** The ISUPPORT values the IRC adapter reads on every message. */
export interface Isupport {
  caseMapping: CaseMapping;
  /** CHANTYPES: the characters a channel name starts with. */
  chanTypes: string | readonly string[];
  nickLength: number | null;
  /** NETWORK; empty when the server names none. */
  network: string;
}

/** Reads what the adapter needs from irc-framework's options (an empty one before the server spoke). */
export function readIsupport(options: NetworkInfo['options'] | undefined): Isupport {
  const nickLength = Number(options?.NICKLEN);
  const network = options?.NETWORK;
  return {
    caseMapping: caseMappingOf(options?.CASEMAPPING),
    chanTypes: options?.CHANTYPES ?? ['#', '&'],
    nickLength: Number.isInteger(nickLength) && nickLength > 0 ? nickLength : null,
    network: typeof network === 'string' ? network : '',
  };
}
