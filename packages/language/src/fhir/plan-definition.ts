// The order set as a FHIR R4 PlanDefinition (type order-set): one action per order, dose, rule and panel grade.
import type {
    BeforeDoseOrder, Condition, CycleSchedule, Escalation, GradePanel, HoldRule, MaintenancePhase, Order, OrderSet, PreTreatment,
    RestartRule, StepUpDose, SupportiveCareOrder, Variant, ContinuousInfusion, InterruptionRule
} from '../orderset/schema.js';
import type { Deviation } from '../orderset/schema.js';
import { premedicationOrdered } from '../orderset/schedule/dose-changes.js';
import { forEachObject } from '../orderset/walk.js';
import {
    beforeDoseText, conditionText, cycleDaysText, cycleRangeText, doseText, durationText, escalationTriggerText, holdOutcomeText, intervalText,
    monitoringText, monitoringWatchText, numberRangeText, orderText, infusionCyclesText, infusionScheduleText, infusionSegmentText
} from '../orderset/text/index.js';
import { ActivityDefinitionRegistry, publicationStatus } from './activity-definitions.js';
import { complexExtension, computableName, conditionExtension, duration, FHIR_CANONICAL_BASE, fhirId, range, ucum, valueExtension } from './datatypes.js';
import { conditionFhirPath, FHIRPATH_LANGUAGE } from './fhirpath.js';
import { actionItems, narrative } from './narrative.js';
import type { Extension, PlanDefinition, PlanDefinitionAction, PlanDefinitionCondition, RelatedAction } from './fhir-types.js';
import { durationInDays } from '../vocabulary/time-units.js';

type ScheduleSections = Pick<Variant, 'stepUp' | 'maintenance' | 'cycles' | 'supportiveCare' | 'preTreatment' | 'holds' | 'panels' | 'continuousInfusion'>;
/** The sections of the base protocol a variant replaces when it applies. */
type ReplacedSection = 'stepUp' | 'maintenance' | 'cycles' | 'holds' | 'panels' | 'continuousInfusion';

/** Builds the PlanDefinition of an order set, defining its ActivityDefinitions in `registry`. */
export function planDefinition(orderSet: OrderSet, registry: ActivityDefinitionRegistry): PlanDefinition {
    const { protocol } = orderSet;
    const id = fhirId(protocol.id);
    const builder = new ActionBuilder(orderSet, registry);
    const replaced = replacedByVariants(orderSet.variants);
    const { holds, panels, ...schedule } = orderSet;
    const action = [
        ...builder.sections('', schedule, replaced),
        ...orderSet.variants.map((variant) => builder.variant(variant)),
        ...group('before-dose', 'Before dosing', (orderSet.beforeDose ?? []).map((order) => builder.beforeDose(order))),
        ...builder.sections('', { holds, panels }, replaced),
        ...group('premedication-on-order', 'Premedication that a panel or a hold orders before the next dose',
            premedicationOnOrder(orderSet).map((set) => builder.premedicationOnOrder(set)))
    ];
    return {
        resourceType: 'PlanDefinition',
        id,
        text: narrative(protocol.title, actionItems(action)),
        extension: protocolExtensions(orderSet),
        url: `${FHIR_CANONICAL_BASE}/PlanDefinition/${id}`,
        identifier: [{ system: `${FHIR_CANONICAL_BASE}/protocol-id`, value: protocol.id }],
        version: protocol.version,
        name: computableName(protocol.id),
        title: protocol.title,
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/plan-definition-type', code: 'order-set', display: 'Order Set' }] },
        status: publicationStatus(protocol.status),
        experimental: protocol.status === 'draft',
        ...(protocol.effective ? { date: protocol.effective } : {}),
        ...(protocol.owner ? { publisher: protocol.owner } : {}),
        ...(protocol.population ? {
            description: protocol.population,
            useContext: [{
                code: { system: 'http://terminology.hl7.org/CodeSystem/usage-context-type', code: 'focus', display: 'Clinical Focus' },
                valueCodeableConcept: { text: protocol.population }
            }]
        } : {}),
        ...(protocol.effective ? { effectivePeriod: { start: protocol.effective } } : {}),
        ...(protocol.references.length > 0 ? { relatedArtifact: protocol.references.map((citation) => ({ type: 'citation' as const, citation })) } : {}),
        action
    };
}

