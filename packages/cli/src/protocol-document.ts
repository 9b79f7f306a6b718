// Renders an order set as a printable protocol document for sign-off (HTML with an SVG timeline, or Markdown).
import { type Escalation, type MaintenancePhase, type OrderSet, type SupportiveCareOrder } from '@titra/language';
import {
    AFTER_DOSE_TEXT, beforeDoseMomentText, beforeDoseText, conditionText, cycleDaysText, cycleRangeText, doseText, durationText, escalationTriggerText, escapeHtml, holdOutcomeText,
    intervalText, markdownTableRow, markdownText, monitoringText, numberListText, numberRangeText, orderText, phaseProgressText, preTreatmentTimingText,
    restartActionText, restartGapText, toxicityText, windowText, dailyDoseText, infusionCyclesText, infusionScheduleText, interruptionActionText,
    interruptionGapText, infusionRuleText, doseTimeline
} from '@titra/language/text';
import { deviationLocationText, DEVIATIONS_INTRO, DEVIATIONS_TITLE, suppressionText } from '@titra/language/text';

/** A table: a header row and body rows of plain (unescaped) text. */
interface Table {
    head: string[];
    rows: string[][];
}

/** A section of the document: a heading, then paragraphs, tables and lists, in this order. */
interface Section {
    title: string;
    paragraphs?: string[];
    tables?: Array<{ caption?: string; table: Table }>;
    list?: string[];
    /** HTML only: the SVG timeline follows the heading (the step-up table carries the same facts in Markdown). */
    timeline?: boolean;
}

const APPROVERS = ['Clinical pharmacist', 'Hematologist / oncologist', 'Chair, Pharmacy and Therapeutics Committee'];

function supportiveText(item: SupportiveCareOrder, name: (id: string) => string): string {
    return [
        orderText(item.order),
        item.throughout ? 'throughout treatment' : '',
        item.start ? `start when ${conditionText(item.start)}` : '',
        item.stop ? `stop when ${conditionText(item.stop)}` : '',
        item.continueAfterLastDose ? `continue ${durationText(item.continueAfterLastDose)} after the last dose` : '',
        item.before ? `before ${name(item.before)}` : ''
    ].filter(Boolean).join('; ');
}

function escalationText(escalation: Escalation | undefined): string {
    const parts: string[] = [];
    for (let step = escalation; step; step = step.escalation) {
        parts.push(`${escalationTriggerText(step)}: ${step.orders.map((o) => orderText(o)).join('; ')}`);
    }
    return parts.join(' ');
}

