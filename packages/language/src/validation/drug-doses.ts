// Every medication order that names a drug other than the protocol's agent, checked against the drug dose reference: per dose, per day, per kg, caps, frequency.
import { AstUtils, type ValidationAcceptor } from 'langium';
import { isPerDoseCap, limitPeriod } from '../grammar/dose-limits.js';
import * as ast from '../grammar/generated/ast.js';
import { agentByAnyName, drugDoseReference, type DoseLimitReference, type DrugDoseReference } from '../knowledge/reference.js';
import { ROUTE_OF_SPELLING } from '../vocabulary/routes.js';
import { durationInHours } from '../vocabulary/time-units.js';
import { convertTo, formatNumber, hoursOf, numberOf, quantityOf, type DoseValue } from './clinical-values.js';
import { Codes, diagnostic } from './codes.js';
import { unconfirmedNote } from './harm.js';

/** A ratio to the reference at or beyond which a dose is a 10-fold error: always an error, even against unconfirmed values. */
const GRAVE_RATIO = 10;

type Severity = 'error' | 'warning' | 'info';

/** A reference value a dose is compared with: an amount, what it is (a maximum, the highest or lowest dose given) and its source. */
interface ReferenceValue {
    amount: DoseValue;
    what: string;
    source: string;
    confirmed: boolean;
}

/** The amounts an order gives, read for comparison: one dose (the upper end of a range), the lowest dose, and per 24 hours. */
interface OrderAmounts {
    highest: DoseValue;
    lowest: DoseValue;
    dosesPerDay: number;
    /** The written cap of the amount per 24 hours (`max 4000 mg per 24 hours`), when the order has one. */
    perDayCap?: DoseValue;
    /** For a combination strength: the component the values measure, as the check read it. */
    component?: string;
}

/** Checks one medication order against the dose reference of its drug; the protocol's own agent is left to the label checks. */
export function checkDrugDose(order: ast.MedicationOrder, accept: ValidationAcceptor): void {
    const name = order.drug;
    if (!name || !order.amount?.unit || isProtocolAgent(order, name)) return;
    const reference = drugDoseReference(name);
    if (!reference) {
        accept('info', `No dose reference for ${name}: Titra cannot check its dose.`, { node: order, property: 'drug', ...diagnostic(Codes.drugDoseNoReference) });
        return;
    }
    const amounts = orderAmounts(order, reference);
    if (amounts === 'not-comparable') {
        // A weight- or BSA-based dose of a drug the reference doses flat gives more drug than meant: an error.
        const kind = quantityOf(1, order.amount.unit)?.kind;
        accept(kind === 'flat' ? 'warning' : 'error', `${writtenOrder(order)}: the dose reference of ${reference.name} gives no dose in a comparable unit (${referenceUnits(reference)}), so Titra cannot check this dose (source: ${reference.source}).`, {
            node: order, property: 'amount', ...diagnostic(Codes.drugDoseNotComparable)
        });
        return;
    }
    if (!amounts) return; // an unknown unit: unit/unknown reports it
    const written = writtenOrder(order);
    const routes = order.routes.map((r) => ROUTE_OF_SPELLING[r]);
    checkMaxima(order, reference, amounts, routes, written, accept);
    checkMinimum(order, reference, amounts, routes, written, accept);
    checkCap(order, reference, amounts, written, accept);
    checkFrequency(order, reference, written, accept);
}

function isProtocolAgent(order: ast.MedicationOrder, name: string): boolean {
    const agent = AstUtils.getContainerOfType(order, ast.isProtocol)?.members.find(ast.isAgent)?.drug;
    if (!agent) return false;
    const canonical = (n: string) => agentByAnyName(n)?.name ?? n.toLowerCase();
    return canonical(agent) === canonical(name);
}

/** The drug and its dose as written (`dexamethasone 100 mg`). */
function writtenOrder(order: ast.MedicationOrder): string {
    return `${order.drug} ${order.amount.$cstNode?.text ?? ''}`.trim();
}

/** The doses and amount limits of a reference (not the minimum interval between doses). */
function amountEntries(reference: DrugDoseReference): Array<{ value: number; unit?: string }> {
    return [...reference.doses, ...reference.limits.filter((l) => l.kind !== 'min-interval')];
}

function referenceUnits(reference: DrugDoseReference): string {
    return [...new Set(amountEntries(reference).flatMap((v) => (v.unit ? [v.unit] : [])))].join(', ') || 'none';
}