/** Protocol facts FHIR has no element for: review date, replacement, agent, inputs, risk flags, restarts, provenance, deviations. */
function protocolExtensions(orderSet: OrderSet): Extension[] {
    const { protocol, agent, provenance } = orderSet;
    return [
        ...(protocol.reviewBy ? [valueExtension('review-by', { valueDate: protocol.reviewBy })] : []),
        ...(protocol.replacedBy ? [valueExtension('replaced-by', { valueString: protocol.replacedBy })] : []),
        complexExtension('agent', [['name', { valueString: agent.name }], ['route', { valueString: agent.route }], ['dose-basis', { valueCode: agent.doseBasis }]]),
        ...orderSet.requiredInputs.map((input) => complexExtension('required-input', [
            ['name', { valueString: input.name }],
            input.unit ? ['unit', { valueCode: input.unit }] : undefined
        ])),
        ...orderSet.riskFlags.map((flag) => complexExtension('risk-flag', [['id', { valueCode: flag.id }], ['description', { valueString: flag.description }]])),
        ...orderSet.restartAfterDelay.map(restartExtension),
        complexExtension('provenance', [
            ['format', { valueString: orderSet.format }],
            ['source', { valueString: provenance.source }],
            ['sha256', { valueString: provenance.sha256 }],
            ['compiler', { valueString: `${provenance.compiler.name} ${provenance.compiler.version}` }]
        ]),
        ...provenance.imports.map((imported) => complexExtension('provenance-import', [['source', { valueString: imported.source }], ['sha256', { valueString: imported.sha256 }]])),
        ...(orderSet.deviations ?? []).map(deviationExtension)
    ];
}

/** A suppressed error on the record: what Titra reported, the authors' reason, and where. */
function deviationExtension(deviation: Deviation): Extension {
    return complexExtension('deviation', [
        ['code', { valueCode: deviation.code }],
        ['message', { valueString: deviation.message }],
        ['reason', { valueString: deviation.reason }],
        ['suppression', { valueCode: deviation.suppression }],
        ['file', { valueString: deviation.location.file }],
        ['line', { valueInteger: deviation.location.line }],
        ['column', { valueInteger: deviation.location.column }]
    ]);
}

/** One row of the restart-after-delay table; `last-dose` and `restart-from` are dose names, as in the order set. */
function restartExtension(rule: RestartRule): Extension {
    return complexExtension('restart-after-delay', [
        ['id', { valueString: rule.id }],
        ['last-dose', { valueString: rule.lastDose }],
        rule.gap.minDays === undefined ? undefined : ['gap-min-days', { valueDecimal: rule.gap.minDays }],
        ['gap-min-exclusive', { valueBoolean: rule.gap.minExclusive }],
        rule.gap.maxDays === undefined ? undefined : ['gap-max-days', { valueDecimal: rule.gap.maxDays }],
        ['action', { valueCode: rule.action.type }],
        rule.action.type === 'restart-from' ? ['restart-from', { valueString: rule.action.dose }] : undefined,
        rule.action.type === 'restart-from' && rule.action.nextAfter ? ['next-after', { valueDuration: duration(rule.action.nextAfter) }] : undefined
    ]);
}

