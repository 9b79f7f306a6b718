// Server side of titra/scheduleInputs: what the editor's schedule preview asks before it runs (height for doses per m2, risk flags).
import type { LangiumSharedServices } from 'langium/lsp';
import type { OrderSet } from '../orderset/schema.js';
import type { TitraServices } from '../titra-module.js';
import { compileUri } from './custom-requests.js';
import type { ScheduleInputsParams, ScheduleInputsResult } from './requests.js';

/** True when some dose of the order set (step-up, maintenance, cycles, variants, premedication, panels) is per m2, or the protocol requires the height. */
export function needsHeight(orderSet: OrderSet): boolean {
    const perSquareMetre = (value: unknown): boolean => Array.isArray(value) ? value.some(perSquareMetre)
        : typeof value === 'object' && value !== null && ((value as { per?: unknown }).per === 'm2' || Object.values(value).some(perSquareMetre));
    return orderSet.requiredInputs.some((input) => input.name === 'height') || perSquareMetre(orderSet);
}

export async function handleScheduleInputs(shared: LangiumSharedServices, Titra: TitraServices, params: ScheduleInputsParams): Promise<ScheduleInputsResult> {
    // As the schedule itself: a draft is tried out too.
    const compiled = await compileUri(shared, Titra, params.uri, { allowDraft: true });
    if (compiled.kind !== 'compiled') return compiled;
    const { orderSet } = compiled;
    return {
        kind: 'ok', needsHeight: needsHeight(orderSet),
        flags: orderSet.riskFlags.map((flag) => ({ id: flag.id, description: flag.description }))
    };
}