function shown(value: DoseValue): string {
    return `${formatNumber(value.value)} ${value.unit}`;
}

// ---------------------------------------------------------------------------------------------
// Reading the order
// ---------------------------------------------------------------------------------------------

/**
 * The order's amounts in comparable form; 'not-comparable' when no reference value shares the order's unit kind and
 * dimension (mg/kg against a reference in mg only, mL, a combination strength against single-strength doses).
 */
function orderAmounts(order: ast.MedicationOrder, reference: DrugDoseReference): OrderAmounts | 'not-comparable' | undefined {
    const amount = order.amount;
    const value = numberOf(amount.value);
    const unit = amount.unit;
    if (value === undefined || unit === undefined) return undefined;
    const probe = quantityOf(value, unit);
    if (!probe) return undefined;
    const comparable = referenceAmounts(reference).some((r) => convertTo(probe, r) !== undefined);
    const component = reference.doses.find((d) => d.component)?.component;
    if (!comparable || (amount.second !== undefined) !== (component !== undefined)) return 'not-comparable';
    const dosesPerDay = dosesPer24Hours(order);
    const perDayCap = writtenPerDayCap(order);
    if (component !== undefined) {
        // A combination strength (800/160 mg) names its components in the label's or the author's order: read the
        // strength of the referenced component as the one of the two that lies nearer the reference.
        const pair = [value, numberOf(amount.second)].flatMap((v) => (v === undefined ? [] : [quantityOf(v, unit)!]));
        const best = pair.reduce((a, b) => (excessRatio(a, reference) <= excessRatio(b, reference) ? a : b));
        return { highest: best, lowest: best, dosesPerDay, perDayCap, component };
    }
    const upper = numberOf(amount.upper);
    return { highest: upper === undefined ? probe : quantityOf(upper, unit)!, lowest: probe, dosesPerDay, perDayCap };
}

/** How far a component strength lies above the highest reference dose in its unit (1 when within). */
function excessRatio(value: DoseValue, reference: DrugDoseReference): number {
    const ratios = reference.doses.flatMap((d) => {
        const highest = quantityOf(d.upper ?? d.value, d.unit);
        const converted = highest && convertTo(value, highest);
        return highest && converted !== undefined ? [converted / highest.value] : [];
    });
    return ratios.length === 0 ? Infinity : Math.max(1, Math.min(...ratios));
}

function referenceAmounts(reference: DrugDoseReference): DoseValue[] {
    return amountEntries(reference).flatMap((v) => (v.unit === undefined ? [] : quantityOf(v.value, v.unit) ?? []));
}

/** Administrations in 24 hours: from the frequency (`every 8 hours` = 3, `3 times daily`, `daily`), at most a written count per period. */
function dosesPer24Hours(order: ast.MedicationOrder): number {
    const frequency = order.frequencies[0];
    let perDay = 1;
    if (frequency?.every) {
        const hours = hoursOf(numberOf(frequency.every.value), frequency.every.unit);
        if (hours !== undefined && hours > 0) perDay = Math.max(1, Math.ceil(24 / hours));
    } else if (frequency?.times !== undefined && frequency.per === 'daily') {
        perDay = numberOf(frequency.times) ?? 1;
    }
    for (const limit of order.limits) {
        const count = numberOf(limit.count);
        const hours = hoursOf(numberOf(limit.countPeriod?.value), limit.countPeriod?.unit);
        if (count !== undefined && hours !== undefined && hours > 0 && hours <= 24) perDay = Math.min(perDay, count * Math.ceil(24 / hours));
    }
    return perDay;
}

/** `max 4000 mg per 24 hours` (or per 1 day) as an amount per 24 hours. */
function writtenPerDayCap(order: ast.MedicationOrder): DoseValue | undefined {
    for (const limit of order.limits) {
        const value = numberOf(limit.perDose?.value);
        const period = limitPeriod(limit);
        const hours = period === undefined ? undefined : durationInHours(period);
        if (value === undefined || !limit.perDose?.unit || hours === undefined || hours > 24) continue;
        const cap = quantityOf(value * (24 / hours), limit.perDose.unit);
        if (cap) return cap;
    }
    return undefined;
}