/** One interruption rule of a continuous infusion: the interruption length it covers, in hours, and what to do. */
function interruptionExtension(rule: InterruptionRule): Extension {
    return complexExtension('interruption-rule', [
        ['id', { valueString: rule.id }],
        rule.gap.minHours === undefined ? undefined : ['gap-min-hours', { valueDecimal: rule.gap.minHours }],
        ['gap-min-exclusive', { valueBoolean: rule.gap.minExclusive }],
        rule.gap.maxHours === undefined ? undefined : ['gap-max-hours', { valueDecimal: rule.gap.maxHours }],
        ['action', { valueCode: rule.action.type }],
        rule.action.type === 'premedicate' ? ['premedication-set', { valueString: rule.action.premedication }] : undefined
    ]);
}

/** The sections of the base protocol that a variant replaces when its condition holds. */
function replacedByVariants(variants: Variant[]): Map<ReplacedSection, Condition[]> {
    const replaced = new Map<ReplacedSection, Condition[]>();
    for (const section of ['stepUp', 'maintenance', 'cycles', 'holds', 'panels', 'continuousInfusion'] as const) {
        const conditions = variants.filter((v) => v[section] !== undefined).map((v) => v.when);
        if (conditions.length > 0) replaced.set(section, conditions);
    }
    return replaced;
}

/** The offset of an order given before a dose with no stated window: at any time before it (from 0 h, no upper end). */
const ANY_TIME_BEFORE = { low: ucum(0, 'h') };

/** A group action holding `actions`, or nothing when there are none. */
function group(id: string, title: string, actions: PlanDefinitionAction[], extra: Partial<PlanDefinitionAction> = {}): PlanDefinitionAction[] {
    if (actions.length === 0) return [];
    return [{ id: fhirId(id), ...extra, title, groupingBehavior: 'logical-group', selectionBehavior: 'all', action: actions }];
}

/** The premedication sets that `premedicate SET before next dose` orders name, anywhere in the order set. */
function premedicationOnOrder(orderSet: OrderSet): OrderSet['premedication'] {
    const named = new Set<string>();
    forEachObject(orderSet, (object) => {
        const set = premedicationOrdered(object as Order);
        if (set) named.add(set);
    });
    return orderSet.premedication.filter((set) => named.has(set.id));
}

/**
 * A condition as a FHIRPath expression a CPG engine evaluates over the patient's record (fhirpath.ts), with the
 * titra.orderset/1 Condition JSON kept beside it in an extension. `resolvedOf` is the trigger of the enclosing hold.
 */
function condition(kind: PlanDefinitionCondition['kind'], when: Condition, resolvedOf?: Condition): PlanDefinitionCondition {
    return {
        extension: [conditionExtension(when)],
        kind,
        expression: { description: conditionText(when), language: FHIRPATH_LANGUAGE, expression: conditionFhirPath(when, resolvedOf) }
    };
}

class ActionBuilder {
    constructor(private readonly orderSet: OrderSet, private readonly registry: ActivityDefinitionRegistry) {}

    /** The schedule groups of the base protocol (prefix '') or of a variant (prefix `<variant id>.`). */
    sections(prefix: string, sections: ScheduleSections, replaced = new Map<ReplacedSection, Condition[]>()): PlanDefinitionAction[] {
        const unless = (section: ReplacedSection): Partial<PlanDefinitionAction> => {
            const conditions = replaced.get(section);
            if (!conditions) return {};
            const when: Condition = conditions.length === 1 ? conditions[0] : { type: 'any', of: conditions };
            return { condition: [condition('applicability', { type: 'not', condition: when })] };
        };
        return [
            ...group(`${prefix}pre-treatment`, 'Pre-treatment', (sections.preTreatment ?? []).map((phase) => this.preTreatment(phase))),
            ...group(`${prefix}step-up`, 'Step-up dosing', (sections.stepUp ?? []).flatMap((dose) => this.stepUp(dose)), unless('stepUp')),
            ...group(`${prefix}maintenance`, 'Maintenance', (sections.maintenance ?? []).flatMap((phase) => this.maintenance(phase)), unless('maintenance')),
            ...(sections.cycles ? this.cycles(`${prefix}cycles`, sections.cycles, unless('cycles')) : []),
            ...(sections.continuousInfusion ? this.continuousInfusion(`${prefix}continuous-infusion`, sections.continuousInfusion, unless('continuousInfusion')) : []),
            ...group(`${prefix}supportive-care`, 'Supportive care', (sections.supportiveCare ?? []).map((order) => this.supportiveCare(order))),
            ...group(`${prefix}holds`, 'Hold and discontinuation rules', (sections.holds ?? []).map((rule) => this.hold(rule)), unless('holds')),
            ...group(`${prefix}panels`, 'Toxicity management panels', (sections.panels ?? []).map((panel) => this.panel(panel)), unless('panels'))
        ];
    }

