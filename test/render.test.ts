// titra render: the sign-off document in HTML and Markdown, escaping of protocol text, and the page in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OrderSet } from '@titra/language';
import { afterAll, describe, expect, test } from 'vitest';
import { renderHtml, renderMarkdown, timelineSvg } from '../packages/cli/src/protocol-document.js';
import { removeTemporaryFolders, repository, temporaryFolder, titra } from '#test-support/titra-process.js';

const artifacts = path.join(repository, 'test-results/render');
const CHROMIUM = '/usr/bin/chromium';
const golden = (name: string): OrderSet =>
    OrderSet.parse(JSON.parse(readFileSync(path.join(repository, 'examples/golden', `${name}.orderset.json`), 'utf8')));
const SCRIPT_TITLE = `<script>document.title='PWNED'</script> "quoted" & <b>bold</b>`;

function workFolder(): string {
    const folder = temporaryFolder('titra-render-');
    return folder;
}
afterAll(removeTemporaryFolders);

/** The inpatient order set with markup in its title, a reference and a hold's side order. */
function hostile(): OrderSet {
    const orderSet = golden('teclistamab-inpatient');
    orderSet.protocol.title = SCRIPT_TITLE;
    orderSet.protocol.references.push('<img src=x onerror="alert(1)">');
    orderSet.protocol.owner = 'P&T\n| Owner | forged | <script>alert(3)</script>';
    orderSet.holds[0].orders = [{ id: 'x', type: 'instruction', consider: false, text: '</td></tr></table><script>alert(2)</script>' }];
    return orderSet;
}

describe('the document', () => {
    test('HTML: header, approval block, schedule table and timeline, holds, restarts, panels, supportive care, orders before dosing, references', () => {
        const html = renderHtml(golden('teclistamab-inpatient'));
        const headings = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);
        expect(headings).toEqual([
            'Approval', 'Step-up schedule', 'Maintenance', 'Premedication', 'Holds', 'Restart after a delay',
            'CRS management: CRS grades 1-4', 'ICANS management: ICANS grades 1-4', 'Supportive care', 'Before dosing', 'References'
        ]);
        expect(html).toContain('<li>before each dose: CBC with differential</li>');
        expect(html).toContain('<h1>Teclistamab step-up dosing, inpatient</h1>');
        expect(html).toContain('<tr><td>SUD2</td><td>4</td><td>0.3 mg/kg</td><td>subcutaneous</td><td>2 to 7 days after SUD1</td><td>Step-up premedication</td><td>inpatient 48 hours</td></tr>');
        expect(html).toContain('<td>Chair, Pharmacy and Therapeutics Committee</td><td></td><td></td><td></td>');
        expect(html).toContain('<tr><td>platelets &lt; 25 x10^9/L</td><td>hold; resume when platelets &gt; 50 x10^9/L</td><td></td></tr>');
        expect(html).toContain('<td>2</td><td>3 to 6</td>');
        expect(html).not.toMatch(/<script/i);
    });

    test('the timeline marks every step-up dose and the first maintenance doses, with premedication and monitoring', () => {
        const svg = timelineSvg(golden('teclistamab-inpatient'));
        expect(svg.match(/class="dose"/g)).toHaveLength(5);
        expect(svg.match(/class="premedication"/g)).toHaveLength(3);
        expect(svg.match(/class="monitoring"/g)).toHaveLength(3);
        expect(svg).toContain('<title>SUD2 day 4: 0.3 mg/kg</title>');
        expect(svg).toContain('<title>QW day 14: 1.5 mg/kg</title>');
    });

    test('the timeline labels only days it has room for: day 1, the dose days, week starts, none closer than 48 units, each with one tick', () => {
        const svg = timelineSvg(golden('teclistamab-inpatient'));
        const labels = [...svg.matchAll(/<text x="([\d.]+)" y="172"[^>]*>(\d+)<\/text>/g)].map((m) => ({ x: Number(m[1]), day: Number(m[2]) }));
        expect(labels.map((l) => l.day)).toEqual([1, 4, 7, 14, 21]);
        for (let i = 1; i < labels.length; i++) expect(labels[i].x - labels[i - 1].x).toBeGreaterThanOrEqual(48);
        expect(svg.match(/y1="150" x2="[\d.]+" y2="156"/g)).toHaveLength(labels.length);
        expect(svg).toContain('axis: treatment day (day 1 is the first dose)');
    });

    test('the approval table gives Name, Signature and Date room: fixed widths, Role at 28%', () => {
        const html = renderHtml(golden('teclistamab-inpatient'));
        expect(html).toContain('.approval{table-layout:fixed}');
        expect(html).toContain('.approval th:nth-child(1){width:28%}');
        expect(html).toContain('<table class="approval"><thead><tr><th>Role</th><th>Name</th><th>Signature</th><th>Date</th></tr></thead>');
    });

    test('dose limits read "max 3 doses per 24 hours"; an order without a route has no empty detail', () => {
        const orderSet = golden('teclistamab-inpatient');
        const grade3 = orderSet.panels.find((p) => p.kind === 'crs')!.grades.find((g) => g.grade === 3)!;
        const dexamethasone = grade3.orders.find((o) => o.type === 'medication' && o.drug === 'dexamethasone')!;
        if (dexamethasone.type === 'medication') dexamethasone.routes = [];
        const markdown = renderMarkdown(orderSet);
        expect(markdown).toContain('tocilizumab 8 mg/kg (max 800 mg per dose), intravenous, dose basis actual-weight, max 3 doses per 24 hours');
        expect(markdown).toContain('dexamethasone 10 mg, every 6 hours');
        expect(markdown).not.toContain(', ,');
    });

    test('Markdown: the same sections as tables and lists', () => {
        const markdown = renderMarkdown(golden('epcoritamab-dlbcl'));
        expect(markdown).toContain('## Cycles');
        expect(markdown).toContain('| 2 to 3 | 48 mg | 1, 8, 15, 22 | subcutaneous |');
        expect(markdown).toContain('## Approval');
    });

    test('all protocol text is escaped: markup shows as text in HTML and Markdown', () => {
        const html = renderHtml(hostile());
        expect(html).not.toMatch(/<script|<img|<b>/i);
        expect(html).toContain('<h1>&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt; &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;</h1>');
        expect(html).toContain('&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
        expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
        const markdown = renderMarkdown(hostile());
        expect(markdown).not.toMatch(/<script|<img|<b>/i);
        expect(markdown.split('\n').find((l) => l.startsWith('| ANC'))!.split(' | ')).toHaveLength(3);
        expect(markdown.split('\n').filter((l) => l.startsWith('| Owner'))).toEqual(['| Owner | P&amp;T \\| Owner \\| forged \\| &lt;script&gt;alert(3)&lt;/script&gt; |']);
        expect(html).toContain('<tr><td>Owner</td><td>P&amp;T\n| Owner | forged | &lt;script&gt;alert(3)&lt;/script&gt;</td></tr>');
    });

    test('a draft carries a not-approved warning', () => {
        const orderSet = golden('teclistamab-inpatient');
        orderSet.protocol.status = 'draft';
        expect(renderHtml(orderSet)).toContain('<p class="warning">Status: draft. This version is not approved for use.</p>');
    });
});

