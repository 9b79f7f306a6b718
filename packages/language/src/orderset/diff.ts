// Clinical comparison of two order sets by stable ids, and their canonical clinical text (no Langium inside).
import type {
    Condition, CycleSchedule, Dose, Duration, Escalation, GradePanel, HoldRule, MaintenancePhase, Order, OrderSet,
    PremedicationSet, PreTreatment, RestartRule, StepUpDose, SupportiveCareOrder, Variant
} from './schema.js';
import { timeUnitWord } from '../vocabulary/time-units.js';

/** Risk classes, most important first: a reviewer sees dose changes before anything else. */
export const RISK_CLASSES = ['dose', 'schedule', 'safety-rule', 'panel', 'metadata'] as const;
export type RiskClass = typeof RISK_CLASSES[number];

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

interface Attribute {
    name: string;
    value: string;
    risk: RiskClass;
}

/** One identified thing of an order set (a dose, a rule, a panel order) with its clinical attributes. */
interface Entity {
    key: string;
    /** Section rank, for a stable reading order. */
    rank: number;
    risk: RiskClass;
    /** What it is, e.g. "step-up dose", "hold rule". */
    kind: string;
    /** How a reviewer names it, e.g. "SUD2", "CRS grade 2: tocilizumab". */
    label: string;
    /** One-line description used when the whole entity is added or removed. */
    summary: string;
    attributes: Attribute[];
    /** Step-up sequence, for the label lookup. */
    sequence?: number;
}

// ---------------------------------------------------------------------------------------------
// Readable text of values
// ---------------------------------------------------------------------------------------------

const OPERATORS: Readonly<Record<string, string>> = { lt: '<', le: '<=', gt: '>', ge: '>=', eq: '=' };

/** A UCUM code as pharmacists write it: 10*9/L as x10^9/L, [iU] as units. */
export function readableUnit(unit: string): string {
    return unit.replace(/10\*(\d+)/g, 'x10^$1').replace(/\[iU\]/g, 'units');
}

export function durationText(d: Duration): string {
    return `${d.value} ${timeUnitWord(d.unit, d.value !== 1)}`;
}

function toxicityName(name: string): string {
    return name === 'crs' || name === 'icans' ? name.toUpperCase() : name;
}

/** A condition as a reviewer reads it, e.g. "platelets < 25 x10^9/L", "CRS grade >= 1". */
export function conditionText(condition: Condition): string {
    const operand = (c: Condition) => (c.type === 'all' || c.type === 'any' ? `(${conditionText(c)})` : conditionText(c));
    switch (condition.type) {
        case 'observation':
            return `${condition.observation} ${OPERATORS[condition.op]} ${condition.value}${condition.unit ? ` ${readableUnit(condition.unit)}` : ''}`;
        case 'grade':
            return `${toxicityName(condition.toxicity)} grade ${OPERATORS[condition.op]} ${condition.grade}`;
        case 'response':
            return `response ${OPERATORS[condition.op]} ${condition.level}${condition.sustained ? ` sustained ${durationText(condition.sustained)}` : ''}`;
        case 'flag':
            return `flag ${condition.flag}`;
        case 'state':
            return condition.state;
        case 'resolved':
            return 'resolved';
        // Operands are sorted: `a and b` is the same condition as `b and a`.
        case 'all':
            return condition.of.map(operand).sort().join(' and ');
        case 'any':
            return condition.of.map(operand).sort().join(' or ');
        case 'not':
            return `not ${operand(condition.condition)}`;
    }
}

/** The amount of a dose from its structured values (not the text as written), e.g. "0.3 mg/kg", "800/160 mg". */
export function doseText(dose: Dose): string {
    const amount = dose.components ? dose.components.join('/') : `${dose.value}${dose.upper !== undefined ? ` to ${dose.upper}` : ''}`;
    const limits = [
        dose.maxPerDose ? `max ${dose.maxPerDose.value} ${readableUnit(dose.maxPerDose.unit)} per dose` : undefined,
        dose.rounding ? `round to ${dose.rounding.value} ${readableUnit(dose.rounding.unit)}` : undefined
    ].filter(Boolean);
    return `${amount} ${readableUnit(dose.unit)}${limits.length > 0 ? ` (${limits.join(', ')})` : ''}`;
}