    variant(variant: Variant): PlanDefinitionAction {
        return {
            id: fhirId(variant.id),
            ...(variant.restartAfterDelay ? { extension: variant.restartAfterDelay.map(restartExtension) } : {}),
            title: `Variant ${variant.id}`,
            condition: [condition('applicability', variant.when)],
            groupingBehavior: 'logical-group',
            selectionBehavior: 'all',
            action: [
                ...this.sections(`${variant.id}.`, variant),
                ...group(`${variant.id}.before-dose`, 'Before dosing', (variant.beforeDose ?? []).map((order) => this.beforeDose(order)))
            ]
        };
    }

    /** A step-up dose: its premedication group, the dose (related to the previous dose by its window), monitoring. */
    private stepUp(dose: StepUpDose): PlanDefinitionAction[] {
        const title = `${dose.name}: ${this.orderSet.agent.name} ${doseText(dose.dose)}, ${dose.route}, day ${dose.day}`;
        const doseAction: PlanDefinitionAction = {
            id: fhirId(dose.id),
            extension: [valueExtension('treatment-day', { valueInteger: dose.day }), valueExtension('dose-name', { valueString: dose.name })],
            title,
            ...(dose.window ? {
                relatedAction: [{
                    actionId: fhirId(dose.window.after),
                    relationship: 'after-start' as const,
                    offsetRange: { low: duration(dose.window.min), high: duration(dose.window.max) }
                }]
            } : {}),
            requiredBehavior: 'must',
            precheckBehavior: 'yes',
            definitionCanonical: this.registry.administration(dose.id, title, dose, { repeat: { count: 1 } })
        };
        return [...this.premedication(dose.id, dose.premedication), doseAction, ...this.monitoring(dose.id, dose.monitoring)];
    }

    private maintenance(phase: MaintenancePhase): PlanDefinitionAction[] {
        const every = intervalText(phase.interval);
        const title = `${phase.name}: ${this.orderSet.agent.name} ${doseText(phase.dose)}, ${phase.route}, ${every}`;
        const timing = {
            repeat: { ...(phase.doseCount ? { count: phase.doseCount } : {}), frequency: 1, period: phase.interval.value, periodUnit: phase.interval.unit },
            code: { text: every }
        };
        const extension = [
            ...(phase.fromWeek === undefined ? [] : [valueExtension('from-week', { valueDecimal: phase.fromWeek })]),
            ...(phase.throughWeek === undefined ? [] : [valueExtension('through-week', { valueDecimal: phase.throughWeek })]),
            ...(phase.progress ?? []).map((progress) => complexExtension('phase-progress', [
                progress.doses === undefined ? undefined : ['doses', { valueInteger: progress.doses }],
                progress.time ? ['time', { valueDuration: duration(progress.time) }] : undefined,
                ...progress.of.map((id): [string, Omit<Extension, 'url'>] => ['of', { valueString: id }])
            ])),
            ...(phase.minSpacing ? [valueExtension('min-spacing', { valueDuration: duration(phase.minSpacing) })] : [])
        ];
        const phaseAction: PlanDefinitionAction = {
            id: fhirId(phase.id),
            ...(extension.length > 0 ? { extension } : {}),
            title,
            ...(phase.when ? { condition: [condition('start', phase.when)] } : {}),
            ...(phase.after ? { relatedAction: [this.afterPrevious(phase, phase.after)] } : {}),
            requiredBehavior: 'must',
            precheckBehavior: 'yes',
            definitionCanonical: this.registry.administration(phase.id, title, phase, timing)
        };
        return [...this.premedication(phase.id, phase.premedication), phaseAction, ...this.monitoring(phase.id, phase.monitoring)];
    }