/** The document's content, independent of the output format. */
function sectionsOf(orderSet: OrderSet): Section[] {
    const names = new Map<string, string>();
    for (const dose of [...orderSet.stepUp, ...orderSet.maintenance]) names.set(dose.id, dose.name);
    const name = (id: string) => names.get(id) ?? id;
    const premedication = new Map(orderSet.premedication.map((s) => [s.id, s.title ?? s.name]));
    const sections: Section[] = [];
    // First, so that no reviewer signs without seeing what the protocol does against its own checks.
    if (orderSet.deviations && orderSet.deviations.length > 0) {
        sections.push({ title: DEVIATIONS_TITLE, paragraphs: [DEVIATIONS_INTRO], tables: [{ table: {
            head: ['Code', 'Finding', 'Reason', 'Where'],
            rows: orderSet.deviations.map((d) => [d.code, d.message, d.reason, `${deviationLocationText(d)}, ${suppressionText(d)}`])
        } }] });
    }
    if (orderSet.stepUp.length > 0) {
        sections.push({
            title: 'Step-up schedule',
            tables: [{ table: {
                head: ['Dose', 'Day', 'Amount', 'Route', 'Window', 'Premedication', 'Monitoring'],
                rows: orderSet.stepUp.map((d) => [
                    d.name, String(d.day), doseText(d.dose), d.route, d.window ? windowText(d.window, name) : '',
                    d.premedication ? premedication.get(d.premedication) ?? d.premedication : '', d.monitoring ? monitoringText(d.monitoring) : ''
                ])
            } }],
            timeline: true
        });
    }
    if (orderSet.maintenance.length > 0) {
        sections.push({ title: 'Maintenance', tables: [{ table: {
            head: ['Phase', 'Amount', 'Every', 'After', 'Condition', 'Monitoring'],
            rows: orderSet.maintenance.map((p: MaintenancePhase) => [
                p.name, doseText(p.dose), durationText(p.interval), p.after ? name(p.after) : '',
                [p.when ? `when ${conditionText(p.when)}` : '', p.fromWeek !== undefined ? `from week ${p.fromWeek}` : '',
                    p.throughWeek !== undefined ? `through week ${p.throughWeek}` : '', p.doseCount !== undefined ? `for ${p.doseCount} doses` : '',
                    ...(p.progress ?? []).map((progress) => phaseProgressText(progress, name))].filter(Boolean).join('; '),
                p.monitoring ? monitoringText(p.monitoring) : ''
            ])
        } }] });
    }
    if (orderSet.cycles) {
        const cycles = orderSet.cycles;
        sections.push({
            title: 'Cycles',
            paragraphs: [`Cycles of ${durationText(cycles.length)}${cycles.maxCycles ? `, at most ${cycles.maxCycles}` : ''}; cycle 1 holds the step-up doses.`],
            tables: [{ table: {
                head: ['Cycles', 'Amount', 'Days', 'Route', 'Condition'],
                rows: cycles.rules.map((r) => [
                    cycleRangeText(r), doseText(r.dose), numberListText(r.days), r.route, r.when ? `when ${conditionText(r.when)}` : ''
                ])
            } }]
        });
    }
    if (orderSet.continuousInfusion) {
        const infusion = orderSet.continuousInfusion;
        const premedicationName = (id: string) => premedication.get(id) ?? id;
        sections.push({
            title: 'Continuous infusion',
            paragraphs: [`Continuous ${infusion.route} infusion, ${infusionScheduleText(infusion)}.`],
            tables: [{ table: {
                head: ['Cycles', 'Daily dose', 'Days', 'Premedication'],
                rows: infusion.rules.flatMap((r) => r.segments.map((segment) => [
                    infusionCyclesText(r), dailyDoseText(segment.dose), `${segment.firstDay} to ${segment.lastDay}`,
                    segment.premedication ? premedicationName(segment.premedication) : ''
                ]))
            } }, { caption: 'Interruptions', table: {
                head: ['Interruption', 'Then'],
                rows: infusion.interruptions.map((rule) => [interruptionGapText(rule), interruptionActionText(rule, premedicationName)])
            } }]
        });
    }
    if (orderSet.premedication.length > 0) {
        sections.push({ title: 'Premedication', tables: orderSet.premedication.map((set) => ({
            caption: set.title ?? set.name,
            table: {
                head: ['Order', 'Timing'],
                rows: [...set.orders.map(({ order, timing }) => [orderText(order), beforeDoseText(timing)]),
                    ...(set.afterDose ?? []).map((order) => [orderText(order), AFTER_DOSE_TEXT])]
            }
        })) });
    }
    if (orderSet.preTreatment.length > 0) {
        sections.push({ title: 'Pre-treatment', list: orderSet.preTreatment.map((p) =>
            `${p.title ?? p.id}: ${p.orders.map((o) => supportiveText(o, name)).join('; ')}; ${preTreatmentTimingText(p, name)}`) });
    }
    if (orderSet.holds.length > 0) {
        sections.push({ title: 'Holds', tables: [{ table: {
            head: ['When', 'Then', 'Also give'],
            rows: orderSet.holds.map((h) => [
                conditionText(h.trigger),
                h.discontinue ? holdOutcomeText(h, name) : `hold; ${holdOutcomeText(h, name)}`,
                h.orders.map((o) => orderText(o)).join('; ')
            ])
        } }] });
    }
    if (orderSet.restartAfterDelay.length > 0) {
        sections.push({ title: 'Restart after a delay', tables: [{ table: {
            head: ['Last dose', 'Days since', 'Action'],
            rows: orderSet.restartAfterDelay.map((r) => [
                name(r.lastDose), restartGapText(r), restartActionText(r, name)
            ])
        } }] });
    }
    for (const panel of orderSet.panels) {
        const ice = panel.grades.some((g) => g.ice);
        sections.push({
            title: `${toxicityText(panel.kind === 'toxicity' ? panel.name : panel.kind)} management${panel.title ? `: ${panel.title}` : ''}`,
            paragraphs: [`Grading: ${panel.grading}.`],
            tables: [{ table: {
                head: ['Grade', ...(ice ? ['ICE score'] : []), 'Orders', 'Escalation'],
                rows: panel.grades.map((g) => [
                    String(g.grade),
                    ...(ice ? [g.ice ? numberRangeText(g.ice.min, g.ice.max) : ''] : []),
                    g.orders.map((o) => orderText(o)).join('; '),
                    escalationText(g.escalation)
                ])
            } }]
        });
    }
    if (orderSet.supportiveCare.length > 0) {
        sections.push({ title: 'Supportive care', list: orderSet.supportiveCare.map((s) => supportiveText(s, name)) });
    }
    if (orderSet.beforeDose) {
        sections.push({ title: 'Before dosing', list: orderSet.beforeDose.map((b) => `${beforeDoseMomentText(b.moment)}: ${orderText(b.order)}`) });
    }
    if (orderSet.variants.length > 0) {
        sections.push({ title: 'Variants', list: orderSet.variants.map((v) => {
            const parts = [
                v.stepUp ? `step-up ${v.stepUp.map((d) => `${d.name} ${doseText(d.dose)} day ${d.day}${d.monitoring ? ` (${monitoringText(d.monitoring)})` : ''}`).join(', ')}` : '',
                v.maintenance ? `maintenance ${v.maintenance.map((p) => `${p.name} ${doseText(p.dose)} ${intervalText(p.interval)}`).join(', ')}` : '',
                v.supportiveCare ? `also ${v.supportiveCare.map((s) => supportiveText(s, name)).join('; ')}` : '',
                v.preTreatment ? `pre-treatment ${v.preTreatment.map((p) => p.title ?? p.id).join(', ')}` : '',
                v.cycles ? `cycles of ${durationText(v.cycles.length)}${v.cycles.maxCycles ? `, at most ${v.cycles.maxCycles}` : ''}: ${v.cycles.rules.map((r) =>
                    `cycles ${cycleRangeText(r)} ${doseText(r.dose)} on ${cycleDaysText(r.days)}${r.when ? ` when ${conditionText(r.when)}` : ''}`).join(', ')}` : '',
                v.restartAfterDelay ? `restart after a delay: ${v.restartAfterDelay.map((r) => `last ${name(r.lastDose)} ${restartGapText(r)}: ${restartActionText(r, name)}`).join('; ')}` : '',
                v.holds ? `holds: ${v.holds.map((h) => `when ${conditionText(h.trigger)}, ${holdOutcomeText(h, name)}`).join('; ')}` : '',
                v.panels ? `panels: ${v.panels.map((p) => `${toxicityText(p.kind === 'toxicity' ? p.name : p.kind)} (${p.grading})`).join(', ')}` : '',
                v.continuousInfusion ? `continuous infusion ${v.continuousInfusion.rules.map(infusionRuleText).join('; ')}` : '',
                v.beforeDose ? `also ${v.beforeDose.map((b) => `${beforeDoseMomentText(b.moment)}: ${orderText(b.order)}`).join('; ')}` : ''
            ].filter(Boolean);
            return `${v.id.replace(/^variant\./, '')}, when ${conditionText(v.when)}: ${parts.join('; ')}`;
        }) });
    }
    sections.push({ title: 'References', list: orderSet.protocol.references });
    return sections;
}