function orderName(order: Order): string {
    switch (order.type) {
        case 'medication': return order.drug;
        case 'dosing': return order.action === 'hold-next-dose' ? 'hold next dose' : 'discontinue permanently';
        default: return order.text;
    }
}

/** An order on one line, e.g. "tocilizumab 8 mg/kg (max 800 mg per dose) intravenous, max 3 doses per 24 hours". */
export function orderText(order: Order): string {
    const details = order.type === 'medication'
        ? ` ${medicationDetails(order).map((d) => (INLINE_DETAILS.has(d.name) ? d.value : `${d.name} ${d.value}`)).join(', ')}`
        : '';
    return `${order.consider ? 'consider ' : ''}${orderName(order)}${details}`;
}

/** Details of a medication order that read without their name. */
const INLINE_DETAILS = new Set(['dose', 'route', 'frequency', 'duration', 'infusion']);

function medicationDetails(order: Extract<Order, { type: 'medication' }>): Array<{ name: string; value: string }> {
    const details = [
        { name: 'dose', value: doseText(order.dose) },
        { name: 'route', value: [...order.routes].sort().join(' or ') },
        ...(order.dose.per ? [{ name: 'dose basis', value: order.dose.basis }] : []),
        ...(order.frequency ? [{ name: 'frequency', value: order.frequency.text }] : []),
        ...(order.duration ? [{ name: 'duration', value: `for ${order.duration.value}${order.duration.upper !== undefined ? ` to ${order.duration.upper}` : ''} ${timeUnitWord(order.duration.unit, true)}` }] : []),
        ...(order.maxPerPeriod ? [{ name: `max per ${durationText(order.maxPerPeriod.period)}`, value: `${order.maxPerPeriod.quantity.value} ${readableUnit(order.maxPerPeriod.quantity.unit)}` }] : []),
        ...(order.maxDoses ?? []).map((m) => ({
            name: m.period ? `max doses per ${m.period.value} ${m.period.unit}` : 'max doses in total',
            value: String(m.count)
        })),
        ...(order.asNeeded ? [{ name: 'as needed', value: 'yes' }] : []),
        ...(order.infusionDuration ? [{ name: 'infusion', value: `over ${durationText(order.infusionDuration)}` }] : [])
    ];
    return details;
}

// ---------------------------------------------------------------------------------------------
// Order sets as entities
// ---------------------------------------------------------------------------------------------

class EntityList {
    readonly entities: Entity[] = [];

    add(entity: Omit<Entity, 'attributes'>, attributes: Array<Attribute | undefined>): void {
        this.entities.push({ ...entity, attributes: attributes.filter((a): a is Attribute => a !== undefined) });
    }

    /** An order as an entity whose attributes are its clinical details. */
    order(prefix: string, rank: number, risk: RiskClass, kind: string, context: string, order: Order, extra: Array<Attribute | undefined> = []): void {
        const details = order.type === 'medication' ? medicationDetails(order) : [];
        this.add(
            { key: `${prefix}${order.id}`, rank, risk, kind, label: `${context}: ${orderName(order)}`, summary: `${context}: ${orderText(order)}` },
            [
                { name: 'order', value: order.type, risk },
                ...(order.consider ? [{ name: 'recommendation', value: 'consider', risk }] : []),
                ...details.map((d) => ({ ...d, risk })),
                ...extra
            ]
        );
    }
}

const RANK = {
    metadata: 0, agent: 1, inputs: 2, premedication: 3, preTreatment: 4, stepUp: 5, maintenance: 6, cycles: 7,
    restart: 8, holds: 9, panels: 10, supportiveCare: 11, variants: 12
} as const;