    /**
     * When a maintenance phase starts after the dose or phase it follows, as the scheduler plans it: one interval of
     * the phase after a step-up dose; after a phase, one interval of that phase (when it gave more than one dose) or
     * of this one (when it gave one), so the offset is the range of the two.
     */
    private afterPrevious(phase: MaintenancePhase, after: string): RelatedAction {
        const previous = [this.orderSet, ...this.orderSet.variants].flatMap((s) => s.maintenance ?? []).find((p) => p.id === after);
        if (!previous) return { actionId: fhirId(after), relationship: 'after-start', offsetDuration: duration(phase.interval) };
        const [low, high] = [previous.interval, phase.interval].sort((a, b) => durationInDays(a) - durationInDays(b));
        return { actionId: fhirId(after), relationship: 'after', offsetRange: { low: duration(low), high: duration(high) } };
    }

    /** Cycles: the schedule (length, maximum) and each rule's cycles and days go into extensions. */
    private cycles(id: string, schedule: CycleSchedule, extra: Partial<PlanDefinitionAction>): PlanDefinitionAction[] {
        const rules = schedule.rules.flatMap((rule) => {
            const cycles = `cycles ${cycleRangeText(rule)}`;
            const title = `${cycles}: ${this.orderSet.agent.name} ${doseText(rule.dose)}, ${rule.route}, on ${cycleDaysText(rule.days)}`;
            const ruleAction: PlanDefinitionAction = {
                id: fhirId(rule.id),
                extension: [complexExtension('cycle-rule', [
                    ['first-cycle', { valueInteger: rule.firstCycle }],
                    rule.lastCycle === undefined ? undefined : ['last-cycle', { valueInteger: rule.lastCycle }],
                    ...rule.days.map((day): [string, Omit<Extension, 'url'>] => ['day', { valueInteger: day }])
                ])],
                title,
                ...(rule.when ? { condition: [condition('applicability', rule.when)] } : {}),
                requiredBehavior: 'must',
                precheckBehavior: 'yes',
                definitionCanonical: this.registry.administration(rule.id, title, rule, { code: { text: `${cycles}, ${cycleDaysText(rule.days)}` } })
            };
            return [...this.premedication(rule.id, rule.premedication), ruleAction, ...this.monitoring(rule.id, rule.monitoring)];
        });
        const cycleExtension = complexExtension('cycle-schedule', [
            ['length', { valueDuration: duration(schedule.length) }],
            schedule.maxCycles === undefined ? undefined : ['max-cycles', { valueInteger: schedule.maxCycles }]
        ]);
        return group(id, `Cycles of ${durationText(schedule.length)}`, rules, { extension: [cycleExtension], ...extra });
    }

