// Tests of the schedule preview HTML: escaping of protocol text, the Content-Security-Policy, the timeline content.
import { describe, expect, it } from 'vitest';
import type { Administration, Schedule } from '@titra/language/orderset';
import { contentSecurityPolicy, renderPreviewMessage, renderSchedulePreview } from '../src/preview-html.js';

const hostile = `<script>alert("x")</script>&'`;

function administration(overrides: Partial<Administration> = {}): Administration {
    return {
        date: '2027-01-04', dose: 'SUD1', name: 'SUD1', phase: 'step-up', route: 'subcutaneous',
        amount: { value: 4.2, unit: 'mg', calculation: '0.06 mg/kg x 70 kg = 4.2 mg', capped: false },
        premedication: [{ id: 'dex', text: 'dexamethasone 16 mg', amount: { value: 16, unit: 'mg', calculation: '16 mg', capped: false }, timing: '1 to 3 hours before dose' }],
        monitoring: { setting: 'inpatient', hours: 48, until: '2027-01-06' },
        ...overrides
    };
}

function schedule(overrides: Partial<Schedule> = {}): Schedule {
    return {
        format: 'titra.schedule/1',
        protocol: { id: 'TEC', version: '1.0.0', title: 'Teclistamab step-up' },
        start: '2027-01-04', until: '2027-07-05',
        administrations: [administration()], holds: [], decisions: [], panelOrders: [], supportiveCare: [], preTreatment: [],
        ...overrides
    };
}

describe('the preview inputs, the focused dose and continuous infusions', () => {
    it('names the example patient with height, flags and events file', () => {
        const html = renderSchedulePreview({ schedule: schedule(), weight: 30, height: 130, flags: ['high-tumor-burden'], events: 'events.json', fileName: 'tec.titra', nonce: 'n1' });
        expect(html).toContain('example patient 30 kg, 130 cm, flags high-tumor-burden, events from events.json, cycle 1 day 1 2027-01-04');
    });

    it('opened at a dose: its first administration first, and its rows highlighted', () => {
        const html = renderSchedulePreview({
            schedule: schedule({ administrations: [administration(), administration({ date: '2027-01-07', dose: 'SUD2', name: 'SUD2' })] }),
            weight: 70, focus: 'SUD2', fileName: 'tec.titra', nonce: 'n1'
        });
        expect(html).toContain('<p class="focus-note">SUD2: 2027-01-07, 4.2 mg subcutaneous (0.06 mg/kg x 70 kg = 4.2 mg)</p>');
        expect(html.match(/<tbody class="administration focus">/g)).toHaveLength(1);
        expect(renderSchedulePreview({ schedule: schedule(), weight: 70, focus: 'TD9', fileName: 'tec.titra', nonce: 'n1' })).toContain('TD9 is not given in this period.');
    });

    it('shows continuous-infusion periods with their daily amount for the body surface area', () => {
        const html = renderSchedulePreview({ schedule: schedule({ administrations: [], infusions: [{
            rule: 'r', segment: 's', cycle: { number: 1, firstDay: 1, lastDay: 7 }, from: '2027-01-04', to: '2027-01-10', days: 7,
            dailyAmount: { value: 5.2, unit: 'ug/d', calculation: '5 mcg/m2/day x 1.04 m2 = 5.2 mcg/day', capped: false }, totalAmount: { value: 36.4, unit: 'ug' },
            route: 'intravenous', premedication: []
        }] }), weight: 30, height: 130, fileName: 'blin.titra', nonce: 'n1' });
        expect(html).toContain('<td>cycle 1, days 1 to 7</td><td><span class="amount">5.2 mcg/day</span> intravenous</td><td class="calc">5 mcg/m2/day x 1.04 m2 = 5.2 mcg/day</td>');
    });
});

describe('contentSecurityPolicy', () => {
    it('allows nothing by default and only the nonce\'d style', () => {
        const csp = contentSecurityPolicy('abc123');
        expect(csp).toMatch(/^default-src 'none';/);
        expect(csp).toContain("style-src 'nonce-abc123'");
        expect(csp).toContain("script-src 'none'");
        expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    });
});