function administrationAttributes(item: StepUpDose | MaintenancePhase | CycleSchedule['rules'][number], premedication: Map<string, string>): Attribute[] {
    return [
        { name: 'dose', value: doseText(item.dose), risk: 'dose' },
        ...(item.dose.per ? [{ name: 'dose basis', value: item.dose.basis, risk: 'dose' as const }] : []),
        { name: 'route', value: item.route, risk: 'dose' },
        ...(item.premedication ? [{ name: 'premedication', value: premedication.get(item.premedication) ?? item.premedication, risk: 'schedule' as const }] : []),
        ...(item.monitoring ? [{
            name: 'monitoring',
            value: item.monitoring.setting === 'inpatient' ? `inpatient ${durationText(item.monitoring.duration)}` : `outpatient${item.monitoring.note ? ` (${item.monitoring.note})` : ''}`,
            risk: 'safety-rule' as const
        }] : []),
        ...(item.infusionDuration ? [{ name: 'infusion', value: `over ${durationText(item.infusionDuration)}`, risk: 'dose' as const }] : [])
    ];
}

function scheduleEntities(list: EntityList, prefix: string, context: string, sections: {
    stepUp?: StepUpDose[]; maintenance?: MaintenancePhase[]; cycles?: CycleSchedule; supportiveCare?: SupportiveCareOrder[]; preTreatment?: PreTreatment[];
}, premedication: Map<string, string>, names: Map<string, string>): void {
    const name = (id: string) => names.get(id) ?? id;
    for (const dose of sections.stepUp ?? []) {
        list.add(
            { key: `${prefix}stepUp/${dose.id}`, rank: RANK.stepUp, risk: 'dose', kind: 'step-up dose', label: `${context}${dose.name}`, summary: `${context}${dose.name} ${doseText(dose.dose)} day ${dose.day}`, sequence: dose.sequence },
            [
                ...administrationAttributes(dose, premedication),
                { name: 'sequence', value: String(dose.sequence), risk: 'schedule' },
                { name: 'day', value: String(dose.day), risk: 'schedule' },
                dose.window ? { name: 'window', value: `${durationText(dose.window.min)} to ${durationText(dose.window.max)} after ${name(dose.window.after)}`, risk: 'schedule' } : undefined
            ]
        );
    }
    for (const phase of sections.maintenance ?? []) {
        list.add(
            { key: `${prefix}maintenance/${phase.id}`, rank: RANK.maintenance, risk: 'dose', kind: 'maintenance phase', label: `${context}${phase.name}`, summary: `${context}${phase.name} ${doseText(phase.dose)} every ${durationText(phase.interval)}` },
            [
                ...administrationAttributes(phase, premedication),
                { name: 'interval', value: `every ${durationText(phase.interval)}`, risk: 'schedule' },
                phase.after ? { name: 'after', value: name(phase.after), risk: 'schedule' } : undefined,
                phase.when ? { name: 'transition', value: `when ${conditionText(phase.when)}`, risk: 'schedule' } : undefined,
                phase.fromWeek !== undefined ? { name: 'from week', value: String(phase.fromWeek), risk: 'schedule' } : undefined,
                phase.throughWeek !== undefined ? { name: 'through week', value: String(phase.throughWeek), risk: 'schedule' } : undefined,
                phase.doseCount !== undefined ? { name: 'dose count', value: String(phase.doseCount), risk: 'schedule' } : undefined,
                phase.minSpacing ? { name: 'minimum spacing', value: durationText(phase.minSpacing), risk: 'schedule' } : undefined
            ]
        );
    }
    if (sections.cycles) {
        const cycles = sections.cycles;
        list.add(
            { key: `${prefix}cycles`, rank: RANK.cycles, risk: 'schedule', kind: 'cycle schedule', label: `${context}cycles`, summary: `${context}cycles of ${durationText(cycles.length)}` },
            [
                { name: 'length', value: durationText(cycles.length), risk: 'schedule' },
                cycles.maxCycles !== undefined ? { name: 'max cycles', value: String(cycles.maxCycles), risk: 'schedule' } : undefined
            ]
        );
        for (const rule of cycles.rules) {
            const range = rule.lastCycle === undefined ? `${rule.firstCycle} onward` : rule.lastCycle === rule.firstCycle ? `${rule.firstCycle}` : `${rule.firstCycle} to ${rule.lastCycle}`;
            list.add(
                { key: `${prefix}cycles/${rule.id}`, rank: RANK.cycles, risk: 'dose', kind: 'cycle rule', label: `${context}cycles ${range}`, summary: `${context}cycles ${range}: ${doseText(rule.dose)} on days ${days(rule.days)}` },
                [...administrationAttributes(rule, premedication), { name: 'days', value: days(rule.days), risk: 'schedule' }]
            );
        }
    }
    for (const phase of sections.preTreatment ?? []) {
        list.add(
            { key: `${prefix}preTreatment/${phase.id}`, rank: RANK.preTreatment, risk: 'safety-rule', kind: 'pre-treatment', label: `${context}pre-treatment ${phase.title ?? phase.id}`, summary: `${context}${phase.title ?? phase.id}, complete within ${durationText(phase.completeWithin)} before ${name(phase.before)}` },
            [{ name: 'complete within', value: `${durationText(phase.completeWithin)} before ${name(phase.before)}`, risk: 'safety-rule' }]
        );
        for (const item of phase.orders) supportiveEntity(list, `${prefix}preTreatment/${phase.id}/`, RANK.preTreatment, `${context}pre-treatment ${phase.title ?? phase.id}`, item, name);
    }
    for (const item of sections.supportiveCare ?? []) supportiveEntity(list, `${prefix}supportiveCare/`, RANK.supportiveCare, `${context}supportive care`, item, name);
}