    /** A continuous infusion: the schedule and interruption rules in extensions, one action per rate with its cycles and days. */
    private continuousInfusion(id: string, infusion: ContinuousInfusion, extra: Partial<PlanDefinitionAction>): PlanDefinitionAction[] {
        const segments = infusion.rules.flatMap((rule) => rule.segments.flatMap((segment) => {
            const title = `${infusionCyclesText(rule)}: ${this.orderSet.agent.name} ${infusionSegmentText(segment)}, continuous ${infusion.route}`;
            const segmentAction: PlanDefinitionAction = {
                id: fhirId(segment.id),
                extension: [complexExtension('infusion-segment', [
                    ['first-cycle', { valueInteger: rule.firstCycle }],
                    rule.lastCycle === undefined ? undefined : ['last-cycle', { valueInteger: rule.lastCycle }],
                    rule.length ? ['cycle-length', { valueDuration: duration(rule.length) }] : undefined,
                    ['first-day', { valueInteger: segment.firstDay }],
                    ['last-day', { valueInteger: segment.lastDay }]
                ])],
                title,
                requiredBehavior: 'must',
                precheckBehavior: 'yes',
                definitionCanonical: this.registry.administration(segment.id, title, { dose: segment.dose, route: infusion.route }, { code: { text: 'continuous infusion' } })
            };
            return [...this.premedication(segment.id, segment.premedication), segmentAction];
        }));
        const scheduleExtension = complexExtension('continuous-infusion', [
            ['length', { valueDuration: duration(infusion.length) }],
            infusion.maxCycles === undefined ? undefined : ['max-cycles', { valueInteger: infusion.maxCycles }],
            infusion.bagInterval ? ['bag-interval', { valueDuration: duration(infusion.bagInterval) }] : undefined
        ]);
        return group(id, `Continuous infusion, ${infusionScheduleText(infusion)}`, segments,
            { extension: [scheduleExtension, ...infusion.interruptions.map(interruptionExtension)], ...extra });
    }

    /** A premedication set given on order before the next dose: its orders, each with its timing before the dose in words. */
    premedicationOnOrder(set: OrderSet['premedication'][number]): PlanDefinitionAction {
        const actions = set.orders.map(({ order, timing }) => ({ ...this.order(order, `on-order.${order.id}`), description: beforeDoseText(timing) }));
        return group(`on-order.${set.id}`, set.title ?? set.name, actions, { extension: [valueExtension('premedication-set', { valueString: set.id })] })[0];
    }

    /** The premedication of one administration: each order 'before-start' of it, from min to max before; its after-dose orders 'after-end'. */
    private premedication(doseId: string, setId: string | undefined): PlanDefinitionAction[] {
        if (setId === undefined) return [];
        const set = this.orderSet.premedication.find((p) => p.id === setId);
        if (!set) throw new Error(`internal error: premedication ${setId} of ${doseId} is not in the order set`);
        const actions = set.orders.map(({ order, timing }) => this.order(order, `${doseId}.${order.id}`, {
            relatedAction: [{
                ...(timing.approximate ? { extension: [valueExtension('approximate-timing', { valueBoolean: true })] } : {}),
                actionId: fhirId(doseId),
                relationship: 'before-start',
                offsetRange: { low: duration(timing.min), ...(timing.max ? { high: duration(timing.max) } : {}) }
            }]
        }));
        const after = (set.afterDose ?? []).map((order) => this.order(order, `${doseId}.${order.id}`, {
            relatedAction: [{ actionId: fhirId(doseId), relationship: 'after-end', offsetDuration: duration({ value: 0, unit: 'h' }) }]
        }));
        return group(`${doseId}.premedication`, `${set.title ?? set.name} ${after.length > 0 ? 'with' : 'before'} ${doseId}`, [...actions, ...after],
            { extension: [valueExtension('premedication-set', { valueString: set.id })] });
    }

