// `titra schedule` and `titra test` run as processes: the example scenarios pass, failures show the first difference.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { copyExample, MAIN } from '#test-support/cli-workspace.js';
import { removeTemporaryFolders, repository, temporaryFolder, titra } from '#test-support/titra-process.js';

const inpatient = path.join(repository, 'examples/teclistamab-inpatient.titra');
const run = (args: string[]) => titra(repository, ...args);

afterAll(removeTemporaryFolders);

describe('titra test', () => {
    test('every example scenario passes', () => {
        const { code, stdout } = run(['test', 'examples/scenarios']);
        const summary = /^(\d+) passed, (\d+) failed$/m.exec(stdout);
        expect(stdout).not.toContain('FAIL');
        expect(code).toBe(0);
        expect(Number(summary?.[1])).toBeGreaterThanOrEqual(10);
        expect(Number(summary?.[2])).toBe(0);
    });

    test('a scenario that expects the wrong dose fails with its first difference', () => {
        // The scenario's protocol must be inside the scenario's workspace: a copy of the example beside it.
        const folder = temporaryFolder('titra-scenario-');
        copyExample(folder);
        writeFileSync(path.join(folder, 'wrong.scenario.json'), JSON.stringify({
            name: 'wrong SUD2 dose', protocol: MAIN, patient: { weight: 72 }, start: '2026-12-01', until: '2026-12-10',
            expect: { administrations: [{ dose: 'SUD1' }, { dose: 'SUD2', amount: { value: 2.16 } }] }
        }));
        const { code, stdout } = run(['test', folder]);
        expect(code).toBe(1);
        expect(stdout).toContain('administrations[1].amount.value: expected 2.16, got 21.6');
        expect(stdout).toMatch(/^0 passed, 1 failed$/m);
    });

    test('a malformed scenario is an input error naming the field', () => {
        const folder = temporaryFolder('titra-scenario-');
        writeFileSync(path.join(folder, 'bad.scenario.json'), JSON.stringify({ name: 'x', protocol: inpatient, patient: {}, start: '2026-02-30', until: '2026-03-01', expect: {} }));
        const { code, stderr } = run(['test', folder]);
        expect(code).toBe(2);
        expect(stderr).toContain('bad.scenario.json: start: a real calendar date as YYYY-MM-DD');
    });
});

