// Clinical comparison of two order sets by their stable ids: which facts were added, removed or changed, classified by risk.
import { clinicalEntitiesOf, RISK_CLASSES, type RiskClass } from './clinical-facts.js';
import type { OrderSet } from './schema.js';

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
}

export interface DiffOptions {
    /** The labeled dose of step-up dose `sequence` (1-based) of an agent, e.g. "0.3 mg/kg"; undefined when unknown. */
    labelDose?: (agent: string, sequence: number) => string | undefined;
}

function semverParts(version: string): number[] {
    return version.split(/[.+-]/).slice(0, 3).map((part) => Number(part));
}

function versionCompare(a: string, b: string): number {
    const [x, y] = [semverParts(a), semverParts(b)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
}

/** Compares two order sets clinically: by stable ids, ignoring order, formatting and provenance. */
export function diffOrderSets(before: OrderSet, after: OrderSet, options: DiffOptions = {}): OrderSetDiff {
    const oldEntities = new Map(clinicalEntitiesOf(before).map((e) => [e.key, e]));
    const newEntities = new Map(clinicalEntitiesOf(after).map((e) => [e.key, e]));
    const found: Array<ClinicalChange & { rank: number; entity: string; position: number }> = [];
    for (const [key, entity] of oldEntities) {
        if (!newEntities.has(key)) {
            found.push({ risk: entity.risk, rank: entity.rank, entity: key, position: -1, kind: 'removed', key, text: `${entity.kind} removed: ${entity.summary}`, before: entity.summary });
        }
    }
    for (const [key, entity] of newEntities) {
        const previous = oldEntities.get(key);
        if (!previous) {
            found.push({ risk: entity.risk, rank: entity.rank, entity: key, position: -1, kind: 'added', key, text: `${entity.kind} added: ${entity.summary}`, after: entity.summary });
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
                const label = name === 'dose' && entity.sequence !== undefined ? options.labelDose?.(after.agent.name, entity.sequence) : undefined;
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
    return { old: identity(before), new: identity(after), changes, problems };
}