    private monitoring(doseId: string, monitoring: StepUpDose['monitoring']): PlanDefinitionAction[] {
        if (!monitoring) return [];
        const title = `Monitoring after ${doseId}: ${monitoringText(monitoring)}`;
        const id = `${doseId}.monitoring`;
        return [{
            id: fhirId(id),
            title,
            relatedAction: [{ actionId: fhirId(doseId), relationship: 'concurrent-with-start', offsetDuration: ucum(0, 'h') }],
            requiredBehavior: 'must',
            precheckBehavior: 'yes',
            definitionCanonical: this.registry.monitoring(id, title,
                monitoring.setting === 'inpatient' ? monitoring.duration : undefined, monitoring.setting === 'outpatient' ? monitoring.note : undefined),
            ...(monitoring.watch ? {
                groupingBehavior: 'logical-group' as const,
                selectionBehavior: 'all' as const,
                action: monitoring.watch.map((watch, index) => ({
                    id: fhirId(`${id}.watch${index + 1}`),
                    title: monitoringWatchText(watch),
                    requiredBehavior: 'must' as const,
                    precheckBehavior: 'yes' as const,
                    definitionCanonical: this.registry.monitoringWatch(`${id}.watch${index + 1}`, watch)
                }))
            } : {})
        }];
    }

    /**
     * An order before dosing: `before-start` of every dose group (each dose) or of the first dose of the course
     * (first dose); `…/before-dose` says which.
     */
    beforeDose(item: BeforeDoseOrder): PlanDefinitionAction {
        const { stepUp, maintenance, cycles } = this.orderSet;
        const doseGroups = [stepUp.length > 0 ? 'step-up' : undefined, maintenance.length > 0 ? 'maintenance' : undefined, cycles ? 'cycles' : undefined]
            .filter((id): id is string => id !== undefined);
        const firstDose = stepUp[0]?.id ?? maintenance[0]?.id ?? doseGroups[0];
        const targets = item.moment === 'each-dose' ? doseGroups : firstDose ? [firstDose] : [];
        return this.order(item.order, item.id, {
            extension: [
                valueExtension('before-dose', { valueCode: item.moment }),
                ...(item.source ? [valueExtension('source-library', { valueString: item.source })] : [])
            ],
            ...(targets.length > 0 ? { relatedAction: targets.map((target) => ({ actionId: fhirId(target), relationship: 'before-start' as const, offsetRange: ANY_TIME_BEFORE })) } : {})
        });
    }

    private preTreatment(phase: PreTreatment): PlanDefinitionAction {
        return {
            id: fhirId(phase.id),
            ...(phase.day === undefined ? {} : { extension: [valueExtension('treatment-day', { valueInteger: phase.day })] }),
            title: phase.title ?? phase.id,
            relatedAction: [{ actionId: fhirId(phase.before), relationship: 'before-start', offsetRange: { low: duration({ value: 0, unit: phase.completeWithin.unit }), high: duration(phase.completeWithin) } }],
            groupingBehavior: 'logical-group',
            selectionBehavior: 'all',
            action: phase.orders.map((order) => this.supportiveCare(order))
        };
    }

    private supportiveCare(care: SupportiveCareOrder): PlanDefinitionAction {
        const extension = [
            valueExtension('throughout', { valueBoolean: care.throughout }),
            ...(care.continueAfterLastDose ? [valueExtension('continue-after-last-dose', { valueDuration: duration(care.continueAfterLastDose) })] : []),
            ...(care.source ? [valueExtension('source-library', { valueString: care.source })] : [])
        ];
        const conditions = [...(care.start ? [condition('start', care.start)] : []), ...(care.stop ? [condition('stop', care.stop)] : [])];
        return this.order(care.order, care.id, {
            extension,
            ...(conditions.length > 0 ? { condition: conditions } : {}),
            ...(care.before ? { relatedAction: [{ actionId: fhirId(care.before), relationship: 'before-start', offsetRange: ANY_TIME_BEFORE }] } : {})
        });
    }