function days(list: number[]): string {
    return [...list].sort((a, b) => a - b).join(', ');
}

function supportiveEntity(list: EntityList, prefix: string, rank: number, context: string, item: SupportiveCareOrder, name: (id: string) => string): void {
    list.order(prefix, rank, 'safety-rule', 'supportive care', context, item.order, [
        item.throughout ? { name: 'throughout', value: 'yes', risk: 'safety-rule' } : undefined,
        item.start ? { name: 'start', value: `when ${conditionText(item.start)}`, risk: 'safety-rule' } : undefined,
        item.stop ? { name: 'stop', value: `when ${conditionText(item.stop)}`, risk: 'safety-rule' } : undefined,
        item.continueAfterLastDose ? { name: 'continue after last dose', value: durationText(item.continueAfterLastDose), risk: 'safety-rule' } : undefined,
        item.before ? { name: 'before', value: name(item.before), risk: 'safety-rule' } : undefined
    ].filter((a): a is Attribute => a !== undefined));
}

function premedicationEntities(list: EntityList, sets: PremedicationSet[]): void {
    for (const set of sets) {
        const context = `premedication ${set.name}`;
        list.add({ key: `premedication/${set.id}`, rank: RANK.premedication, risk: 'schedule', kind: 'premedication set', label: context, summary: `${context}${set.title ? ` "${set.title}"` : ''}` }, []);
        for (const { order, timing } of set.orders) {
            const when = `${timing.approximate ? 'about ' : ''}${timing.max ? `${durationText(timing.min)} to ${durationText(timing.max)}` : durationText(timing.min)} before dose`;
            list.order(`premedication/${set.id}/`, RANK.premedication, 'dose', 'premedication order', context, order, [{ name: 'timing', value: when, risk: 'schedule' }]);
        }
    }
}

function restartEntity(list: EntityList, rule: RestartRule, name: (id: string) => string): void {
    const { minDays, minExclusive, maxDays } = rule.gap;
    const gap = minDays === undefined ? `up to ${maxDays} days`
        : maxDays === undefined ? `${minExclusive ? 'more than' : 'at least'} ${minDays} days`
        : `${minExclusive ? `more than ${minDays}` : minDays} to ${maxDays} days`;
    const action = rule.action.type === 'continue' ? 'continue'
        : `restart from ${name(rule.action.dose)}${rule.action.nextAfter ? `, next dose after ${durationText(rule.action.nextAfter)}` : ''}`;
    list.add(
        { key: `restart/${rule.id}`, rank: RANK.restart, risk: 'schedule', kind: 'restart rule', label: `restart after ${name(rule.lastDose)} ${gap}`, summary: `last ${name(rule.lastDose)} ${gap}: ${action}` },
        [{ name: 'action', value: action, risk: 'schedule' }]
    );
}