function headerFacts(orderSet: OrderSet): Array<[string, string]> {
    const p = orderSet.protocol;
    return ([
        ['Protocol', p.id],
        ['Version', p.version],
        ['Status', p.status + (p.replacedBy ? ` (replaced by ${p.replacedBy})` : '')],
        ['Effective', p.effective ?? ''],
        ['Review by', p.reviewBy ?? ''],
        ['Owner', p.owner ?? ''],
        ['Population', p.population ?? ''],
        ['Agent', `${orderSet.agent.name}, ${orderSet.agent.route}, ${orderSet.agent.doseBasis === 'flat' ? 'flat dose' : `dosed by ${orderSet.agent.doseBasis}`}`],
        ['Required inputs', orderSet.requiredInputs.map((i) => i.name).join(', ')]
    ] as Array<[string, string]>).filter(([, value]) => value !== '');
}

function provenanceText(orderSet: OrderSet): string {
    const p = orderSet.provenance;
    return `Compiled by titra ${p.compiler.version} from ${p.source} (sha256 ${p.sha256.slice(0, 12)}...). Check every dose against the patient before ordering.`;
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

function htmlTable(table: Table, caption?: string): string {
    const row = (cells: string[], tag: 'th' | 'td') => `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
    return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead>${row(table.head, 'th')}</thead><tbody>${table.rows.map((r) => row(r, 'td')).join('')}</tbody></table>`;
}

/** Treatment days labelled on the timeline's axis: day 1, the dose days, then the first day of each week, none closer than `minGap` pixels. */
function axisDays(doseDays: number[], lastDay: number, x: (day: number) => number, minGap: number): number[] {
    const weekStarts = Array.from({ length: Math.floor((Math.ceil(lastDay) - 1) / 7) }, (_, i) => 8 + 7 * i);
    const placed: number[] = [];
    for (const day of [1, ...doseDays, ...weekStarts]) {
        if (placed.every((other) => Math.abs(x(other) - x(day)) >= minGap)) placed.push(day);
    }
    return placed.sort((a, b) => a - b);
}

/**
 * An SVG timeline of the step-up doses and the first maintenance doses (text/timeline.ts): doses, premedication and
 * monitoring; the axis labels the treatment days it has room for, each with its tick, and nothing unexplained.
 */
export function timelineSvg(orderSet: OrderSet): string {
    const marks = doseTimeline(orderSet);
    const lastDay = Math.max(...marks.map((m) => m.day + m.monitorDays), 1);
    const width = 900;
    const left = 40;
    const scale = (width - 2 * left) / Math.max(lastDay, 1);
    const x = (day: number) => left + (day - 1) * scale;
    const parts: string[] = [];
    for (const day of axisDays(marks.map((m) => m.day), lastDay, x, 48)) {
        parts.push(`<line x1="${x(day)}" y1="150" x2="${x(day)}" y2="156" stroke="#888"/>`);
        parts.push(`<text x="${x(day)}" y="172" font-size="11" text-anchor="middle">${day}</text>`);
    }
    for (const [i, mark] of marks.entries()) {
        const cx = x(mark.day);
        const y = i % 2 === 0 ? 60 : 30;
        if (mark.monitorDays > 0) {
            parts.push(`<rect class="monitoring" x="${cx}" y="128" width="${Math.max(mark.monitorDays * scale, 2)}" height="12" fill="#f4c542" opacity="0.8"><title>${escapeHtml(`${mark.label}: inpatient monitoring`)}</title></rect>`);
        }
        if (mark.premedicated) {
            parts.push(`<path class="premedication" d="M ${cx - 16} 108 L ${cx - 10} 114 L ${cx - 16} 120 Z" fill="#3a7bd5"><title>${escapeHtml(`${mark.label}: premedication before the dose`)}</title></path>`);
        }
        parts.push(`<line x1="${cx}" y1="${y + 14}" x2="${cx}" y2="150" stroke="#b22" stroke-dasharray="2 2"/>`);
        parts.push(`<circle class="dose" cx="${cx}" cy="114" r="6" fill="#b22"><title>${escapeHtml(`${mark.label} day ${mark.day}: ${mark.amount}`)}</title></circle>`);
        parts.push(`<text x="${cx}" y="${y}" font-size="12" text-anchor="middle" font-weight="bold">${escapeHtml(mark.label)}</text>`);
        parts.push(`<text x="${cx}" y="${y + 12}" font-size="11" text-anchor="middle">${escapeHtml(mark.amount)}</text>`);
    }
    const legend = [
        '<circle cx="50" cy="200" r="6" fill="#b22"/><text x="62" y="204" font-size="11">dose</text>',
        '<path d="M 113 194 L 119 200 L 113 206 Z" fill="#3a7bd5"/><text x="126" y="204" font-size="11">premedication</text>',
        '<rect x="220" y="194" width="20" height="12" fill="#f4c542"/><text x="246" y="204" font-size="11">inpatient monitoring</text>',
        `<text x="${width - left}" y="204" font-size="11" text-anchor="end">axis: treatment day (day 1 is the first dose)</text>`
    ];
    return `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 215" width="100%" role="img" aria-label="Timeline of doses, premedication and monitoring">`
        + `<line x1="${left}" y1="150" x2="${width - left}" y2="150" stroke="#333"/>${parts.join('')}${legend.join('')}</svg>`;
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #999;margin-top:1.6rem;page-break-after:avoid}
table{border-collapse:collapse;width:100%;margin:.5rem 0;page-break-inside:avoid}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#eee}caption{text-align:left;font-weight:bold;padding:.3rem 0}.facts th{width:12rem}.approval{table-layout:fixed}.approval td{height:2.2rem}
.approval th:nth-child(1){width:28%}.approval th:nth-child(2){width:26%}.approval th:nth-child(3){width:30%}.approval th:nth-child(4){width:16%}
.warning{border:2px solid #b22;padding:.5rem;margin:1rem 0}.provenance{color:#555;font-size:.8rem;margin-top:2rem}
@media print{body{margin:0;max-width:none}a{color:inherit}}`;

export function renderHtml(orderSet: OrderSet): string {
    const p = orderSet.protocol;
    const body: string[] = [];
    body.push(`<h1>${escapeHtml(p.title)}</h1>`);
    body.push(htmlTable({ head: ['', ''], rows: headerFacts(orderSet) }).replace('<table>', '<table class="facts">').replace(/<thead>.*?<\/thead>/, ''));
    if (p.status !== 'active') body.push(`<p class="warning">Status: ${escapeHtml(p.status)}. This version is not approved for use.</p>`);
    body.push('<h2>Approval</h2>');
    body.push(htmlTable({ head: ['Role', 'Name', 'Signature', 'Date'], rows: APPROVERS.map((role) => [role, '', '', '']) }).replace('<table>', '<table class="approval">'));
    for (const section of sectionsOf(orderSet)) {
        body.push(`<h2>${escapeHtml(section.title)}</h2>`);
        for (const paragraph of section.paragraphs ?? []) body.push(`<p>${escapeHtml(paragraph)}</p>`);
        if (section.timeline) body.push(timelineSvg(orderSet));
        for (const { caption, table } of section.tables ?? []) body.push(htmlTable(table, caption));
        if (section.list) body.push(`<ul>${section.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`);
    }
    body.push(`<p class="provenance">${escapeHtml(provenanceText(orderSet))}</p>`);
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(`${p.title} ${p.version}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

function mdTable(table: Table): string[] {
    return [
        markdownTableRow(table.head),
        `| ${table.head.map(() => '---').join(' | ')} |`,
        ...table.rows.map(markdownTableRow)
    ];
}

export function renderMarkdown(orderSet: OrderSet): string {
    const p = orderSet.protocol;
    const lines: string[] = [`# ${markdownText(p.title)}`, '', ...mdTable({ head: ['', ''], rows: headerFacts(orderSet) })];
    if (p.status !== 'active') lines.push('', `> **Status: ${markdownText(p.status)}.** This version is not approved for use.`);
    lines.push('', '## Approval', '', ...mdTable({ head: ['Role', 'Name', 'Signature', 'Date'], rows: APPROVERS.map((role) => [role, '', '', '']) }));
    for (const section of sectionsOf(orderSet)) {
        lines.push('', `## ${markdownText(section.title)}`);
        for (const paragraph of section.paragraphs ?? []) lines.push('', markdownText(paragraph));
        for (const { caption, table } of section.tables ?? []) lines.push('', ...(caption ? [`**${markdownText(caption)}**`, ''] : []), ...mdTable(table));
        if (section.list) lines.push('', ...section.list.map((item) => `- ${markdownText(item)}`));
    }
    lines.push('', `*${markdownText(provenanceText(orderSet))}*`, '');
    return lines.join('\n');
}