    /** A hold rule: applicable while its trigger holds, stopped by its resume condition; side orders as sub-actions. */
    hold(rule: HoldRule): PlanDefinitionAction {
        const what = rule.discontinue ? 'Discontinue treatment permanently' : `Hold ${this.orderSet.agent.name}`;
        return {
            id: fhirId(rule.id),
            extension: [
                valueExtension('hold-action', { valueCode: rule.discontinue ? 'discontinue-permanently' : 'hold' }),
                ...(rule.resumeAt ? [valueExtension('resume-at', { valueString: rule.resumeAt })] : []),
                ...(rule.repeatLastDose ? [valueExtension('resume-repeat-last-dose', { valueBoolean: true })] : []),
                ...(rule.source ? [valueExtension('source-library', { valueString: rule.source })] : [])
            ],
            title: `${what} when ${conditionText(rule.trigger)}`,
            ...(rule.resume ? { description: holdOutcomeText(rule) } : {}),
            condition: [condition('applicability', rule.trigger), ...(rule.resume ? [condition('stop', rule.resume, rule.trigger)] : [])],
            ...(rule.orders.length > 0 ? { groupingBehavior: 'logical-group' as const, selectionBehavior: 'all' as const, action: rule.orders.map((order) => this.order(order)) } : {})
        };
    }

    /** A grade panel: one sub-action per grade, applicable when the toxicity has exactly that grade. */
    panel(panel: GradePanel): PlanDefinitionAction {
        const toxicity = panel.kind === 'toxicity' ? panel.name : panel.kind;
        return {
            id: fhirId(panel.id),
            extension: [complexExtension('grade-panel', [
                ['kind', { valueCode: panel.kind }],
                ['name', { valueString: panel.name }],
                ['grading', { valueString: panel.grading }],
                panel.source ? ['source-library', { valueString: panel.source }] : undefined
            ])],
            title: panel.title ?? `${panel.name} (${panel.grading})`,
            groupingBehavior: 'logical-group',
            selectionBehavior: 'any',
            action: panel.grades.map((entry) => {
                const id = `${panel.id}.g${entry.grade}`;
                return {
                    id: fhirId(id),
                    ...(entry.ice ? { extension: [valueExtension('ice-score-range', { valueRange: range('1', entry.ice.min, entry.ice.max) })] } : {}),
                    title: `Grade ${entry.grade}${entry.ice ? ` (ICE ${numberRangeText(entry.ice.min, entry.ice.max)})` : ''}`,
                    condition: [condition('applicability', { type: 'grade', toxicity, op: 'eq', grade: entry.grade })],
                    groupingBehavior: 'logical-group',
                    selectionBehavior: 'all',
                    action: [...entry.orders.map((order) => this.order(order)), ...(entry.escalation ? [this.escalation(`${id}.esc`, entry.escalation)] : [])]
                };
            })
        };
    }

    /** Escalation ("no improvement after 24 h", "refractory"): its trigger goes into the escalation extension. */
    private escalation(id: string, escalation: Escalation): PlanDefinitionAction {
        return {
            id: fhirId(id),
            extension: [complexExtension('escalation', [
                escalation.after ? ['after', { valueDuration: duration(escalation.after) }] : undefined,
                ['refractory', { valueBoolean: escalation.refractory }]
            ])],
            title: `Escalation ${escalationTriggerText(escalation)}`,
            groupingBehavior: 'logical-group',
            selectionBehavior: 'all',
            action: [...escalation.orders.map((order) => this.order(order)), ...(escalation.escalation ? [this.escalation(`${id}.esc`, escalation.escalation)] : [])]
        };
    }

    /** An order: `consider` orders are optional and not pre-checked; standing orders are required and pre-checked. */
    private order(order: Order, actionId = order.id, extra: Pick<PlanDefinitionAction, 'extension' | 'condition' | 'relatedAction'> = {}): PlanDefinitionAction {
        return {
            id: fhirId(actionId),
            ...(extra.extension ? { extension: extra.extension } : {}),
            title: orderText(order, { details: 'instructions' }),
            ...(extra.condition ? { condition: extra.condition } : {}),
            ...(extra.relatedAction ? { relatedAction: extra.relatedAction } : {}),
            requiredBehavior: order.consider ? 'could' : 'must',
            precheckBehavior: order.consider ? 'no' : 'yes',
            definitionCanonical: this.registry.order(order)
        };
    }
}