describe('titra schedule', () => {
    test('prints the calendar with computed doses beside their basis', () => {
        const { code, stdout } = run(['schedule', inpatient, '--weight', '72', '--start', '2026-12-01', '--until', '2026-12-20']);
        expect(code).toBe(0);
        expect(stdout).toContain('2026-12-01  SUD1  4.32 mg subcutaneous  (0.06 mg/kg x 72 kg = 4.32 mg)');
        expect(stdout).toContain('2026-12-04  SUD2  21.6 mg subcutaneous  (0.3 mg/kg x 72 kg = 21.6 mg)');
        expect(stdout).toContain('monitoring inpatient 48 hours, until 2026-12-03');
    });

    test('microgram doses read mcg (never the UCUM code ug), short infusions in minutes, outpatient observation with its time', () => {
        const { code, stdout } = run(['schedule', path.join(repository, 'examples/tebentafusp.titra'), '--weight', '70', '--start', '2026-12-01', '--until', '2026-12-22']);
        expect(code).toBe(0);
        expect(stdout).toContain('2026-12-01  D1  20 mcg intravenous  (20 mcg), infuse over 15 minutes');
        expect(stdout).toContain('2026-12-22  QW  68 mcg intravenous  (68 mcg), infuse over 15 minutes');
        expect(stdout).toContain('monitoring outpatient, observe 30 minutes: at least 30 minutes');
        expect(stdout).not.toMatch(/\bug\b/);
    });

    test('--format json with events gives holds and panel orders', () => {
        const folder = temporaryFolder('titra-schedule-');
        const events = path.join(folder, 'events.json');
        writeFileSync(events, JSON.stringify([
            { date: '2026-12-02', type: 'toxicity', toxicity: 'crs', grade: 2 },
            { date: '2026-12-06', type: 'toxicity', toxicity: 'crs', grade: 0 }
        ]));
        const { code, stdout } = run(['schedule', inpatient, '--weight', '72', '--start', '2026-12-01', '--until', '2026-12-10', '--events', events, '--format', 'json']);
        expect(code).toBe(0);
        const schedule = JSON.parse(stdout);
        expect(schedule.format).toBe('titra.schedule/1');
        expect(schedule.holds).toContainEqual(expect.objectContaining({ rule: 'hold.protocol.crs-ge-1', from: '2026-12-04', to: '2026-12-06' }));
        expect(schedule.administrations[1]).toMatchObject({ date: '2026-12-06', dose: 'SUD2' });
        expect(schedule.panelOrders[0].orders[0]).toMatchObject({ amount: { value: 576, unit: 'mg' } });
    });

    test('a compiled order set works as input too', () => {
        const { code, stdout } = run(['schedule', 'examples/golden/teclistamab-inpatient.orderset.json', '--weight', '50', '--start', '2026-12-01', '--until', '2026-12-02']);
        expect(code).toBe(0);
        expect(stdout).toContain('SUD1  3 mg subcutaneous  (0.06 mg/kg x 50 kg = 3 mg)');
    });

    test.each([
        [['--start', '2026-12-01'], 'give the patient\'s weight (--weight in kg)'],
        [['--weight', '72'], 'schedule needs --start YYYY-MM-DD'],
        [['--weight', '72', '--start', '1-12-2026'], "--start must be a real calendar date as YYYY-MM-DD, not '1-12-2026'"],
        [['--weight=0', '--start', '2026-12-01'], "--weight must be a positive number, not '0'"],
        [['--weight', '72', '--start', '2026-12-01', '--sex', 'f'], "--sex must be female or male, not 'f'"],
        [['--weight', '72', '--start', '2026-12-01', '--age=-1'], "--age must be a number of years, 0 or more, not '-1'"]
    ])('bad input %j: exit 2 with a clear message', (args, message) => {
        const { code, stderr } = run(['schedule', inpatient, ...args]);
        expect(code).toBe(2);
        expect(stderr).toContain(message);
    });

    test('an event naming a dose the protocol does not have is refused', () => {
        const folder = temporaryFolder('titra-schedule-');
        const events = path.join(folder, 'events.json');
        writeFileSync(events, JSON.stringify([{ date: '2026-12-03', type: 'delay', dose: 'SUD9', until: '2026-12-09' }]));
        const { code, stderr } = run(['schedule', inpatient, '--weight', '72', '--start', '2026-12-01', '--events', events]);
        expect(code).toBe(2);
        expect(stderr).toContain("names dose 'SUD9', which the protocol does not have");
    });

    test('a lab result in a unit that cannot be converted is refused with its position, never skipped', () => {
        const folder = temporaryFolder('titra-schedule-');
        const events = path.join(folder, 'events.json');
        writeFileSync(events, JSON.stringify([{ date: '2026-12-03', type: 'lab', observation: 'ANC', value: 0.4, unit: 'mg' }]));
        const { code, stderr } = run(['schedule', inpatient, '--weight', '72', '--start', '2026-12-01', '--events', events]);
        expect(code).toBe(2);
        expect(stderr).toContain("titra: event 1 (2026-12-03, ANC 0.4 mg): 'mg' cannot be converted to 10*9/L, the unit the protocol compares ANC in");
    });

    test('a protocol scheduled before its effective date: exit 0, the notice first in the text and on standard error', () => {
        const { code, stdout, stderr } = run(['schedule', 'examples/teclistamab-outpatient.titra', '--weight', '72', '--start', '2026-11-24', '--until', '2026-11-30']);
        const notice = 'TEC-STEPUP-OUTPATIENT takes effect on 2026-12-01, after cycle 1 day 1 (2026-11-24): it may not be used for a patient before then';
        expect(code).toBe(0);
        expect(stdout.split('\n')[0]).toBe(`NOTICE: ${notice}`);
        expect(stderr).toContain(`titra: notice: ${notice}`);
    });

    test('a variant written on the patient\'s weight is chosen from the first dose by --weight', () => {
        const folder = temporaryFolder('titra-schedule-');
        cpSync(path.join(repository, 'examples/shared'), path.join(folder, 'shared'), { recursive: true });
        const protocol = path.join(folder, 'weight-variant.titra');
        const source = readFileSync(path.join(repository, 'examples/teclistamab-high-risk.titra'), 'utf8');
        writeFileSync(protocol, source.replace('when flag extramedullary-disease or flag high-tumor-burden', 'when weight < 45 kg'));
        const light = run(['schedule', protocol, '--weight', '30', '--start', '2026-12-01', '--until', '2026-12-02']);
        expect(light.stdout).toContain('2026-12-01  high-risk.SUD1  1.8 mg subcutaneous  (0.06 mg/kg x 30 kg = 1.8 mg)');
        const adult = run(['schedule', protocol, '--weight', '72', '--start', '2026-12-01', '--until', '2026-12-02']);
        expect(adult.stdout).toContain('2026-12-01  SUD1  4.32 mg subcutaneous');
    });
});
