// titra render: the deviations section of the sign-off document, first after the approval block, escaped in HTML and Markdown.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OrderSet, type Deviation } from '@titra/language';
import { describe, expect, test } from 'vitest';
import { renderHtml, renderMarkdown } from '../packages/cli/src/protocol-document.js';
import { repository } from '#test-support/titra-process.js';

const HOSTILE_REASON = '<script>alert(1)</script> | forged | cell';

/** The inpatient golden order set with one deviation of the protocol and one of a library, whose reason carries markup. */
function withDeviations(): OrderSet {
    const orderSet = OrderSet.parse(JSON.parse(readFileSync(path.join(repository, 'examples/golden/teclistamab-inpatient.orderset.json'), 'utf8')));
    const deviations: Deviation[] = [
        { code: 'safety/trailing-zero', message: "Write '16', not '16.0'.", reason: 'as printed', suppression: 'line', location: { file: 'teclistamab-inpatient.titra', line: 27, column: 19 } },
        { code: 'panel/tocilizumab-limit', message: 'tocilizumab above 800 mg per dose.', reason: HOSTILE_REASON, suppression: 'file', location: { file: 'shared/imwg-crs.titra', line: 12, column: 5 } }
    ];
    return { ...orderSet, deviations };
}

describe('the deviations section', () => {
    test('HTML: right after the approval block, a row per deviation with code, finding, reason and where; markup escaped', () => {
        const html = renderHtml(withDeviations());
        const headings = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);
        expect(headings.slice(0, 3)).toEqual(['Approval', 'Deviations from the label and guidelines', 'Step-up schedule']);
        expect(html).toContain('<p>Titra reported these errors; the authors suppressed each with the reason given. Approving this version approves each deviation.</p>');
        expect(html).toContain('<tr><td>safety/trailing-zero</td><td>Write &#39;16&#39;, not &#39;16.0&#39;.</td><td>as printed</td><td>teclistamab-inpatient.titra:27:19, suppressed on its line</td></tr>');
        expect(html).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt; | forged | cell</td><td>shared/imwg-crs.titra:12:5, suppressed in the whole file</td>');
        expect(html).not.toMatch(/<script/i);
    });

    test('Markdown: the same table, with pipes and markup escaped', () => {
        const markdown = renderMarkdown(withDeviations());
        expect(markdown).toContain('## Deviations from the label and guidelines');
        expect(markdown).toContain('| panel/tocilizumab-limit | tocilizumab above 800 mg per dose. | &lt;script&gt;alert(1)&lt;/script&gt; \\| forged \\| cell | shared/imwg-crs.titra:12:5, suppressed in the whole file |');
        expect(markdown).not.toMatch(/<script/i);
    });

    test('an order set without deviations has no such section', () => {
        const clean = withDeviations();
        delete clean.deviations;
        expect(renderMarkdown(clean)).not.toContain('Deviations from the label');
    });
});