/** The written per-dose caps (`max 800 mg per dose`). */
function writtenPerDoseCaps(order: ast.MedicationOrder): DoseValue[] {
    return order.limits.flatMap((l) => {
        const value = numberOf(l.perDose?.value);
        const cap = value === undefined || l.perDose?.unit === undefined || !isPerDoseCap(l) ? undefined : quantityOf(value, l.perDose.unit);
        return cap ? [cap] : [];
    });
}

// ---------------------------------------------------------------------------------------------
// Reference values
// ---------------------------------------------------------------------------------------------

type ReferenceDose = DrugDoseReference['doses'][number];

/** The reference doses given by one of the order's routes (all of them when the order names no route or none matches). */
function dosesByRoute(reference: DrugDoseReference, routes: string[]): ReferenceDose[] {
    const matching = reference.doses.filter((d) => (d.routes ?? reference.routes).some((r) => routes.includes(ROUTE_OF_SPELLING[r])));
    return routes.length === 0 || matching.length === 0 ? reference.doses : matching;
}

function dosesPerDayOf(dose: ReferenceDose): number {
    const hours = dose.every ? hoursOf(dose.every.value, dose.every.unit) : undefined;
    return hours === undefined ? 1 : Math.max(1, Math.ceil(24 / hours));
}

function limitValue(limit: DoseLimitReference, what: string): ReferenceValue | undefined {
    const amount = limit.unit === undefined ? undefined : quantityOf(limit.value, limit.unit);
    return amount ? { amount, what, source: limit.source, confirmed: limit.confirmed } : undefined;
}

function limitsOf(reference: DrugDoseReference, kinds: Array<DoseLimitReference['kind']>, what: string): ReferenceValue[] {
    return reference.limits.filter((l) => kinds.includes(l.kind)).flatMap((l) => limitValue(l, what) ?? []);
}

/** The highest reference dose per administration of each unit kind, where the reference states no maximum of that kind. */
function highestDoses(doses: ReferenceDose[], perDay: boolean): ReferenceValue[] {
    return doses.flatMap((d) => {
        const amount = quantityOf((d.upper ?? d.value) * (perDay ? dosesPerDayOf(d) : 1), d.unit);
        const what = `the highest ${perDay ? 'daily ' : ''}dose in the reference (${d.context})`;
        return amount ? [{ amount, what, source: d.source, confirmed: d.confirmed }] : [];
    });
}

/** Per-dose or per-day maxima by unit kind: the stated limits, else the highest dose the reference gives. */
function maxima(reference: DrugDoseReference, doses: ReferenceDose[], perDay: boolean): ReferenceValue[] {
    const stated = perDay
        ? limitsOf(reference, ['per-day', 'per-kg-per-day'], 'the maximum per day')
        : limitsOf(reference, ['per-dose', 'per-kg-per-dose'], 'the maximum per dose');
    if (perDay) {
        // A stated per-dose maximum with a stated count per 24 hours bounds the day (tocilizumab 8 mg/kg, 3 doses).
        const count = reference.limits.find((l) => l.kind === 'doses-per-period' && (l.periodHours ?? Infinity) <= 24);
        if (count?.periodHours) {
            for (const perDose of limitsOf(reference, ['per-dose', 'per-kg-per-dose'], '')) {
                const times = count.value * Math.ceil(24 / count.periodHours);
                stated.push({
                    amount: { ...perDose.amount, value: perDose.amount.value * times },
                    what: `the maximum per dose times ${formatNumber(count.value)} doses per ${formatNumber(count.periodHours)} hours`,
                    source: perDose.source, confirmed: perDose.confirmed && count.confirmed
                });
            }
        }
    }
    const kinds = new Set(stated.map((v) => v.amount.kind));
    return [...stated, ...highestDoses(doses, perDay).filter((v) => !kinds.has(v.amount.kind))];
}

/** The most permissive value of each unit kind (a dose is above the reference only when above every value of its kind). */
function mostPermissive(values: ReferenceValue[], amount: DoseValue, asMaximum: boolean): { value: ReferenceValue; converted: number } | undefined {
    let best: { value: ReferenceValue; converted: number } | undefined;
    for (const value of values) {
        const converted = convertTo(amount, value.amount);
        if (converted === undefined) continue;
        const ratio = converted / value.amount.value;
        if (!best || (asMaximum ? ratio < best.converted / best.value.amount.value : ratio > best.converted / best.value.amount.value)) best = { value, converted };
    }
    return best;
}

