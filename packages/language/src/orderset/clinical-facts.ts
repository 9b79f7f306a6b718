// Clinical facts of an order set (doses, rules, panel orders with their attributes as text) and its canonical clinical text.
import type {
    Condition, CycleSchedule, Deviation, Escalation, GradePanel, HoldRule, MaintenancePhase, Order, OrderSet,
    ContinuousInfusion, PremedicationSet, PreTreatment, RestartRule, StepUpDose, SupportiveCareOrder, Variant
} from './schema.js';
import {
    AFTER_DOSE_TEXT, beforeDoseMomentText, beforeDoseText, completeBeforeText, conditionText, cycleDaysText, cycleRangeText, deviationFactText, doseText, durationText, escalationTriggerText, holdOutcomeText, intervalText,
    medicationDetails, monitoringText, numberListText, numberRangeText, oneLine, orderName, orderText, phaseProgressText, preTreatmentTimingText,
    restartActionText, restartGapText,
    toxicityText, unitText, windowText, dailyDoseText, infusionCyclesText, infusionScheduleText, infusionSegmentText,
    interruptionActionText, interruptionGapText, infusionTimeText
} from './text/index.js';

/** Risk classes, most important first: a reviewer sees dose changes before anything else. */
export const RISK_CLASSES = ['dose', 'schedule', 'safety-rule', 'panel', 'metadata'] as const;
export type RiskClass = typeof RISK_CLASSES[number];

export interface ClinicalAttribute {
    name: string;
    value: string;
    risk: RiskClass;
}

/** One identified thing of an order set (a dose, a rule, a panel order) with its clinical attributes. */
export interface ClinicalEntity {
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
    attributes: ClinicalAttribute[];
    /** A step-up dose's sequence and the doses of its step-up block (which label schedule they follow), for the label lookup. */
    stepUp?: { sequence: number; doses: ReadonlyArray<{ value: number; unit: string }> };
    /**
     * Where the entity stands and what it is for, when its key comes from the source text (a hold by its trigger, a
     * restart rule by its gap, a panel order by its drug): a removed and an added entity with the same `match` are
     * one entity that changed.
     */
    match?: string;
}

class ClinicalEntityList {
    readonly entities: ClinicalEntity[] = [];

    /** Adds an entity; its texts are folded to one line, so the clinical text keeps one fact a line whatever the protocol says. */
    add(entity: Omit<ClinicalEntity, 'attributes'>, attributes: Array<ClinicalAttribute | undefined>): void {
        this.entities.push({
            ...entity,
            label: oneLine(entity.label),
            summary: oneLine(entity.summary),
            attributes: attributes.filter((a): a is ClinicalAttribute => a !== undefined).map((a) => ({ ...a, value: oneLine(a.value) }))
        });
    }