describe('titra render', () => {
    test('--html -o writes the file atomically and prints nothing on standard output', () => {
        const cwd = workFolder();
        const run = titra(repository, 'render', 'examples/teclistamab-inpatient.titra', '--html', '-o', path.join(cwd, 'tec.html'));
        expect(run.code).toBe(0);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain('wrote');
        expect(readFileSync(path.join(cwd, 'tec.html'), 'utf8')).toBe(renderHtml(golden('teclistamab-inpatient')));
        expect(readdirSync(cwd)).toEqual(['tec.html']);
    });

    test('--md prints to standard output; a compiled order set renders too', () => {
        const run = titra(repository, 'render', 'examples/golden/elranatamab.orderset.json', '--md');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('## Step-up schedule');
    });

    test.each([
        [['render', 'examples/teclistamab-inpatient.titra'], 'render needs one of --html or --md'],
        [['render', 'examples/teclistamab-inpatient.titra', '--html', '--md'], 'render needs one of --html or --md'],
        [['render', '--html'], 'render needs exactly one protocol'],
        [['render', 'examples/teclistamab-inpatient.titra', '--html', '-o', 'no/such/folder/x.html'], 'the output folder does not exist']
    ])('usage and input errors exit 2: %j', (args, message) => {
        const run = titra(repository, ...args);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(message);
    });
});

describe.skipIf(!existsSync(CHROMIUM))('in Chromium', () => {
    const chromium = (...args: string[]) => spawnSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', ...args], { encoding: 'utf8', timeout: 90_000 });

    test('the page renders with its timeline (screenshot kept in test-results/render) and prints to PDF', () => {
        mkdirSync(artifacts, { recursive: true });
        const html = path.join(artifacts, 'teclistamab-inpatient.html');
        const png = path.join(artifacts, 'teclistamab-inpatient.png');
        const pdf = path.join(artifacts, 'teclistamab-inpatient.pdf');
        writeFileSync(html, renderHtml(golden('teclistamab-inpatient')));
        rmSync(png, { force: true });
        rmSync(pdf, { force: true });
        chromium('--window-size=1100,1400', `--screenshot=${png}`, pathToFileURL(html).href);
        expect(statSync(png).size).toBeGreaterThan(20_000);
        chromium('--no-pdf-header-footer', `--print-to-pdf=${pdf}`, pathToFileURL(html).href);
        expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
        const dom = chromium('--dump-dom', pathToFileURL(html).href).stdout;
        expect(dom).toContain('<svg class="timeline"');
        expect(dom).toContain('SUD2 day 4: 0.3 mg/kg');
    });

    test('markup in a protocol title shows as text and runs nothing', () => {
        const html = path.join(workFolder(), 'hostile.html');
        writeFileSync(html, renderHtml(hostile()));
        const dom = chromium('--dump-dom', pathToFileURL(html).href).stdout;
        // A script that ran would have set the title to PWNED; the DOM keeps the title as text and holds no script element.
        expect(dom).toMatch(/<title>&lt;script&gt;document\.title='PWNED'&lt;\/script&gt; "quoted" &amp; &lt;b&gt;bold&lt;\/b&gt; 3\.1\.0<\/title>/);
        expect(dom).not.toMatch(/<script|<img/i);
        expect(dom).toContain('<h1>&lt;script&gt;');
    });
});