function cited(value: ReferenceValue): string {
    return `${value.what}, ${shown(value.amount)} (source: ${value.source})${unconfirmedNote(value.confirmed)}`;
}

/** Above a maximum: an error; against an unconfirmed value a warning, except at 10-fold or more. */
function excessSeverity(confirmed: boolean, ratio: number): Severity {
    return confirmed || ratio >= GRAVE_RATIO ? 'error' : 'warning';
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/** Per-dose and per-day amounts (and per kg or m2) at most the reference maxima; one finding per order naming every excess. */
function checkMaxima(order: ast.MedicationOrder, reference: DrugDoseReference, amounts: OrderAmounts, routes: string[], written: string, accept: ValidationAcceptor): void {
    const doses = dosesByRoute(reference, routes);
    const excesses: Array<{ text: string; ratio: number; confirmed: boolean }> = [];
    const component = amounts.component ? ` (${amounts.component} ${shown(amounts.highest)})` : '';
    const perDose = mostPermissive(maxima(reference, doses, false), amounts.highest, true);
    if (perDose && perDose.converted > perDose.value.amount.value) {
        excesses.push({ text: `${shown(amounts.highest)} per dose${component} is above ${cited(perDose.value)}`, ratio: perDose.converted / perDose.value.amount.value, confirmed: perDose.value.confirmed });
    }
    // The amount per 24 hours is the dose times the doses a day, at most a written cap per 24 hours; a written cap
    // that does not bind (or is in another unit kind) is compared with the reference itself.
    const daily = { ...amounts.highest, value: amounts.highest.value * amounts.dosesPerDay };
    const cap = amounts.perDayCap && convertTo(amounts.perDayCap, daily);
    const days = [cap !== undefined && cap < daily.value ? { ...daily, value: cap } : daily];
    if (amounts.perDayCap && (cap === undefined || cap > daily.value)) days.push(amounts.perDayCap);
    const dailyMaxima = maxima(reference, doses, true);
    for (const day of days) {
        const perDay = mostPermissive(dailyMaxima, day, true);
        // Above the maximum per dose, the day is named only where it weighs more: a higher ratio (a 10-fold day of a
        // 5-fold dose) or a confirmed maximum where the dose's is not.
        const ratio = perDay ? perDay.converted / perDay.value.amount.value : 0;
        const heavier = ratio > Math.max(1, ...excesses.map((e) => e.ratio)) || (ratio > 1 && perDay!.value.confirmed && !excesses.some((e) => e.confirmed));
        if (perDay && heavier) {
            const what = day === amounts.perDayCap ? `a maximum of ${shown(day)} per 24 hours` : `${shown(day)} per 24 hours (${formatNumber(amounts.dosesPerDay)} ${amounts.dosesPerDay === 1 ? 'dose' : 'doses'})`;
            excesses.push({ text: `${what} is above ${cited(perDay.value)}`, ratio: perDay.converted / perDay.value.amount.value, confirmed: perDay.value.confirmed });
        }
    }
    for (const cap of writtenPerDoseCaps(order)) {
        const stated = mostPermissive(limitsOf(reference, ['per-dose', 'per-kg-per-dose'], 'the maximum per dose'), cap, true);
        if (stated && stated.converted > stated.value.amount.value) {
            excesses.push({ text: `a maximum of ${shown(cap)} per dose is above ${cited(stated.value)}`, ratio: stated.converted / stated.value.amount.value, confirmed: stated.value.confirmed });
        }
    }
    if (excesses.length === 0) return;
    const ratio = Math.max(...excesses.map((e) => e.ratio));
    const severity = excesses.some((e) => excessSeverity(e.confirmed, e.ratio) === 'error') ? 'error' : 'warning';
    const grave = ratio >= GRAVE_RATIO;
    accept(severity, `${written}: ${excesses.map((e) => e.text).join('; ')}${grave ? ` (${formatNumber(Math.floor(ratio))}-fold)` : ''}.`, {
        node: order, property: 'amount', ...diagnostic(Codes.drugDoseAboveMaximum, grave ? { grave } : {})
    });
}

/** Below the lowest dose the reference gives (same route and unit kind): a warning at most, information against unconfirmed values. */
function checkMinimum(order: ast.MedicationOrder, reference: DrugDoseReference, amounts: OrderAmounts, routes: string[], written: string, accept: ValidationAcceptor): void {
    const lowest = dosesByRoute(reference, routes).flatMap((d) => {
        const amount = quantityOf(d.value, d.unit);
        return amount ? [{ amount, what: `the lowest dose in the reference (${d.context})`, source: d.source, confirmed: d.confirmed }] : [];
    });
    const below = mostPermissive(lowest, amounts.lowest, false);
    if (!below || below.converted >= below.value.amount.value) return;
    const component = amounts.component ? ` (${amounts.component} ${shown(amounts.lowest)})` : '';
    accept(below.value.confirmed ? 'warning' : 'info', `${written}: ${shown(amounts.lowest)} per dose${component} is below ${cited(below.value)}.`, {
        node: order, property: 'amount', ...diagnostic(Codes.drugDoseBelowUsual)
    });
}

/** A weight- or BSA-based dose of a drug whose reference states an absolute per-dose maximum carries that cap. */
function checkCap(order: ast.MedicationOrder, reference: DrugDoseReference, amounts: OrderAmounts, written: string, accept: ValidationAcceptor): void {
    if (amounts.highest.kind === 'flat' || writtenPerDoseCaps(order).length > 0) return;
    const cap = limitsOf(reference, ['per-dose'], 'the maximum per dose').find((v) => v.amount.kind === 'flat');
    if (!cap) return;
    const text = `max ${shown(cap.amount)} per dose`;
    accept(cap.confirmed ? 'error' : 'warning', `${written} has no cap: a ${amounts.highest.kind === 'per-kg' ? 'weight' : 'body-surface-area'}-based dose of ${reference.name} needs '${text}' (${cited(cap)}).`, {
        node: order, property: 'amount', ...diagnostic(Codes.drugDoseMissingCap, { cap: text })
    });
}

/** Doses per period, the interval between doses and the doses in total within the reference limits. */
function checkFrequency(order: ast.MedicationOrder, reference: DrugDoseReference, written: string, accept: ValidationAcceptor): void {
    const report = (message: string, property: 'limits' | 'frequencies', limit: DoseLimitReference, ratio: number) => {
        const grave = ratio >= GRAVE_RATIO;
        accept(excessSeverity(limit.confirmed, ratio), `${written}: ${message} (source: ${limit.source})${unconfirmedNote(limit.confirmed)}.`, {
            node: order, property, ...diagnostic(Codes.drugDoseTooFrequent, grave ? { grave } : {})
        });
    };
    const every = order.frequencies[0]?.every;
    const interval = hoursOf(numberOf(every?.value), every?.unit);
    const counted = order.limits.filter((l) => l.count !== undefined && l.countPeriod !== undefined);
    for (const limit of reference.limits) {
        if (limit.kind === 'doses-per-period' && limit.periodHours !== undefined) {
            const period = limit.periodHours;
            for (const l of counted) {
                const count = numberOf(l.count);
                const hours = hoursOf(numberOf(l.countPeriod?.value), l.countPeriod?.unit);
                if (count !== undefined && hours !== undefined && hours <= period && count > limit.value) {
                    report(`at most ${formatNumber(limit.value)} doses per ${formatNumber(period)} hours, not ${formatNumber(count)} per ${l.countPeriod?.value} ${l.countPeriod?.unit}`, 'limits', limit, count / limit.value);
                }
            }
            if (interval !== undefined && interval > 0 && counted.length === 0 && period / interval > limit.value) {
                report(`every ${every?.value} ${every?.unit} gives more than ${formatNumber(limit.value)} doses per ${formatNumber(period)} hours`, 'frequencies', limit, period / interval / limit.value);
            }
        }
        if (limit.kind === 'min-interval' && limit.unit !== undefined && interval !== undefined && interval > 0) {
            const minimum = hoursOf(limit.value, limit.unit);
            if (minimum !== undefined && interval < minimum) {
                report(`every ${every?.value} ${every?.unit} is more often than the minimum interval of ${formatNumber(limit.value)} ${limit.unit}`, 'frequencies', limit, minimum / interval);
            }
        }
        if (limit.kind === 'doses-total') {
            for (const l of order.limits) {
                const count = numberOf(l.count);
                if (l.total && count !== undefined && count > limit.value) {
                    report(`at most ${formatNumber(limit.value)} doses in total, not ${formatNumber(count)}`, 'limits', limit, count / limit.value);
                }
            }
        }
    }
}