function holdEntity(list: EntityList, rule: HoldRule): void {
    const trigger = conditionText(rule.trigger);
    const outcome = rule.discontinue ? 'discontinue permanently' : `resume when ${conditionText(rule.resume ?? { type: 'resolved' })}`;
    list.add(
        { key: `hold/${rule.id}`, rank: RANK.holds, risk: 'safety-rule', kind: 'hold rule', label: `hold rule ${trigger}`, summary: `${trigger}; ${outcome}` },
        [
            { name: 'trigger', value: trigger, risk: 'safety-rule' },
            { name: 'then', value: outcome, risk: 'safety-rule' }
        ]
    );
    for (const order of rule.orders) list.order(`hold/${rule.id}/`, RANK.holds, 'safety-rule', 'hold order', `hold rule ${trigger}`, order);
}

function panelEntities(list: EntityList, panel: GradePanel): void {
    const panelName = panel.kind === 'toxicity' ? panel.name : panel.kind.toUpperCase();
    list.add(
        { key: `panel/${panel.id}`, rank: RANK.panels, risk: 'panel', kind: 'panel', label: `${panelName} panel`, summary: `${panelName} panel${panel.title ? ` "${panel.title}"` : ''} (${panel.grading})` },
        [{ name: 'grading', value: panel.grading, risk: 'panel' }]
    );
    for (const entry of panel.grades) {
        const context = `${panelName} grade ${entry.grade}`;
        const gradeKey = `panel/${panel.id}/g${entry.grade}`;
        const escalations: Attribute[] = [];
        let escalation: Escalation | undefined = entry.escalation;
        for (let level = 1; escalation; level++, escalation = escalation.escalation) {
            const when = escalation.refractory ? 'if refractory' : `if no improvement${escalation.after ? ` after ${durationText(escalation.after)}` : ''}`;
            const step = level === 1 ? 'escalation' : `escalation ${level}`;
            escalations.push({ name: step, value: when, risk: 'panel' });
            // The escalation's condition is a fact of the grade; its orders name the step only, so a changed condition is one line.
            for (const order of escalation.orders) list.order(`${gradeKey}/then${level}/`, RANK.panels, 'panel', 'panel order', `${context} ${step}`, order);
        }
        list.add(
            { key: gradeKey, rank: RANK.panels, risk: 'panel', kind: 'panel grade', label: context, summary: context },
            [entry.ice ? { name: 'ICE score', value: entry.ice.min === entry.ice.max ? `${entry.ice.min}` : `${entry.ice.min} to ${entry.ice.max}`, risk: 'panel' } : undefined, ...escalations]
        );
        for (const order of entry.orders) list.order(`${gradeKey}/orders/`, RANK.panels, 'panel', 'panel order', context, order);
    }
}

