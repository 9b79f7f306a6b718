// Reports of a clinical diff for people: the heading line, risk titles, and the markdown table and timeline (CLI, CI comment and editor).
import { RISK_CLASSES } from './clinical-facts.js';
import type { OrderSetDiff } from './diff.js';
import { markdownTableRow, markdownText } from './text/markdown.js';

export const RISK_TITLES = { dose: 'Dose', schedule: 'Schedule', 'safety-rule': 'Safety rule', panel: 'Panel', metadata: 'Metadata' } as const;

/** "ID 3.1.0 -> 3.2.0: 2 clinical changes" (both ids when they differ). */
export function diffHeading(diff: OrderSetDiff): string {
    const count = diff.changes.length;
    const sides = diff.old.id === diff.new.id ? `${diff.old.id} ${diff.old.version} -> ${diff.new.version}`
        : `${diff.old.id} ${diff.old.version} -> ${diff.new.id} ${diff.new.version}`;
    return `${sides}: ${count === 0 ? 'no clinical changes' : `${count} clinical change${count === 1 ? '' : 's'}`}`;
}

/**
 * The diff as markdown, for a pull request comment or an editor preview: problems first, then changes by risk, then
 * (when a dose or the schedule changed) the dose timeline of both versions by day, changed days in bold.
 */
export function diffMarkdown(diff: OrderSetDiff): string {
    const lines = [`### Clinical changes: ${markdownText(diffHeading(diff))}`];
    if (diff.problems.length > 0) {
        lines.push('');
        for (const problem of diff.problems) lines.push(`> **Problem:** ${markdownText(problem)}`);
    }
    if (diff.changes.length > 0) {
        lines.push('', '| Risk | | Change |', '| --- | --- | --- |');
        for (const risk of RISK_CLASSES) {
            for (const change of diff.changes.filter((c) => c.risk === risk)) {
                lines.push(markdownTableRow([RISK_TITLES[change.risk], change.kind, change.text]));
            }
        }
    }
    if (diff.timeline.length > 0 && diff.changes.some((c) => c.risk === 'dose' || c.risk === 'schedule')) {
        lines.push('', '#### Timeline', '', markdownTableRow(['Day', `Before (${diff.old.version})`, `After (${diff.new.version})`]), '| ---: | --- | --- |');
        for (const { day, old, new: now } of diff.timeline) {
            const [was, is] = [old.join('; '), now.join('; ')];
            const cell = (text: string) => (text === '' ? '' : was === is ? markdownText(text) : `**${markdownText(text)}**`);
            lines.push(`| ${day} | ${cell(was)} | ${cell(is)} |`);
        }
    }
    return lines.join('\n');
}
