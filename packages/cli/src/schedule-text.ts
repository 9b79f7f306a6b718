// Renders a patient schedule as a readable calendar for a terminal.
import type { Administration, ComputedAmount, Duration, PatientInputs, ResolvedOrder, Schedule } from '@titra/language';
import { AFTER_DOSE_TEXT, dailyAmountText, escalationTriggerText, hoursText, maxDosesText, monitoringText, quantityText, toxicityText, verifyBeforeGivingText } from '@titra/language/text';

/** A number of hours from the schedule as a duration, so it reads like every other duration. */
function hours(value: number): Duration {
    return { value, unit: 'h' };
}

/** A computed amount as pharmacists write it (mcg, not the UCUM code ug). */
function amount(a: ComputedAmount): string {
    return quantityText(a.value, a.unit);
}

function order(o: ResolvedOrder): string {
    const dose = o.amount && o.amount.calculation !== `${o.amount.value} ${o.amount.unit}` ? ` [${o.amount.calculation}]` : '';
    const limits = (o.maxDoses ?? []).map((m) => maxDosesText({ count: m.count, ...(m.periodHours ? { period: hours(m.periodHours) } : {}) })).join(', ');
    return `${o.text}${dose}${limits ? ` (${limits})` : ''}`;
}

/** A premedication line under a dose or an infusion period, with the amount when it was computed for the patient. */
function premedicationLine(p: Administration['premedication'][number]): string {
    const computed = p.amount.calculation.includes(' x ') ? ` = ${amount(p.amount)}` : '';
    return `      premedication ${p.timing}: ${p.text}${computed}`;
}

export function renderScheduleText(schedule: Schedule, patient: PatientInputs): string {
    const lines: string[] = [];
    for (const notice of schedule.notices ?? []) lines.push(`NOTICE: ${notice.message}`);
    if (schedule.notices) lines.push('');
    const who = [
        patient.weight !== undefined ? `weight ${patient.weight} kg` : undefined,
        patient.height !== undefined ? `height ${patient.height} cm` : undefined,
        patient.age !== undefined ? `age ${patient.age} years` : undefined,
        patient.sex !== undefined ? `sex ${patient.sex}` : undefined,
        patient.flags.length > 0 ? `flags ${patient.flags.join(', ')}` : undefined
    ].filter(Boolean).join(', ');
    lines.push(`${schedule.protocol.title} (${schedule.protocol.id} ${schedule.protocol.version})`);
    lines.push(`Patient: ${who || 'no inputs'}; cycle 1 day 1 ${schedule.start}, shown to ${schedule.until}`);
    lines.push('Doses are computed for this patient; check each against the protocol before ordering.');
    for (const p of schedule.preTreatment) {
        lines.push('', `Pre-treatment ${p.id}: ${p.text}; ${p.notBefore === p.completeBy ? `on ${p.notBefore}` : `between ${p.notBefore} and ${p.completeBy}`}`);
    }
    lines.push('', 'Doses');
    for (const a of schedule.administrations) {
        const cycle = a.cycle ? ` C${a.cycle.number}D${a.cycle.day}` : '';
        lines.push(`  ${a.date}  ${a.dose}${cycle}  ${amount(a.amount)} ${a.route}  (${a.amount.calculation})${a.infusionHours ? `, infuse over ${hoursText(a.infusionHours)}` : ''}`);
        if (a.verify) lines.push(`      ${verifyBeforeGivingText(a.verify)}`);
        for (const p of a.premedication) lines.push(premedicationLine(p));
        for (const o of a.beforeDose ?? []) lines.push(`      before the dose: ${order(o)}`);
        for (const o of a.afterDose ?? []) lines.push(`      ${AFTER_DOSE_TEXT}: ${o.text}${o.amount.calculation.includes(' x ') ? ` = ${amount(o.amount)}` : ''}`);
        if (a.monitoring?.setting === 'inpatient') {
            const watch = a.monitoring.watch ? { watch: a.monitoring.watch } : {};
            lines.push(`      monitoring ${monitoringText({ setting: 'inpatient', duration: hours(a.monitoring.hours), ...watch })}, until ${a.monitoring.until}`);
        } else if (a.monitoring) lines.push(`      monitoring ${monitoringText(a.monitoring)}`);
    }
    if (schedule.infusions && schedule.infusions.length > 0) {
        lines.push('', 'Continuous infusion');
        for (const i of schedule.infusions) {
            const bags = i.bagHours ? `, bags every ${hoursText(i.bagHours)}` : '';
            lines.push(`  ${i.from} to ${i.to}  C${i.cycle.number}D${i.cycle.firstDay}-${i.cycle.lastDay}  ${dailyAmountText(i.dailyAmount)} ${i.route} `
                + `(${i.dailyAmount.calculation}), ${i.days} days = ${quantityText(i.totalAmount.value, i.totalAmount.unit)}${bags}`);
            for (const p of i.premedication) lines.push(premedicationLine(p));
        }
    }
    if (schedule.holds.length > 0) {
        lines.push('', 'Holds');
        for (const h of schedule.holds) {
            lines.push(`  ${h.from}  ${h.discontinued ? 'DISCONTINUED' : `held until ${h.to ?? 'after the horizon'}`}  ${h.rule}`);
            for (const o of h.orders) lines.push(`      ${order(o)}`);
        }
    }
    if (schedule.decisions.length > 0) {
        lines.push('', 'Decisions');
        for (const d of schedule.decisions) lines.push(`  ${d.date}  ${d.kind}: ${d.message}`);
    }
    if (schedule.panelOrders.length > 0) {
        lines.push('', 'Toxicity orders');
        for (const p of schedule.panelOrders) {
            lines.push(`  ${p.date}  ${toxicityText(p.toxicity)} grade ${p.grade} (${p.panel})`);
            for (const o of p.orders) lines.push(`      ${order(o)}`);
            for (const e of p.escalations) {
                lines.push(`      ${escalationTriggerText({ refractory: e.refractory, ...(e.afterHours ? { after: hours(e.afterHours) } : {}) })}:`);
                for (const o of e.orders) lines.push(`        ${order(o)}`);
            }
        }
    }
    if (schedule.supportiveCare.length > 0) {
        lines.push('', 'Supportive care');
        for (const s of schedule.supportiveCare) lines.push(`  ${s.from}${s.to ? ` to ${s.to}` : ' onward'}  ${s.text}`);
    }
    return lines.join('\n');
}