describe('renderSchedulePreview', () => {
    it('shows date, dose, amount, calculation, premedication and monitoring', () => {
        const html = renderSchedulePreview({ schedule: schedule(), weight: 70, fileName: 'tec.titra', nonce: 'n1' });
        for (const text of ['2027-01-04', 'SUD1', '4.2 mg', '0.06 mg/kg x 70 kg = 4.2 mg', 'dexamethasone 16 mg', '1 to 3 hours before dose', 'inpatient 48 hours (until 2027-01-06)']) {
            expect(html).toContain(text);
        }
    });

    it('shows the computed amount of a weight-based premedication, not a repeat of a flat one', () => {
        const html = renderSchedulePreview({
            schedule: schedule({ administrations: [administration({ premedication: [
                { id: 'toci', text: 'tocilizumab 8 mg/kg IV', amount: { value: 560, unit: 'mg', calculation: '8 mg/kg x 70 kg = 560 mg', capped: false }, timing: 'before dose' },
                { id: 'dex', text: 'dexamethasone 16 mg', amount: { value: 16, unit: 'mg', calculation: '16 mg', capped: false }, timing: 'before dose' }
            ] })] }),
            weight: 70, fileName: 'tec.titra', nonce: 'n1'
        });
        expect(html).toContain('tocilizumab 8 mg/kg IV: <span class="amount">560 mg</span> <span class="calc">(8 mg/kg x 70 kg = 560 mg)</span>');
        expect(html).toContain('<li>dexamethasone 16 mg <span class="small">before dose</span></li>');
    });

    it('shows the notices before the title and the labs to verify on their dose', () => {
        const html = renderSchedulePreview({
            schedule: schedule({
                notices: [{ kind: 'not-yet-effective', message: 'TEC takes effect on 2027-02-01' }],
                administrations: [administration({ verify: ['ANC', 'platelets'] })]
            }),
            weight: 70, fileName: 'tec.titra', nonce: 'n1'
        });
        expect(html.indexOf('<p class="error">TEC takes effect on 2027-02-01</p>')).toBeLessThan(html.indexOf('<h1>'));
        expect(html).toContain('<div class="verify">verify before giving: ANC, platelets</div>');
        expect(renderSchedulePreview({ schedule: schedule(), weight: 70, fileName: 'tec.titra', nonce: 'n1' })).not.toContain('class="verify"');
    });

    it('puts the policy in a meta tag and the nonce on the only style element, with no script at all', () => {
        const html = renderSchedulePreview({ schedule: schedule(), weight: 70, fileName: 'tec.titra', nonce: 'n1' });
        expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-n1';`.replace(/'/g, '&#39;'));
        expect(html.match(/<style/g)).toHaveLength(1);
        expect(html).toContain('<style nonce="n1">');
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/ on[a-z]+=/i);
    });

    it('escapes every piece of protocol text', () => {
        const html = renderSchedulePreview({
            schedule: schedule({
                protocol: { id: hostile, version: hostile, title: hostile },
                administrations: [administration({
                    name: hostile, route: hostile,
                    amount: { value: 1, unit: hostile, calculation: hostile, capped: true },
                    premedication: [{ id: 'p', text: hostile, amount: { value: 1, unit: hostile, calculation: hostile, capped: false }, timing: hostile }],
                    monitoring: { setting: 'outpatient', note: hostile }
                })],
                decisions: [{ date: '2027-01-05', kind: 'window', message: hostile }],
                supportiveCare: [{ id: 's', text: hostile, from: '2027-01-04' }],
                preTreatment: [{ id: 't', text: hostile, notBefore: '2027-01-01', completeBy: '2027-01-03' }]
            }),
            weight: 70, fileName: hostile, nonce: 'n1'
        });
        expect(html).not.toContain('<script>');
        expect(html).not.toContain('"x")');
        expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    });

    it('escapes the message page too', () => {
        const html = renderPreviewMessage('n2', hostile, hostile);
        expect(html).not.toContain('<script>');
        expect(html).toContain("style-src &#39;nonce-n2&#39;");
    });
});
