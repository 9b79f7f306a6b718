// HTML of the schedule preview webview: a dose timeline with a strict Content-Security-Policy; all protocol text escaped (pure).
import type { Administration, ComputedAmount, Schedule } from '@titra/language/orderset';
import { AFTER_DOSE_TEXT, escapeHtml, hoursText, monitoringText, quantityText, verifyBeforeGivingText } from '@titra/language/text';

/** No scripts, no network, no frames: only the page's own nonce'd stylesheet. */
export function contentSecurityPolicy(nonce: string): string {
    return `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; script-src 'none'; form-action 'none'; frame-src 'none'`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1em 2em; }
h1 { font-size: 1.3em; margin-bottom: 0.2em; }
.meta { color: var(--vscode-descriptionForeground); margin-top: 0; }
.note { border-left: 3px solid var(--vscode-editorWarning-foreground, #c90); padding: 0.3em 0.8em; }
.verify { font-weight: 600; color: var(--vscode-editorWarning-foreground, #c90); }
.error { border-left: 3px solid var(--vscode-editorError-foreground, #c33); padding: 0.3em 0.8em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; }
th, td { text-align: left; vertical-align: top; padding: 0.35em 0.6em; }
thead th, tr.details td { border-bottom: 1px solid var(--vscode-panel-border, #8884); }
tr.details td { padding-top: 0; font-size: 0.92em; }
.label { font-weight: 600; margin-right: 0.4em; }
th { font-weight: 600; }
.amount { font-weight: 600; white-space: nowrap; }
.calc, .small { color: var(--vscode-descriptionForeground); font-size: 0.92em; }
tbody.focus { background: var(--vscode-editor-findMatchHighlightBackground, #fd04); }
.focus-note { border-left: 3px solid var(--vscode-focusBorder, #07c); padding: 0.3em 0.8em; }
ul { display: inline; margin: 0; padding: 0; }
ul li { display: inline; }
ul li + li::before { content: "; "; }
`;

function page(nonce: string, title: string, body: string): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style nonce="${escapeHtml(nonce)}">${STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
}

function amountText(amount: ComputedAmount): string {
    return `${quantityText(amount.value, amount.unit)}${amount.capped ? ' (capped)' : ''}`;
}

function doseLabel(a: Administration): string {
    const cycle = a.cycle ? ` (cycle ${a.cycle.number}, day ${a.cycle.day})` : '';
    return `${a.name}${cycle}`;
}

function premedicationCell(a: Administration): string {
    if (a.premedication.length === 0) return '<span class="small">none</span>';
    // The computed amount is shown when the order text does not already say it (weight-based or capped premedication).
    const items = a.premedication.map((p) => {
        const amount = amountText(p.amount);
        const computed = p.text.includes(amount) ? '' : `: <span class="amount">${escapeHtml(amount)}</span> <span class="calc">(${escapeHtml(p.amount.calculation)})</span>`;
        return `<li>${escapeHtml(p.text)}${computed} <span class="small">${escapeHtml(p.timing)}</span></li>`;
    });
    return `<ul>${items.join('')}</ul>`;
}

function monitoringCell(a: Administration): string {
    const m = a.monitoring;
    if (!m) return '<span class="small">none stated</span>';
    if (m.setting === 'inpatient') return escapeHtml(`${monitoringText({ setting: 'inpatient', duration: { value: m.hours, unit: 'h' }, ...(m.watch ? { watch: m.watch } : {}) })} (until ${m.until})`);
    return escapeHtml(monitoringText(m));
}

/** Two rows per administration: the dose itself, then its premedication and monitoring (readable in a narrow panel); the focused dose highlighted. */
function administrationRows(a: Administration, focus: string | undefined): string {
    const infusion = a.infusionHours !== undefined ? `<div class="small">${escapeHtml(`infusion over ${hoursText(a.infusionHours)}`)}</div>` : '';
    return `<tbody class="administration${a.name === focus ? ' focus' : ''}"><tr><td>${escapeHtml(a.date)}</td>`
        + `<td>${escapeHtml(doseLabel(a))}<div class="small">${escapeHtml(a.phase)}</div></td>`
        + `<td><span class="amount">${escapeHtml(amountText(a.amount))}</span> ${escapeHtml(a.route)}${infusion}</td>`
        + `<td class="calc">${escapeHtml(a.amount.calculation)}</td></tr>`
        + `<tr class="details"><td></td><td colspan="3">${a.verify ? `<div class="verify">${escapeHtml(verifyBeforeGivingText(a.verify))}</div>` : ''}<div><span class="label">Premedication</span> ${premedicationCell(a)}</div>`
        + (a.afterDose ? `<div><span class="label">${escapeHtml(AFTER_DOSE_TEXT)}</span> <ul>${a.afterDose.map((o) => `<li>${escapeHtml(o.text)}</li>`).join('')}</ul></div>` : '')
        + `<div><span class="label">Monitoring</span> ${monitoringCell(a)}</div></td></tr></tbody>`;
}

export interface SchedulePreviewInput {
    schedule: Schedule;
    weight: number;
    /** Height in cm, when the preview was asked with one (doses per m2). */
    height?: number;
    /** The risk flags chosen for the example patient. */
    flags?: string[];
    /** Where the events came from (a file name), when the preview runs with a timeline of events. */
    events?: string;
    /** The dose the preview was opened at (code lens): it is summarized first and highlighted. */
    focus?: string;
    fileName: string;
    nonce: string;
}

/** The example patient and the inputs in words: "70 kg, 170 cm, flags high-tumor-burden, events from events.json". */
function inputsText({ weight, height, flags, events }: SchedulePreviewInput): string {
    return [`${weight} kg`, height !== undefined ? `${height} cm` : '', flags && flags.length > 0 ? `flags ${flags.join(', ')}` : '', events ? `events from ${events}` : '']
        .filter(Boolean).join(', ');
}

/** The first administration of the focused dose in one line, or why there is none. */
function focusNote(schedule: Schedule, focus: string): string {
    const first = schedule.administrations.find((a) => a.name === focus);
    const text = first ? `${focus}: ${first.date}, ${amountText(first.amount)} ${first.route} (${first.amount.calculation})` : `${focus} is not given in this period.`;
    return `<p class="focus-note">${escapeHtml(text)}</p>`;
}

/** The preview page of a computed schedule. */
export function renderSchedulePreview(input: SchedulePreviewInput): string {
    const { schedule, fileName, nonce, focus } = input;
    const p = schedule.protocol;
    const parts: string[] = [
        ...(schedule.notices ?? []).map((n) => `<p class="error">${escapeHtml(n.message)}</p>`),
        `<h1>${escapeHtml(p.title)}</h1>`,
        `<p class="meta">${escapeHtml(`${p.id} version ${p.version} (${fileName}) - example patient ${inputsText(input)}, cycle 1 day 1 ${schedule.start}, shown until ${schedule.until}`)}</p>`,
        '<p class="note">An example schedule for checking the protocol, not an order for a patient.</p>',
        ...(focus ? [focusNote(schedule, focus)] : [])
    ];
    if (schedule.preTreatment.length > 0) {
        parts.push('<h2>Before treatment</h2><table><tr><th>Order</th><th>Not before</th><th>Complete by</th></tr>'
            + schedule.preTreatment.map((t) => `<tr><td>${escapeHtml(t.text)}</td><td>${escapeHtml(t.notBefore)}</td><td>${escapeHtml(t.completeBy)}</td></tr>`).join('')
            + '</table>');
    }
    parts.push(`<h2>Dose timeline (${schedule.administrations.length} administrations)</h2>`);
    if (schedule.administrations.length === 0) {
        parts.push('<p>No administrations in this period.</p>');
    } else {
        parts.push('<table><thead><tr><th>Date</th><th>Dose</th><th>Amount</th><th>Calculation</th></tr></thead>'
            + schedule.administrations.map((a) => administrationRows(a, focus)).join('') + '</table>');
    }
    if (schedule.infusions && schedule.infusions.length > 0) {
        parts.push(`<h2>Continuous infusion (${schedule.infusions.length} periods)</h2><table><thead><tr><th>From</th><th>To</th><th>Cycle, days</th><th>Daily amount</th><th>Calculation</th></tr></thead>`
            + schedule.infusions.map((i) => `<tr><td>${escapeHtml(i.from)}</td><td>${escapeHtml(i.to)}</td>`
                + `<td>${escapeHtml(`cycle ${i.cycle.number}, days ${i.cycle.firstDay} to ${i.cycle.lastDay}`)}</td>`
                + `<td><span class="amount">${escapeHtml(amountText(i.dailyAmount))}</span> ${escapeHtml(i.route)}</td><td class="calc">${escapeHtml(i.dailyAmount.calculation)}</td></tr>`).join('')
            + '</table>');
    }
    if (schedule.decisions.length > 0) {
        parts.push('<h2>Decisions</h2><table><tr><th>Date</th><th>Kind</th><th>Message</th></tr>'
            + schedule.decisions.map((d) => `<tr><td>${escapeHtml(d.date)}</td><td>${escapeHtml(d.kind)}</td><td>${escapeHtml(d.message)}</td></tr>`).join('')
            + '</table>');
    }
    if (schedule.supportiveCare.length > 0) {
        parts.push('<h2>Supportive care</h2><table><tr><th>Order</th><th>From</th><th>To</th></tr>'
            + schedule.supportiveCare.map((s) => `<tr><td>${escapeHtml(s.text)}</td><td>${escapeHtml(s.from)}</td><td>${escapeHtml(s.to ?? 'ongoing')}</td></tr>`).join('')
            + '</table>');
    }
    return page(nonce, `Schedule: ${p.id}`, parts.join('\n'));
}

/** The preview page when no schedule can be shown (errors in the protocol, a library, bad input). */
export function renderPreviewMessage(nonce: string, fileName: string, message: string): string {
    return page(nonce, `Schedule: ${fileName}`, `<h1>${escapeHtml(fileName)}</h1><p class="error">${escapeHtml(message)}</p>`);
}
