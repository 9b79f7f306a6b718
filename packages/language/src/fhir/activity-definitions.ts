// Order-set orders and administrations to FHIR R4 ActivityDefinitions (MedicationRequest, ServiceRequest, Task).
import type { Dose, DosingOrder, Duration as OrderSetDuration, Frequency, MedicationOrder, MonitoringWatch, Order, OrderSet } from '../orderset/schema.js';
import { doseText, infusionTimeText, medicationDetailsText, monitoringWatchText, orderText, routesText } from '../orderset/text/index.js';
import { complexExtension, computableName, duration, FHIR_CANONICAL_BASE, fhirId, range, routeConcept, ucum, UCUM_SYSTEM, valueExtension } from './datatypes.js';
import type { ActivityDefinition, Dosage, DynamicValue, Extension, PublicationStatus, Quantity, Ratio, Timing, TimingRepeat } from './fhir-types.js';
import { computedDoseUnit } from '../orderset/schedule/dose.js';
import { doseAmountFhirPath, FHIRPATH_LANGUAGE, literal } from './fhirpath.js';
import { narrative } from './narrative.js';

/** A dose given as part of the agent's schedule (a step-up dose, a maintenance phase or a cycle rule). */
export interface Administration {
    dose: Dose;
    route: string;
    infusionDuration?: OrderSetDuration;
    infusionDurationWithoutCrs?: OrderSetDuration;
}

/** The FHIR status of a protocol status: `replaced` is `retired` (the replacement is named in an extension). */
export function publicationStatus(status: OrderSet['protocol']['status']): PublicationStatus {
    return status === 'replaced' ? 'retired' : status;
}

/**
 * The ActivityDefinitions of one order set, in the order they are first referenced. Each gets the id
 * `<protocol id>.<order id>` (shortened by fhirId when needed) and a canonical URL under the project base.
 */
export class ActivityDefinitionRegistry {
    private readonly definitions = new Map<string, ActivityDefinition>();
    /** The order-set id each FHIR id was made from, to refuse two ids that shorten to the same FHIR id. */
    private readonly sources = new Map<string, string>();

    constructor(private readonly orderSet: OrderSet) {}

    get all(): ActivityDefinition[] {
        return [...this.definitions.values()];
    }

    /** The versioned canonical reference (`url|version`) of an order's ActivityDefinition, defining it on first use. */
    order(order: Order): string {
        return this.define(order.id, () => orderDefinition(order));
    }

    /** The reference to the ActivityDefinition of a scheduled dose of the agent. */
    administration(id: string, title: string, administration: Administration, timing?: Timing): string {
        return this.define(id, () => ({
            title,
            kind: 'MedicationRequest',
            productCodeableConcept: { text: this.orderSet.agent.name },
            dosage: [administrationDosage(administration, timing)],
            dynamicValue: doseDynamicValues(administration.dose)
        }));
    }

    /** The reference to a monitoring ServiceRequest (inpatient for a duration, or outpatient with a note). */
    monitoring(id: string, title: string, monitoringDuration: OrderSetDuration | undefined, note: string | undefined): string {
        return this.define(id, () => ({
            title,
            kind: 'ServiceRequest',
            code: { text: monitoringDuration ? 'inpatient monitoring' : 'outpatient monitoring' },
            ...(note ? { description: note } : {}),
            ...(monitoringDuration ? { timingDuration: duration(monitoringDuration) } : {})
        }));
    }

    /** What is watched during monitoring (vital signs every 4 hours): a ServiceRequest with the watch's frequency. */
    monitoringWatch(id: string, watch: MonitoringWatch): string {
        return this.define(id, () => ({
            title: monitoringWatchText(watch),
            kind: 'ServiceRequest',
            code: { text: watch.text },
            ...(watch.frequency ? { timingTiming: frequencyTiming(watch.frequency) } : {})
        }));
    }

    private define(key: string, build: () => DefinitionContent): string {
        const id = fhirId(`${this.orderSet.protocol.id}.${key}`);
        const url = `${FHIR_CANONICAL_BASE}/ActivityDefinition/${id}`;
        const source = this.sources.get(id);
        if (source !== undefined && source !== key) throw new Error(`internal error: ${source} and ${key} both become the FHIR id ${id}`);
        if (source === undefined) {
            this.sources.set(id, key);
            const { extension, title, description, kind, code, timingTiming, timingDuration, productCodeableConcept, dosage: doses, dynamicValue } = build();
            const { protocol } = this.orderSet;
            this.definitions.set(id, {
                resourceType: 'ActivityDefinition',
                id,
                text: narrative(title, [description, ...(doses ?? []).map((d) => d.text)].filter((t): t is string => t !== undefined && t !== title).map((text) => ({ text }))),
                ...(extension ? { extension } : {}),
                url,
                version: protocol.version,
                name: computableName(id),
                title,
                status: publicationStatus(protocol.status),
                experimental: protocol.status === 'draft',
                ...(protocol.effective ? { date: protocol.effective } : {}),
                ...(protocol.owner ? { publisher: protocol.owner } : {}),
                ...(description ? { description } : {}),
                kind,
                ...(code ? { code } : {}),
                intent: 'order',
                ...(timingTiming ? { timingTiming } : {}),
                ...(timingDuration ? { timingDuration } : {}),
                ...(productCodeableConcept ? { productCodeableConcept } : {}),
                ...(doses ? { dosage: doses } : {}),
                ...(dynamicValue && dynamicValue.length > 0 ? { dynamicValue } : {})
            });
        }
        return `${url}|${this.orderSet.protocol.version}`;
    }
}

