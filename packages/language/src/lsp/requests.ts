// Titra's custom LSP requests (titra/compile, titra/schedule, titra/scheduleInputs, titra/protocolInfo, titra/diffWithHead): method names and message shapes, shared by server and extension.
import type { Schedule } from '../orderset/schedule-schema.js';

export const CompileRequestMethod = 'titra/compile';
export const ScheduleRequestMethod = 'titra/schedule';
export const ProtocolInfoRequestMethod = 'titra/protocolInfo';
export const DiffWithHeadRequestMethod = 'titra/diffWithHead';
export const ScheduleInputsRequestMethod = 'titra/scheduleInputs';

export interface CompileParams {
    /** URI of an open or workspace .titra document. */
    uri: string;
    /** Compile a protocol whose status is draft, as `titra compile --allow-draft` (refused without it). */
    allowDraft?: boolean;
}

/** Why nothing was compiled: error diagnostics (shown in the Problems panel), a library, a draft, or a compiler refusal. */
export type CompileFailure =
    | { kind: 'errors'; errors: number; files: number; first: { file: string; line: number; character: number; message: string } }
    | { kind: 'library'; message: string }
    | { kind: 'unknown-document'; message: string }
    | { kind: 'draft'; message: string; line: number; character: number }
    | { kind: 'compile-error'; message: string; line?: number; character?: number };

export type CompileResult =
    | { kind: 'ok'; json: string; protocolId: string; version: string; warnings: number }
    | CompileFailure;

export interface ScheduleParams {
    uri: string;
    /** Patient weight in kg. */
    weight: number;
    /** Cycle 1 day 1, YYYY-MM-DD. */
    start: string;
    /** Last day shown, YYYY-MM-DD; the server picks 26 weeks after `start` (as `titra schedule` does) when absent. */
    until?: string;
    /** Patient height in cm, for doses per m2 of body surface area (`titra schedule --height`). */
    height?: number;
    /** Risk flags the patient has (`titra schedule --flag`). */
    flags?: string[];
    /** The timeline of events (labs, toxicities, responses, delays), as `titra schedule --events` reads it: checked by the server. */
    events?: unknown;
}

export interface ScheduleInputsParams {
    uri: string;
}

/** What the schedule preview should ask for: the height when a dose is per m2, and the protocol's risk flags to choose from. */
export type ScheduleInputsResult =
    | { kind: 'ok'; needsHeight: boolean; flags: Array<{ id: string; description: string }> }
    | CompileFailure;

export type ScheduleResult =
    | { kind: 'ok'; schedule: Schedule }
    | { kind: 'input-error'; message: string }
    | CompileFailure;

export interface ProtocolInfoParams {
    uri: string;
}

export type ProtocolInfo =
    | { kind: 'protocol'; id: string; title: string; version?: string; status?: string }
    | { kind: 'library'; id: string }
    | { kind: 'none' };

export interface DiffWithHeadParams {
    /** URI of a .titra protocol in a git working copy. */
    uri: string;
}

/** The clinical diff of the committed version (HEAD) against the editor's version, as markdown. */
export type DiffWithHeadResult =
    | { kind: 'ok'; markdown: string; changes: number }
    | { kind: 'git-error'; message: string }
    | { kind: 'head-has-errors'; message: string }
    | CompileFailure;
