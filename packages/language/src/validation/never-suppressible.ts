// The suppression policy: the findings no `titra-ignore` comment may silence, and what makes each of them so (README "Severity").
import type { Diagnostic } from 'vscode-languageserver-types';
import { Codes, type GraveFinding } from './codes.js';

/** Codes whose findings are never silenced, with what such a finding is. `agent/unknown` belongs to the agent checks. */
const NEVER_SUPPRESSIBLE_CODES: Readonly<Record<string, string>> = {
    [Codes.unsafeAbbreviation]: 'a Joint Commission "Do Not Use" abbreviation',
    'agent/unknown': 'an agent Titra does not know'
};

/** What a grave finding (`grave: true` in its data) is. */
const GRAVE = 'a dose 10-fold or more from its reference, or a dose of another kind (mg for mg/kg)';

/** What makes a finding of `code` impossible to suppress, or undefined when a suppression comment may silence it. */
export function neverSuppressible(code: string, diagnostic: Diagnostic): string | undefined {
    if ((diagnostic.data as GraveFinding | undefined)?.grave === true) return GRAVE;
    return NEVER_SUPPRESSIBLE_CODES[code];
}