/** What an ActivityDefinition says; the registry adds its identity and the protocol's metadata. */
type DefinitionContent = Pick<ActivityDefinition, 'title' | 'kind'> & Partial<Pick<ActivityDefinition,
    'extension' | 'description' | 'code' | 'timingTiming' | 'timingDuration' | 'productCodeableConcept' | 'dosage' | 'dynamicValue'>>;

function orderDefinition(order: Order): DefinitionContent {
    const title = orderText(order, { details: 'instructions' });
    switch (order.type) {
        case 'medication':
            return {
                title,
                kind: 'MedicationRequest',
                productCodeableConcept: { text: order.drug },
                dosage: [medicationDosage(order)],
                dynamicValue: doseDynamicValues(order.dose)
            };
        case 'procedure':
            return { title, kind: 'ServiceRequest', code: { text: order.text } };
        case 'instruction':
            return { title, kind: 'Task', code: { text: order.text } };
        case 'dosing':
            return { title, kind: 'Task', code: { text: title }, extension: [valueExtension('dosing-action', { valueCode: order.action }), ...dosingChange(order)] };
    }
}

/** The Dosage of a scheduled dose; a shorter infusion time without CRS after the previous dose is an extension and part of the text. */
function administrationDosage(administration: Administration, timing: Timing | undefined): Dosage {
    const shorter = administration.infusionDurationWithoutCrs;
    const text = `${doseText(administration.dose)}, ${administration.route}${shorter ? `, ${infusionTimeText(administration)}` : ''}`;
    const result = dosage(administration.dose, [administration.route], timingWith(timing, administration.infusionDuration), false, text);
    return shorter ? { ...result, extension: [...(result.extension ?? []), valueExtension('infusion-duration-without-crs', { valueDuration: duration(shorter) })] } : result;
}

function medicationDosage(order: MedicationOrder): Dosage {
    let timing = frequencyTiming(order.frequency);
    if (order.duration) {
        const bounds: TimingRepeat = order.duration.upper === undefined
            ? { boundsDuration: ucum(order.duration.value, order.duration.unit) }
            : { boundsRange: range(order.duration.unit, order.duration.value, order.duration.upper) };
        timing = { ...timing, repeat: { ...bounds, ...timing?.repeat } };
    }
    const result = dosage(order.dose, order.routes, timingWith(timing, order.infusionDuration, order.infusionDurationMax), order.asNeeded, medicationDetailsText(order, { details: 'instructions' }));
    const limits = (order.maxDoses ?? []).map((limit) => complexExtension('max-doses', [
        ['count', { valueInteger: limit.count }],
        limit.period ? ['period', { valueDuration: duration(limit.period) }] : undefined
    ]));
    const perPeriod: Ratio | undefined = order.maxPerPeriod
        ? { numerator: ucum(order.maxPerPeriod.quantity.value, order.maxPerPeriod.quantity.unit), denominator: duration(order.maxPerPeriod.period) }
        : doseCountPerPeriod(order.maxDoses ?? []);
    return {
        ...result,
        extension: [...(result.extension ?? []), ...limits],
        ...(perPeriod ? { maxDosePerPeriod: perPeriod } : {})
    };
}

/**
 * A dose-count limit per period ("max 3 doses per 24 h") as Dosage.maxDosePerPeriod: numerator the count in UCUM
 * `{dose}` (a unity annotation), denominator the period. R4 allows one maxDosePerPeriod: the first limit with a
 * period; every limit stays in the max-doses extension.
 */
function doseCountPerPeriod(limits: NonNullable<MedicationOrder['maxDoses']>): Ratio | undefined {
    const limit = limits.find((l) => l.period !== undefined);
    if (!limit?.period) return undefined;
    const doses: Quantity = { value: limit.count, unit: limit.count === 1 ? 'dose' : 'doses', system: UCUM_SYSTEM, code: '{dose}' };
    return { numerator: doses, denominator: duration(limit.period) };
}

/** The path of the dose in the MedicationRequest an ActivityDefinition creates (its dosage becomes dosageInstruction). */
const DOSE_QUANTITY_PATH = 'dosageInstruction[0].doseAndRate[0].doseQuantity';

