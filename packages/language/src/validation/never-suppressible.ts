// The suppression policy: the findings no `titra-ignore` comment may silence, what each of them is and how to resolve it (README "Severity").
import type { Diagnostic } from 'vscode-languageserver-types';
import { Codes, type GraveFinding } from './codes.js';

/** What a never-suppressible finding is, and what its author must do instead of suppressing it. */
export interface NeverSuppressible {
    what: string;
    fix: string;
}

/** Codes whose findings are never silenced. */
const NEVER_SUPPRESSIBLE_CODES: Readonly<Record<string, NeverSuppressible>> = {
    [Codes.unsafeAbbreviation]: { what: 'a Joint Commission "Do Not Use" abbreviation', fix: 'Write it out as the finding says.' },
    [Codes.agentUnknown]: { what: 'an agent Titra does not know', fix: "Fix the agent's name, or add the agent to the knowledge base with its source." },
    [Codes.hiddenCharacter]: { what: 'an invisible control or text-direction character', fix: 'Remove the character (the quick fix does).' }
};

/** A grave finding (`grave: true` in its data), of any code. */
const GRAVE: NeverSuppressible = {
    what: 'a dose 10-fold or more from its reference, or a dose of another kind (mg for mg/kg)',
    fix: 'Fix the protocol, or, if the reference is wrong, correct the knowledge base with its source.'
};

/** Why a finding of `code` cannot be suppressed, or undefined when a suppression comment may silence it. */
export function neverSuppressible(code: string, diagnostic: Diagnostic): NeverSuppressible | undefined {
    if ((diagnostic.data as GraveFinding | undefined)?.grave === true) return GRAVE;
    return NEVER_SUPPRESSIBLE_CODES[code];
}
