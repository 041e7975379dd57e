/**
 * Shapes of the API responses the web app reads. Hand-written for now; to be replaced by types
 * generated from openapi.json (openapi-typescript) once the server publishes it.
 */

/** Text in several languages, keyed by language code (`en`, `ru`, `zh`, ...). */
export type LocalizedText = Record<string, string>;

export interface Health {
  status: 'ok' | string;
  version: string;
}

export interface Profile {
  code: string;
  name: LocalizedText;
  abbreviation: LocalizedText;
  officialLanguages: string[];
  workingLanguages: string[];
  seat: { city: string | LocalizedText; country: string };
  /** IANA time zone of the Secretariat, e.g. `Asia/Almaty`. */
  timeZone: string;
}

/** RFC 9457 problem details, as every API error arrives. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  /** Stable code (`not_found`, `documents.symbol_taken`); the web app translates it. */
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}