/**
 * dynamicValues computing a per-kg or per-m2 dose for the patient (fhirpath.ts `doseAmountFhirPath`): the amount, and
 * its unit once the basis is applied (0.06 mg/kg -> mg). None for a flat dose, a dose range, or a basis Titra does not compute.
 */
function doseDynamicValues(dose: Dose): DynamicValue[] | undefined {
    const amount = doseAmountFhirPath(dose);
    if (amount === undefined) return undefined;
    const unit = literal(computedDoseUnit(dose));
    const value = (path: string, expression: string, description: string): DynamicValue => ({ path: `${DOSE_QUANTITY_PATH}.${path}`, expression: { description, language: FHIRPATH_LANGUAGE, expression } });
    return [
        value('value', amount, `${doseText(dose)} for the patient${dose.per === 'm2' ? ' (body surface area by Mosteller)' : ''}`),
        value('unit', unit, 'the unit of the computed dose'),
        value('code', unit, 'the UCUM code of the computed dose')
    ];
}

/** Timing.repeat of a frequency: `once` is count 1; the others are frequency per period. */
function frequencyTiming(frequency: Frequency | undefined): Timing | undefined {
    if (!frequency) return undefined;
    const perPeriod = (times: number, period: number, periodUnit: string): TimingRepeat => ({ frequency: times, period, periodUnit });
    const repeat: TimingRepeat | undefined =
        frequency.kind === 'once' ? { count: 1 }
        : frequency.kind === 'daily' ? perPeriod(1, 1, 'd')
        : frequency.kind === 'weekly' ? perPeriod(1, 1, 'wk')
        : frequency.kind === 'every-other-day' ? perPeriod(1, 2, 'd')
        : frequency.kind === 'times-per-day' && frequency.times ? perPeriod(frequency.times, 1, 'd')
        : frequency.kind === 'times-per-week' && frequency.times ? perPeriod(frequency.times, 1, 'wk')
        : frequency.kind === 'interval' && frequency.interval ? {
            ...perPeriod(1, frequency.interval.value, frequency.interval.unit),
            ...(frequency.intervalMax ? { periodMax: frequency.intervalMax.value } : {})
        }
        : undefined;
    return { ...(repeat ? { repeat } : {}), code: { text: frequency.text } };
}

/** Adds an infusion duration (Timing.repeat.duration, durationMax in the same unit, and durationUnit) to a timing. */
function timingWith(timing: Timing | undefined, infusion: OrderSetDuration | undefined, infusionMax?: OrderSetDuration): Timing | undefined {
    if (!infusion) return timing;
    // A range is written in one unit ("over 4 to 5 hours"), so durationMax shares durationUnit.
    const max = infusionMax ? { durationMax: infusionMax.value } : {};
    return { ...timing, repeat: { ...timing?.repeat, duration: infusion.value, ...max, durationUnit: infusion.unit } };
}

/**
 * A Dosage keeping the dose exactly as written: a per-kg or per-m2 dose stays in mg/kg or mg/m2 (no computed
 * dose), its basis goes into the dose-basis extension, a range into doseRange, a cap into maxDosePerAdministration.
 * More than one route means any of them: the route text names them all and route-option extensions code each.
 */
function dosage(dose: Dose, routes: string[], timing: Timing | undefined, asNeeded: boolean, text: string): Dosage {
    const extension: Extension[] = [
        valueExtension('dose-basis', { valueCode: dose.basis }),
        ...(dose.components ?? []).map((component) => valueExtension('dose-component', { valueQuantity: ucum(component, dose.unit) })),
        ...(dose.rounding ? [valueExtension('dose-rounding', { valueQuantity: ucum(dose.rounding.value, dose.rounding.unit) })] : []),
        ...(routes.length > 1 ? routes.map((route) => valueExtension('route-option', { valueCodeableConcept: routeConcept(route) })) : [])
    ];
    return {
        extension,
        text,
        ...(timing ? { timing } : {}),
        asNeededBoolean: asNeeded,
        ...(routes.length === 1 ? { route: routeConcept(routes[0]) } : routes.length > 1 ? { route: { text: routesText(routes) } } : {}),
        doseAndRate: [dose.upper === undefined ? { doseQuantity: ucum(dose.value, dose.unit) } : { doseRange: range(dose.unit, dose.value, dose.upper) }],
        ...(dose.maxPerDose ? { maxDosePerAdministration: ucum(dose.maxPerDose.value, dose.maxPerDose.unit) } : {})
    };
}

/** The new dose or interval of a dosing change, and whether it lasts until the toxicity resolves. */
function dosingChange(order: DosingOrder): Extension[] {
    if (!order.dose && !order.interval) return [];
    return [complexExtension('dosing-change', [
        order.dose ? ['dose', { valueQuantity: ucum(order.dose.value, order.dose.unit) }] : undefined,
        order.interval ? ['interval', { valueDuration: duration(order.interval) }] : undefined,
        ['until-resolved', { valueBoolean: order.untilResolved ?? false }]
    ])];
}