    /** An order as an entity whose attributes are its clinical details. */
    order(prefix: string, rank: number, risk: RiskClass, kind: string, context: string, order: Order, extra: Array<ClinicalAttribute | undefined> = [], match?: string): void {
        const details = order.type === 'medication' ? medicationDetails(order) : [];
        this.add(
            { key: `${prefix}${order.id}`, rank, risk, kind, label: `${context}: ${orderName(order)}`, summary: `${context}: ${orderText(order)}`, ...(match ? { match } : {}) },
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
    restart: 8, holds: 9, panels: 10, supportiveCare: 11, variants: 12, deviations: 13, beforeDose: 14
} as const;

function administrationAttributes(item: StepUpDose | MaintenancePhase | CycleSchedule['rules'][number], premedication: Map<string, string>): ClinicalAttribute[] {
    return [
        { name: 'dose', value: doseText(item.dose), risk: 'dose' },
        ...(item.dose.per ? [{ name: 'dose basis', value: item.dose.basis, risk: 'dose' as const }] : []),
        { name: 'route', value: item.route, risk: 'dose' },
        ...(item.premedication ? [{ name: 'premedication', value: premedication.get(item.premedication) ?? item.premedication, risk: 'schedule' as const }] : []),
        ...(item.monitoring ? [{
            name: 'monitoring',
            value: monitoringText(item.monitoring),
            risk: 'safety-rule' as const
        }] : []),
        ...(item.infusionDuration || item.infusionDurationWithoutCrs ? [{ name: 'infusion', value: infusionTimeText(item), risk: 'dose' as const }] : [])
    ];
}

function scheduleEntities(list: ClinicalEntityList, prefix: string, context: string, sections: {
    stepUp?: StepUpDose[]; maintenance?: MaintenancePhase[]; cycles?: CycleSchedule; supportiveCare?: SupportiveCareOrder[]; preTreatment?: PreTreatment[];
}, premedication: Map<string, string>, names: Map<string, string>): void {
    const name = (id: string) => names.get(id) ?? id;
    const stepUpDoses = (sections.stepUp ?? []).map((dose) => dose.dose);
    for (const dose of sections.stepUp ?? []) {
        list.add(
            { key: `${prefix}stepUp/${dose.id}`, rank: RANK.stepUp, risk: 'dose', kind: 'step-up dose', label: `${context}${dose.name}`, summary: `${context}${dose.name} ${doseText(dose.dose)} day ${dose.day}`, stepUp: { sequence: dose.sequence, doses: stepUpDoses } },
            [
                ...administrationAttributes(dose, premedication),
                { name: 'sequence', value: String(dose.sequence), risk: 'schedule' },
                { name: 'day', value: String(dose.day), risk: 'schedule' },
                dose.window ? { name: 'window', value: windowText(dose.window, name), risk: 'schedule' } : undefined
            ]
        );
    }
    for (const phase of sections.maintenance ?? []) {
        list.add(
            { key: `${prefix}maintenance/${phase.id}`, rank: RANK.maintenance, risk: 'dose', kind: 'maintenance phase', label: `${context}${phase.name}`, summary: `${context}${phase.name} ${doseText(phase.dose)} ${intervalText(phase.interval)}` },
            [
                ...administrationAttributes(phase, premedication),
                { name: 'interval', value: intervalText(phase.interval), risk: 'schedule' },
                phase.after ? { name: 'after', value: name(phase.after), risk: 'schedule' } : undefined,
                phase.when ? { name: 'transition', value: `when ${conditionText(phase.when)}`, risk: 'schedule' } : undefined,
                phase.fromWeek !== undefined ? { name: 'from week', value: String(phase.fromWeek), risk: 'schedule' } : undefined,
                phase.throughWeek !== undefined ? { name: 'through week', value: String(phase.throughWeek), risk: 'schedule' } : undefined,
                phase.doseCount !== undefined ? { name: 'dose count', value: String(phase.doseCount), risk: 'schedule' } : undefined,
                ...(phase.progress ?? []).map((progress, index) => ({ name: index === 0 ? 'progress' : `progress ${index + 1}`, value: phaseProgressText(progress, name), risk: 'schedule' as const })),
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
            const range = cycleRangeText(rule);
            list.add(
                { key: `${prefix}cycles/${rule.id}`, rank: RANK.cycles, risk: 'dose', kind: 'cycle rule', label: `${context}cycles ${range}`, summary: `${context}cycles ${range}: ${doseText(rule.dose)} on ${cycleDaysText(rule.days)}` },
                [
                    ...administrationAttributes(rule, premedication), { name: 'days', value: numberListText(rule.days), risk: 'schedule' },
                    rule.when ? { name: 'condition', value: `when ${conditionText(rule.when)}`, risk: 'schedule' } : undefined
                ]
            );
        }
    }
    for (const phase of sections.preTreatment ?? []) {
        list.add(
            { key: `${prefix}preTreatment/${phase.id}`, rank: RANK.preTreatment, risk: 'safety-rule', kind: 'pre-treatment', label: `${context}pre-treatment ${phase.title ?? phase.id}`, summary: `${context}${phase.title ?? phase.id}, ${preTreatmentTimingText(phase, name)}` },
            [
                phase.day !== undefined ? { name: 'day', value: String(phase.day), risk: 'schedule' } : undefined,
                { name: 'complete within', value: completeBeforeText(phase, name), risk: 'safety-rule' }
            ]
        );
        for (const item of phase.orders) supportiveEntity(list, `${prefix}preTreatment/${phase.id}/`, RANK.preTreatment, `${context}pre-treatment ${phase.title ?? phase.id}`, item, name);
    }
    for (const item of sections.supportiveCare ?? []) supportiveEntity(list, `${prefix}supportiveCare/`, RANK.supportiveCare, `${context}supportive care`, item, name);
}

function supportiveEntity(list: ClinicalEntityList, prefix: string, rank: number, context: string, item: SupportiveCareOrder, name: (id: string) => string): void {
    list.order(prefix, rank, 'safety-rule', 'supportive care', context, item.order, [
        item.throughout ? { name: 'throughout', value: 'yes', risk: 'safety-rule' } : undefined,
        item.start ? { name: 'start', value: `when ${conditionText(item.start)}`, risk: 'safety-rule' } : undefined,
        item.stop ? { name: 'stop', value: `when ${conditionText(item.stop)}`, risk: 'safety-rule' } : undefined,
        item.continueAfterLastDose ? { name: 'continue after last dose', value: durationText(item.continueAfterLastDose), risk: 'safety-rule' } : undefined,
        item.before ? { name: 'before', value: name(item.before), risk: 'safety-rule' } : undefined
    ].filter((a): a is ClinicalAttribute => a !== undefined));
}

function premedicationEntities(list: ClinicalEntityList, sets: PremedicationSet[]): void {
    for (const set of sets) {
        const context = `premedication ${set.name}`;
        list.add(
            { key: `premedication/${set.id}`, rank: RANK.premedication, risk: 'schedule', kind: 'premedication set', label: context, summary: `${context}${set.title ? ` "${set.title}"` : ''}` },
            [set.title ? { name: 'title', value: set.title, risk: 'metadata' } : undefined]
        );
        for (const { order, timing } of set.orders) {
            list.order(`premedication/${set.id}/`, RANK.premedication, 'dose', 'premedication order', context, order, [{ name: 'timing', value: beforeDoseText(timing), risk: 'schedule' }]);
        }
        for (const order of set.afterDose ?? []) {
            list.order(`premedication/${set.id}/after/`, RANK.premedication, 'dose', 'order after the dose', context, order, [{ name: 'timing', value: AFTER_DOSE_TEXT, risk: 'schedule' }]);
        }
    }
}

function infusionEntities(list: ClinicalEntityList, prefix: string, context: string, infusion: ContinuousInfusion, premedication: Map<string, string>): void {
    const premedicationName = (id: string) => premedication.get(id) ?? id;
    list.add(
        { key: `${prefix}infusion`, rank: RANK.cycles, risk: 'schedule', kind: 'continuous infusion', label: `${context}continuous infusion`, summary: `${context}continuous infusion, ${infusionScheduleText(infusion)}` },
        [
            { name: 'length', value: durationText(infusion.length), risk: 'schedule' },
            infusion.maxCycles !== undefined ? { name: 'max cycles', value: String(infusion.maxCycles), risk: 'schedule' } : undefined,
            { name: 'route', value: infusion.route, risk: 'dose' },
            infusion.bagInterval ? { name: 'bags changed every', value: durationText(infusion.bagInterval), risk: 'dose' } : undefined
        ]
    );
    for (const rule of infusion.rules) {
        const cycles = infusionCyclesText(rule);
        for (const segment of rule.segments) {
            list.add(
                { key: `${prefix}infusion/${segment.id}`, rank: RANK.cycles, risk: 'dose', kind: 'infusion rate', label: `${context}infusion ${cycles} days ${segment.firstDay} to ${segment.lastDay}`, summary: `${context}infusion ${cycles}: ${infusionSegmentText(segment)}` },
                [
                    { name: 'daily dose', value: dailyDoseText(segment.dose), risk: 'dose' },
                    ...(segment.dose.per ? [{ name: 'dose basis', value: segment.dose.basis, risk: 'dose' as const }] : []),
                    segment.premedication ? { name: 'premedication', value: premedicationName(segment.premedication), risk: 'schedule' } : undefined
                ]
            );
        }
    }
    for (const rule of infusion.interruptions) {
        const gap = interruptionGapText(rule);
        const action = interruptionActionText(rule, premedicationName);
        list.add(
            { key: `${prefix}infusion/${rule.id}`, rank: RANK.restart, risk: 'schedule', kind: 'interruption rule', label: `${context}interruption rule ${gap}`, summary: `${context}interruption ${gap}: ${action}` },
            [{ name: 'action', value: action, risk: 'schedule' }]
        );
    }
}

/** Counts occurrences of a place within a scope (the protocol or a variant), so the second rule at a place matches the other version's second. */
class Places {
    private readonly seen = new Map<string, number>();

    constructor(private readonly scope = '') {}

    next(place: string): string {
        const count = (this.seen.get(place) ?? 0) + 1;
        this.seen.set(place, count);
        return `${this.scope}${place}#${count}`;
    }
}

/** What a condition is about (the observation, toxicity or flag it tests), whatever its threshold. */
function conditionSubject(condition: Condition): string {
    switch (condition.type) {
        case 'observation': return condition.observation;
        case 'grade': return condition.toxicity;
        case 'flag': return `flag ${condition.flag}`;
        case 'state': return `state ${condition.state}`;
        case 'response': case 'resolved': return condition.type;
        case 'all': case 'any': return `${condition.type}(${condition.of.map(conditionSubject).join(',')})`;
        case 'not': return `not ${conditionSubject(condition.condition)}`;
    }
}

function restartEntity(list: ClinicalEntityList, rule: RestartRule, name: (id: string) => string, places: Places): void {
    const gap = restartGapText(rule);
    const action = restartActionText(rule, name);
    list.add(
        {
            key: `restart/${rule.id}`, rank: RANK.restart, risk: 'schedule', kind: 'restart rule', label: `restart after ${name(rule.lastDose)} ${gap}`,
            summary: `last ${name(rule.lastDose)} ${gap}: ${action}`, match: places.next(`restart/${rule.lastDose}`)
        },
        [{ name: 'action', value: action, risk: 'schedule' }]
    );
}

function holdEntity(list: ClinicalEntityList, rule: HoldRule, name: (id: string) => string, places: Places): void {
    const trigger = conditionText(rule.trigger);
    const outcome = holdOutcomeText(rule, name);
    const match = places.next(`hold/${conditionSubject(rule.trigger)}`);
    list.add(
        { key: `hold/${rule.id}`, rank: RANK.holds, risk: 'safety-rule', kind: 'hold rule', label: `hold rule ${trigger}`, summary: `${trigger}; ${outcome}`, match },
        [
            { name: 'trigger', value: trigger, risk: 'safety-rule' },
            { name: 'then', value: outcome, risk: 'safety-rule' }
        ]
    );
    rule.orders.forEach((order, position) => list.order(`hold/${rule.id}/`, RANK.holds, 'safety-rule', 'hold order', `hold rule ${trigger}`, order, [], `${match}/${position}`));
}

function panelEntities(list: ClinicalEntityList, panel: GradePanel): void {
    const panelName = toxicityText(panel.kind === 'toxicity' ? panel.name : panel.kind);
    list.add(
        { key: `panel/${panel.id}`, rank: RANK.panels, risk: 'panel', kind: 'panel', label: `${panelName} panel`, summary: `${panelName} panel${panel.title ? ` "${panel.title}"` : ''} (${panel.grading})` },
        [{ name: 'grading', value: panel.grading, risk: 'panel' }, panel.title ? { name: 'title', value: panel.title, risk: 'metadata' } : undefined]
    );
    for (const entry of panel.grades) {
        const context = `${panelName} grade ${entry.grade}`;
        const gradeKey = `panel/${panel.id}/g${entry.grade}`;
        const escalations: ClinicalAttribute[] = [];
        let escalation: Escalation | undefined = entry.escalation;
        for (let level = 1; escalation; level++, escalation = escalation.escalation) {
            const when = escalationTriggerText(escalation);
            const step = level === 1 ? 'escalation' : `escalation ${level}`;
            escalations.push({ name: step, value: when, risk: 'panel' });
            // The escalation's condition is a fact of the grade; its orders name the step only, so a changed condition is one line.
            escalation.orders.forEach((order, position) => list.order(`${gradeKey}/then${level}/`, RANK.panels, 'panel', 'panel order', `${context} ${step}`, order, [], `${gradeKey}/then${level}#${position}`));
        }
        list.add(
            { key: gradeKey, rank: RANK.panels, risk: 'panel', kind: 'panel grade', label: context, summary: context },
            [entry.ice ? { name: 'ICE score', value: numberRangeText(entry.ice.min, entry.ice.max), risk: 'panel' } : undefined, ...escalations]
        );
        entry.orders.forEach((order, position) => list.order(`${gradeKey}/orders/`, RANK.panels, 'panel', 'panel order', context, order, [], `${gradeKey}/orders#${position}`));
    }
}

/** The clinical facts of an order set, keyed by stable ids. */
export function clinicalEntitiesOf(orderSet: OrderSet): ClinicalEntity[] {
    const list = new ClinicalEntityList();
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
            input.unit ? { name: 'unit', value: unitText(input.unit), risk: 'safety-rule' } : undefined
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
    if (orderSet.continuousInfusion) infusionEntities(list, '', '', orderSet.continuousInfusion, premedication);
    const places = new Places();
    for (const rule of orderSet.restartAfterDelay) restartEntity(list, rule, (id) => names.get(id) ?? id, places);
    for (const rule of orderSet.holds) holdEntity(list, rule, (id) => names.get(id) ?? id, places);
    for (const panel of orderSet.panels) panelEntities(list, panel);
    for (const variant of orderSet.variants) variantEntities(list, variant, premedication, names);
    for (const item of orderSet.beforeDose ?? []) {
        list.order(`beforeDose/${item.moment}/`, RANK.beforeDose, 'safety-rule', 'order', beforeDoseMomentText(item.moment), item.order);
    }
    deviationEntities(list, orderSet.deviations ?? [], orderSet.provenance.source);
    return list.entities;
}

/**
 * Each deviation as one fact, keyed by its text (not its line, which reformatting moves): a deviation that appears
 * or disappears, or whose finding or reason changes, is a safety-rule change.
 */
function deviationEntities(list: ClinicalEntityList, deviations: Deviation[], protocolSource: string): void {
    const seen = new Map<string, number>();
    for (const deviation of deviations) {
        const fact = deviationFactText(deviation, protocolSource);
        const occurrence = (seen.get(fact) ?? 0) + 1;
        seen.set(fact, occurrence);
        list.add({ key: `deviation/${fact}${occurrence > 1 ? `#${occurrence}` : ''}`, rank: RANK.deviations, risk: 'safety-rule', kind: 'deviation', label: 'deviation', summary: fact }, []);
    }
}

function variantEntities(list: ClinicalEntityList, variant: Variant, premedication: Map<string, string>, names: Map<string, string>): void {
    const name = variant.id.replace(/^variant\./, '');
    list.add(
        { key: `variant/${variant.id}`, rank: RANK.variants, risk: 'schedule', kind: 'variant', label: `variant ${name}`, summary: `${name} when ${conditionText(variant.when)}` },
        [{ name: 'when', value: conditionText(variant.when), risk: 'schedule' }]
    );
    const replaced = { stepUp: variant.stepUp, maintenance: variant.maintenance, cycles: variant.cycles, supportiveCare: variant.supportiveCare, preTreatment: variant.preTreatment };
    scheduleEntities(list, `variant/${variant.id}/`, `variant ${name}: `, replaced, premedication, names);
    // Restart rules, holds and panels of a variant have ids prefixed by the variant name, so their keys are its own.
    const places = new Places(`variant/${variant.id}/`);
    for (const rule of variant.restartAfterDelay ?? []) restartEntity(list, rule, (id) => names.get(id) ?? id, places);
    for (const rule of variant.holds ?? []) holdEntity(list, rule, (id) => names.get(id) ?? id, places);
    for (const panel of variant.panels ?? []) panelEntities(list, panel);
    if (variant.continuousInfusion) infusionEntities(list, `variant/${variant.id}/`, `variant ${name}: `, variant.continuousInfusion, premedication);
    for (const item of variant.beforeDose ?? []) {
        list.order(`variant/${variant.id}/beforeDose/${item.moment}/`, RANK.beforeDose, 'safety-rule', 'order', `variant ${name}: ${beforeDoseMomentText(item.moment)}`, item.order);
    }
}

const byReadingOrder = (a: ClinicalEntity, b: ClinicalEntity) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The canonical clinical text of an order set: one line per clinical fact, in a stable order (for git textconv). */
export function clinicalText(orderSet: OrderSet): string {
    const lines: string[] = [];
    for (const entity of [...clinicalEntitiesOf(orderSet)].sort(byReadingOrder)) {
        if (entity.attributes.length === 0) lines.push(`${entity.kind}: ${entity.summary}`);
        // The label alone when it already says what the entity is ("hold rule ...", "agent"), else kind and label.
        const subject = entity.label === '' ? entity.kind
            : entity.label.startsWith(entity.kind.split(' ')[0]) ? entity.label : `${entity.kind} ${entity.label}`;
        for (const attribute of entity.attributes) lines.push(`${subject}: ${attribute.name} ${attribute.value}`);
    }
    return lines.join('\n') + '\n';
}