function entitiesOf(orderSet: OrderSet): Entity[] {
    const list = new EntityList();
    const p = orderSet.protocol;
    list.add({ key: 'protocol', rank: RANK.metadata, risk: 'metadata', kind: 'protocol', label: '', summary: `${p.id} ${p.version}` }, [
        { name: 'id', value: p.id, risk: 'metadata' },
        { name: 'title', value: p.title, risk: 'metadata' },
        { name: 'version', value: p.version, risk: 'metadata' },
        { name: 'status', value: p.status + (p.replacedBy ? ` (replaced by ${p.replacedBy})` : ''), risk: 'metadata' },
        p.effective ? { name: 'effective', value: p.effective, risk: 'metadata' } : undefined,
        p.reviewBy ? { name: 'review-by', value: p.reviewBy, risk: 'metadata' } : undefined,
        p.owner ? { name: 'owner', value: p.owner, risk: 'metadata' } : undefined,
        p.population ? { name: 'population', value: p.population, risk: 'metadata' } : undefined
    ]);
    for (const reference of p.references) {
        list.add({ key: `reference/${reference}`, rank: RANK.metadata, risk: 'metadata', kind: 'reference', label: 'reference', summary: reference }, []);
    }
    list.add({ key: 'agent', rank: RANK.agent, risk: 'dose', kind: 'agent', label: 'agent', summary: orderSet.agent.name }, [
        { name: 'name', value: orderSet.agent.name, risk: 'dose' },
        { name: 'route', value: orderSet.agent.route, risk: 'dose' },
        { name: 'dose basis', value: orderSet.agent.doseBasis, risk: 'dose' }
    ]);
    for (const input of orderSet.requiredInputs) {
        list.add({ key: `input/${input.name}`, rank: RANK.inputs, risk: 'safety-rule', kind: 'required input', label: `required input ${input.name}`, summary: input.name }, [
            input.unit ? { name: 'unit', value: readableUnit(input.unit), risk: 'safety-rule' } : undefined
        ]);
    }
    for (const flag of orderSet.riskFlags) {
        list.add({ key: `flag/${flag.id}`, rank: RANK.inputs, risk: 'safety-rule', kind: 'risk flag', label: `risk flag ${flag.id}`, summary: `${flag.id}: ${flag.description}` }, [
            { name: 'description', value: flag.description, risk: 'metadata' }
        ]);
    }
    const premedication = new Map(orderSet.premedication.map((s) => [s.id, s.name]));
    const names = new Map<string, string>();
    for (const dose of [...orderSet.stepUp, ...orderSet.maintenance, ...orderSet.variants.flatMap((v) => [...(v.stepUp ?? []), ...(v.maintenance ?? [])])]) {
        names.set(dose.id, dose.name);
    }
    premedicationEntities(list, orderSet.premedication);
    scheduleEntities(list, '', '', orderSet, premedication, names);
    for (const rule of orderSet.restartAfterDelay) restartEntity(list, rule, (id) => names.get(id) ?? id);
    for (const rule of orderSet.holds) holdEntity(list, rule);
    for (const panel of orderSet.panels) panelEntities(list, panel);
    for (const variant of orderSet.variants) variantEntities(list, variant, premedication, names);
    return list.entities;
}

function variantEntities(list: EntityList, variant: Variant, premedication: Map<string, string>, names: Map<string, string>): void {
    const name = variant.id.replace(/^variant\./, '');
    list.add(
        { key: `variant/${variant.id}`, rank: RANK.variants, risk: 'schedule', kind: 'variant', label: `variant ${name}`, summary: `${name} when ${conditionText(variant.when)}` },
        [{ name: 'when', value: conditionText(variant.when), risk: 'schedule' }]
    );
    const replaced = { stepUp: variant.stepUp, maintenance: variant.maintenance, cycles: variant.cycles, supportiveCare: variant.supportiveCare, preTreatment: variant.preTreatment };
    scheduleEntities(list, `variant/${variant.id}/`, `variant ${name}: `, replaced, premedication, names);
}

// ---------------------------------------------------------------------------------------------
// Comparison and canonical text
// ---------------------------------------------------------------------------------------------

const byReadingOrder = (a: Entity, b: Entity) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The canonical clinical text of an order set: one line per clinical fact, in a stable order (for git textconv). */
export function clinicalText(orderSet: OrderSet): string {
    const lines: string[] = [];
    for (const entity of [...entitiesOf(orderSet)].sort(byReadingOrder)) {
        if (entity.attributes.length === 0) lines.push(`${entity.kind}: ${entity.summary}`);
        // The label alone when it already says what the entity is ("hold rule ...", "agent"), else kind and label.
        const subject = entity.label === '' ? entity.kind
            : entity.label.startsWith(entity.kind.split(' ')[0]) ? entity.label : `${entity.kind} ${entity.label}`;
        for (const attribute of entity.attributes) lines.push(`${subject}: ${attribute.name} ${attribute.value}`);
    }
    return lines.join('\n') + '\n';
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
    const oldEntities = new Map(entitiesOf(before).map((e) => [e.key, e]));
    const newEntities = new Map(entitiesOf(after).map((e) => [e.key, e]));
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
