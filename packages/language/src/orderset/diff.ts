// Clinical comparison of two order sets by their stable ids: which facts were added, removed or changed, classified by risk.
import { clinicalEntitiesOf, RISK_CLASSES, type ClinicalEntity, type RiskClass } from './clinical-facts.js';
import type { OrderSet } from './schema.js';
import { doseTimeline, timelineDoseText } from './text/timeline.js';

export interface ClinicalChange {
    risk: RiskClass;
    kind: 'added' | 'removed' | 'changed';
    /** Stable key of the changed fact: the entity's id, then the attribute. */
    key: string;
    /** A sentence for the reviewer, e.g. "SUD2 dose 0.3 mg/kg -> 0.35 mg/kg (label: 0.3 mg/kg)". */
    text: string;
    before?: string;
    after?: string;
}

export interface OrderSetDiff {
    old: { id: string; title: string; version: string };
    new: { id: string; title: string; version: string };
    changes: ClinicalChange[];
    /** Problems with the change itself, e.g. a changed body without a version bump. */
    problems: string[];
    /** The dose timeline of both versions by day (text/timeline.ts), days in order: what each version gives that day. */
    timeline: TimelineDay[];
}

export interface TimelineDay {
    day: number;
    old: string[];
    new: string[];
}

/** Both versions' dose timelines side by side, by day. */
function timelineByDay(before: OrderSet, after: OrderSet): TimelineDay[] {
    const days = new Map<number, TimelineDay>();
    const add = (orderSet: OrderSet, side: 'old' | 'new') => {
        for (const dose of doseTimeline(orderSet)) {
            const entry = days.get(dose.day) ?? { day: dose.day, old: [], new: [] };
            entry[side].push(timelineDoseText(dose));
            days.set(dose.day, entry);
        }
    };
    add(before, 'old');
    add(after, 'new');
    return [...days.values()].sort((a, b) => a.day - b.day);
}

export interface DiffOptions {
    /**
     * The labeled dose of step-up dose `sequence` (1-based) in the agent's schedule that the step-up doses `stepUp`
     * follow, e.g. "0.3 mg/kg"; undefined when unknown (knowledge/reference.ts labelStepUpDose).
     */
    labelDose?: (agent: string, stepUp: ReadonlyArray<{ value: number; unit: string }>, sequence: number) => string | undefined;
}

function semverParts(version: string): number[] {
    return version.split(/[.+-]/).slice(0, 3).map((part) => Number(part));
}

function versionCompare(a: string, b: string): number {
    const [x, y] = [semverParts(a), semverParts(b)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
}

/**
 * Pairs each removed entity with the added one that took its place and purpose (same `match` and kind), by both keys:
 * the old entity under its old key (so it is not reported removed) and under the new key (so the new one is compared with it).
 */
function matchedEntities(oldEntities: Map<string, ClinicalEntity>, newEntities: Map<string, ClinicalEntity>): Map<string, ClinicalEntity> {
    const added = new Map<string, ClinicalEntity>();
    for (const entity of newEntities.values()) if (entity.match && !oldEntities.has(entity.key)) added.set(`${entity.kind}\u0000${entity.match}`, entity);
    const matched = new Map<string, ClinicalEntity>();
    for (const entity of oldEntities.values()) {
        const successor = entity.match && !newEntities.has(entity.key) ? added.get(`${entity.kind}\u0000${entity.match}`) : undefined;
        if (!successor) continue;
        matched.set(entity.key, entity);
        matched.set(successor.key, entity);
    }
    return matched;
}

/** Compares two order sets clinically: by stable ids, ignoring order, formatting and provenance. */
export function diffOrderSets(before: OrderSet, after: OrderSet, options: DiffOptions = {}): OrderSetDiff {
    const oldEntities = new Map(clinicalEntitiesOf(before).map((e) => [e.key, e]));
    const newEntities = new Map(clinicalEntitiesOf(after).map((e) => [e.key, e]));
    const matched = matchedEntities(oldEntities, newEntities);
    const found: Array<ClinicalChange & { rank: number; entity: string; position: number }> = [];
    for (const [key, entity] of oldEntities) {
        if (!newEntities.has(key) && !matched.has(key)) {
            found.push({ risk: entity.risk, rank: entity.rank, entity: key, position: -1, kind: 'removed', key, text: `${entity.kind} removed: ${entity.summary}`, before: entity.summary });
        }
    }
    for (const [key, entity] of newEntities) {
        const previous = oldEntities.get(key) ?? matched.get(key);
        if (!previous) {
            found.push({ risk: entity.risk, rank: entity.rank, entity: key, position: -1, kind: 'added', key, text: `${entity.kind} added: ${entity.summary}`, after: entity.summary });
            continue;
        }
        if (previous.label !== entity.label) {
            // The same rule in the same place, now about something else or with another threshold: one change, whole.
            found.push({
                risk: entity.risk, rank: entity.rank, entity: key, position: -1, kind: 'changed', key,
                text: `${entity.kind} changed from ${previous.summary} to ${entity.summary}`, before: previous.summary, after: entity.summary
            });
            continue;
        }
        const oldValues = new Map(previous.attributes.map((a) => [a.name, a]));
        const newValues = new Map(entity.attributes.map((a) => [a.name, a]));
        for (const [position, name] of [...new Set([...newValues.keys(), ...oldValues.keys()])].entries()) {
            const [was, now] = [oldValues.get(name), newValues.get(name)];
            if (was?.value === now?.value) continue;
            const risk = (now ?? was)!.risk;
            const change = { risk, rank: entity.rank, entity: key, position, key: `${key}#${name}` };
            const subject = entity.label ? `${entity.label} ${name}` : name;
            if (!was) found.push({ ...change, kind: 'added', text: `${subject} added: ${now!.value}`, after: now!.value });
            else if (!now) found.push({ ...change, kind: 'removed', text: `${subject} removed: ${was.value}`, before: was.value });
            else {
                // The schedule the old version followed: a changed dose would pull the lookup towards another indication's schedule.
                const followed = previous.stepUp ?? entity.stepUp;
                const label = name === 'dose' && followed ? options.labelDose?.(after.agent.name, followed.doses, followed.sequence) : undefined;
                found.push({ ...change, kind: 'changed', text: `${subject} ${was.value} -> ${now.value}${label ? ` (label: ${label})` : ''}`, before: was.value, after: now.value });
            }
        }
    }
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    found.sort((a, b) => RISK_CLASSES.indexOf(a.risk) - RISK_CLASSES.indexOf(b.risk) || a.rank - b.rank
        || order(a.entity, b.entity) || a.position - b.position || order(a.key, b.key));
    const changes: ClinicalChange[] = found.map(({ risk, kind, key, text, before, after }) => ({
        risk, kind, key, text, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {})
    }));
    const problems: string[] = [];
    if (before.protocol.id !== after.protocol.id) problems.push(`these are two different protocols: ${before.protocol.id} and ${after.protocol.id}`);
    const bodyChanged = changes.some((c) => c.key !== 'protocol#version' && c.risk !== 'metadata');
    if (bodyChanged && before.protocol.version === after.protocol.version) {
        problems.push(`the protocol changed clinically but its version is still ${after.protocol.version}; bump the version`);
    } else if (versionCompare(before.protocol.version, after.protocol.version) > 0) {
        problems.push(`the version goes backwards: ${before.protocol.version} -> ${after.protocol.version}`);
    }
    const identity = (o: OrderSet) => ({ id: o.protocol.id, title: o.protocol.title, version: o.protocol.version });
    return { old: identity(before), new: identity(after), changes, problems, timeline: timelineByDay(before, after) };
}
