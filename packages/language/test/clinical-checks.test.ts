// Clinical checks (reference, panels, holds, step-up, restarts): a failing and a passing case per code, on mutated examples.
import { afterAll, beforeAll, describe, expect, test, vi, type MockInstance } from 'vitest';
import { Codes } from '../src/validation/codes.js';
import {
    buildFiles, codesOf, crashesOf, diagnosticsWithCode, exampleFiles, lineOfText, protocolText, WITHOUT_CLINICAL_CHECKS
} from '#test-support/language-services.js';

const examples = exampleFiles();
const shared = Object.fromEntries(Object.entries(examples).filter(([path]) => path.startsWith('shared/')));
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;

/** Replaces `from` (which must occur) by `to` in an example or shared library text. */
function mutated(path: string, from: string, to: string): string {
    const text = examples[path];
    if (!text.includes(from)) throw new Error(`'${from}' is not in ${path}`);
    return text.replace(from, to);
}

/** Builds `text` as `path` beside the shared libraries; returns [line, severity, message] of the findings with `code`. */
async function findings(path: string, text: string, code: string): Promise<Array<[number, string, string]>> {
    const documents = await buildFiles({ ...shared, [path]: text });
    return diagnosticsWithCode(documents.get(path)!, code)
        .map((d) => [d.range.start.line + 1, SEVERITY[(d.severity ?? 1) as 1 | 2 | 3 | 4], String(d.message)]);
}

/** Expects exactly one finding of `code`, with this severity, on the line of `needle` in the text. */
async function expectFinding(path: string, text: string, code: string, severity: string, needle: string): Promise<string> {
    const found = await findings(path, text, code);
    expect(found.map(([line, sev]) => [line, sev])).toEqual([[lineOfText(text, needle), severity]]);
    return found[0][2];
}

async function expectNone(path: string, text: string, code: string): Promise<void> {
    expect(await findings(path, text, code)).toEqual([]);
}

const TEC = 'teclistamab-inpatient.titra';
const ELRA = 'elranatamab.titra';
const CRS = 'shared/imwg-crs.titra';
const ICANS = 'shared/imwg-icans.titra';

describe('the clinical validation category', () => {
    test('holds the clinical checks: a build without it reports the other findings only', async () => {
        const text = mutated(TEC, 'dose SUD2 0.3 mg/kg', 'dose SUD2 .3 mg/kg').replace('dose TD1 1.5 mg/kg', 'dose TD1 0.2 mg/kg');
        const all = codesOf((await buildFiles({ ...shared, [TEC]: text })).get(TEC)!);
        const withoutClinical = codesOf((await buildFiles({ ...shared, [TEC]: text }, WITHOUT_CLINICAL_CHECKS)).get(TEC)!);
        expect(all).toEqual(expect.arrayContaining([Codes.nakedDecimal, Codes.referenceDoseDiffers, Codes.stepUpNotIncreasing]));
        expect(withoutClinical).toEqual([Codes.nakedDecimal]);
    });
});

describe(Codes.referenceDoseDiffers, () => {
    test('a 10-fold step-up dose is an error that gives the label value and its source', async () => {
        const message = await expectFinding(TEC, mutated(TEC, 'dose SUD2 0.3 mg/kg', 'dose SUD2 3 mg/kg'), Codes.referenceDoseDiffers, 'error', 'dose SUD2');
        expect(message).toContain('0.3 mg/kg');
        expect(message).toContain('prescriberpoint.com');
    });

    test('mg instead of mg/kg is an error; a 10-fold lower dose too', async () => {
        await expectFinding(TEC, mutated(TEC, 'dose SUD1 0.06 mg/kg', 'dose SUD1 0.06 mg'), Codes.referenceDoseDiffers, 'error', 'dose SUD1');
        await expectFinding(ELRA, mutated(ELRA, 'dose SUD2 32 mg', 'dose SUD2 3.2 mg'), Codes.referenceDoseDiffers, 'error', 'dose SUD2');
    });

    test('more than the label is an error, less a warning; the same dose in another unit is no difference', async () => {
        await expectFinding(ELRA, mutated(ELRA, 'dose SUD2 32 mg', 'dose SUD2 40 mg'), Codes.referenceDoseDiffers, 'error', 'dose SUD2');
        await expectFinding(ELRA, mutated(ELRA, 'dose SUD2 32 mg', 'dose SUD2 25 mg'), Codes.referenceDoseDiffers, 'warning', 'dose SUD2');
        await expectNone(ELRA, mutated(ELRA, 'dose SUD1 12 mg', 'dose SUD1 12000 mcg'), Codes.referenceDoseDiffers);
    });

    test('passing: the label doses; talquetamab weekly and every-2-week schedules are matched by sequence', async () => {
        for (const path of [TEC, ELRA, 'talquetamab-weekly.titra', 'talquetamab-biweekly.titra', 'linvoseltamab.titra', 'epcoritamab-dlbcl.titra']) {
            await expectNone(path, examples[path], Codes.referenceDoseDiffers);
        }
    });
});

describe(`${Codes.referenceDoseDiffers} in maintenance, ${Codes.referenceFrequencyDiffers}`, () => {
    test('a 10-fold weekly dose, a mg/kg instead of mg maintenance dose: errors', async () => {
        const message = await expectFinding(TEC, mutated(TEC, 'phase QW 1.5 mg/kg every 1 week', 'phase QW 15 mg/kg every 1 week'), Codes.referenceDoseDiffers, 'error', 'phase QW');
        expect(message).toContain('1.5 mg/kg weekly');
        await expectFinding(ELRA, mutated(ELRA, 'phase QW 76 mg every 1 week', 'phase QW 76 mg/kg every 1 week'), Codes.referenceDoseDiffers, 'error', 'phase QW');
    });

    test('the every-2-week dose given weekly (talquetamab 0.8 mg/kg weekly): more drug, an error', async () => {
        await expectFinding('talquetamab-weekly.titra', mutated('talquetamab-weekly.titra', 'phase QW 0.4 mg/kg every 1 week', 'phase QW 0.8 mg/kg every 1 week'), Codes.referenceDoseDiffers, 'error', 'phase QW');
    });

    test('an interval shorter than the label gives (every 2 days, weekly written every 1 day): error listing the label maintenance', async () => {
        const message = await expectFinding(TEC, mutated(TEC, 'phase Q2W 1.5 mg/kg every 2 weeks', 'phase Q2W 1.5 mg/kg every 2 days'), Codes.referenceFrequencyDiffers, 'error', 'phase Q2W');
        expect(message).toContain('every 2 weeks after CR');
        await expectFinding(TEC, mutated(TEC, 'phase QW 1.5 mg/kg every 1 week', 'phase QW 1.5 mg/kg every 1 day'), Codes.referenceFrequencyDiffers, 'error', 'phase QW');
    });

    test('an interval the label does not give for this dose is an error (talquetamab 0.8 mg/kg every 10 days); a longer one a warning', async () => {
        await expectFinding('talquetamab-biweekly.titra', mutated('talquetamab-biweekly.titra', 'phase Q2W 0.8 mg/kg every 2 weeks', 'phase Q2W 0.8 mg/kg every 10 days'), Codes.referenceFrequencyDiffers, 'error', 'phase Q2W');
        await expectFinding(TEC, mutated(TEC, 'phase Q2W 1.5 mg/kg every 2 weeks', 'phase Q2W 1.5 mg/kg every 3 weeks'), Codes.referenceFrequencyDiffers, 'warning', 'phase Q2W');
    });

    test('passing: the label maintenance of every example', async () => {
        for (const path of Object.keys(examples).filter((p) => !p.startsWith('shared/'))) {
            await expectNone(path, examples[path], Codes.referenceDoseDiffers);
            await expectNone(path, examples[path], Codes.referenceFrequencyDiffers);
        }
    });
});

describe(Codes.referenceDayDiffers, () => {
    test('a day earlier than the label window after the previous dose is an error', async () => {
        await expectFinding(ELRA, mutated(ELRA, 'dose TD1 76 mg day 8', 'dose TD1 76 mg day 6'), Codes.referenceDayDiffers, 'error', 'dose TD1');
    });

    test('a day later than the label window after the previous dose is a warning', async () => {
        const text = mutated(TEC, 'dose TD1 1.5 mg/kg day 7', 'dose TD1 1.5 mg/kg day 12');
        const message = await expectFinding(TEC, text, Codes.referenceDayDiffers, 'warning', 'dose TD1');
        expect(message).toContain('day 7');
    });

    test('without a label window any other day is a warning (elranatamab day 8)', async () => {
        await expectFinding(ELRA, mutated(ELRA, 'dose TD1 76 mg day 8', 'dose TD1 76 mg day 9'), Codes.referenceDayDiffers, 'warning', 'dose TD1');
    });

    test('passing: outpatient days 1, 3, 5 (Jadot et al. 2026) lie inside the label window of 2 to 7 days', async () => {
        await expectNone('teclistamab-outpatient.titra', examples['teclistamab-outpatient.titra'], Codes.referenceDayDiffers);
    });
});

describe(Codes.referenceWindowDiffers, () => {
    test('a window reaching later than the label 2 to 7 days is a warning, one allowing the dose sooner an error', async () => {
        await expectFinding(TEC, mutated(TEC, 'window 2 to 7 days after SUD1', 'window 2 to 10 days after SUD1'), Codes.referenceWindowDiffers, 'warning', 'window 2 to 10');
        await expectFinding(TEC, mutated(TEC, 'window 2 to 7 days after SUD1', 'window 1 to 7 days after SUD1'), Codes.referenceWindowDiffers, 'error', 'window 1 to 7');
    });

    test('passing: the label window', async () => {
        await expectNone(TEC, examples[TEC], Codes.referenceWindowDiffers);
    });
});

describe(`${Codes.referenceRouteDiffers}, ${Codes.referenceDoseBasisDiffers}`, () => {
    test('teclistamab IV (a riskier route) and on a flat dose basis (another kind of dose): errors, the latter grave', async () => {
        await expectFinding(TEC, mutated(TEC, 'route subcut', 'route IV'), Codes.referenceRouteDiffers, 'error', 'agent teclistamab');
        await expectFinding(TEC, mutated(TEC, 'dose-basis actual-weight', 'dose-basis flat'), Codes.referenceDoseBasisDiffers, 'error', 'agent teclistamab');
        const documents = await buildFiles({ ...shared, [ELRA]: mutated(ELRA, 'dose-basis flat', 'dose-basis actual-weight') });
        expect(diagnosticsWithCode(documents.get(ELRA)!, Codes.referenceDoseBasisDiffers).map((d) => [d.severity, (d.data as { grave?: boolean }).grave])).toEqual([[1, true]]);
    });

    test('a less direct route (linvoseltamab subcut) and another body weight (ideal for actual): warnings', async () => {
        await expectFinding('linvoseltamab.titra', mutated('linvoseltamab.titra', 'route IV', 'route subcut'), Codes.referenceRouteDiffers, 'warning', 'agent linvoseltamab');
        await expectFinding(TEC, mutated(TEC, 'dose-basis actual-weight', 'dose-basis ideal-weight'), Codes.referenceDoseBasisDiffers, 'warning', 'agent teclistamab');
    });

    test('passing: the label route and basis; SC is subcut (its spelling is flagged by another check)', async () => {
        await expectNone(TEC, mutated(TEC, 'route subcut', 'route SC'), Codes.referenceRouteDiffers);
        await expectNone('linvoseltamab.titra', examples['linvoseltamab.titra'], Codes.referenceRouteDiffers);
    });
});

describe(`${Codes.panelMissingGrade}, ${Codes.panelDuplicateGrade}`, () => {
    test('a CRS panel without grade 4 names the missing grade and its ASTCT definition', async () => {
        const text = mutated(CRS, /\n    grade 4:[^}]*/.exec(examples[CRS])![0], '\n');
        const message = await expectFinding(CRS, text, Codes.panelMissingGrade, 'error', 'crs-panel');
        expect(message).toContain('grade 4');
        expect(message).toContain('Multiple vasopressors');
    });

    test('grade 2 written twice in an ICANS panel', async () => {
        const text = mutated(ICANS, 'grade 3 (ICE 0 to 2)', 'grade 2 (ICE 0 to 2)');
        await expectFinding(ICANS, text, Codes.panelDuplicateGrade, 'error', 'grade 2 (ICE 0 to 2)');
        await expectFinding(ICANS, text, Codes.panelMissingGrade, 'error', 'icans-panel');
    });

    test('passing: the shared IMWG panels', async () => {
        for (const path of [CRS, ICANS]) {
            await expectNone(path, examples[path], Codes.panelMissingGrade);
            await expectNone(path, examples[path], Codes.panelDuplicateGrade);
        }
    });
});

describe(Codes.panelIceRanges, () => {
    test('an ICE range that differs from ASTCT and overlaps the next grade', async () => {
        const text = mutated(ICANS, 'grade 2 (ICE 3 to 6)', 'grade 2 (ICE 3 to 7)');
        const found = await findings(ICANS, text, Codes.panelIceRanges);
        expect(found.map(([line, severity]) => [line, severity])).toEqual([
            [lineOfText(text, 'grade 2 (ICE'), 'error'], [lineOfText(text, 'grade 1 (ICE'), 'error']
        ]);
        expect(found[0][2]).toContain('ICE 3 to 6');
    });

    test('an ICANS grade without its ICE range', async () => {
        await expectFinding(ICANS, mutated(ICANS, 'grade 1 (ICE 7 to 9):', 'grade 1:'), Codes.panelIceRanges, 'error', 'grade 1:');
    });

    test('passing: ASTCT ranges (grade 4 ICE 0 inside grade 3 is ASTCT)', async () => {
        await expectNone(ICANS, examples[ICANS], Codes.panelIceRanges);
    });
});

describe(Codes.grade3WithoutEscalation, () => {
    test('CRS grade 3 without transfer to the ICU; a "consider" is not enough', async () => {
        await expectFinding(CRS, mutated(CRS, 'every 6 hours; transfer ICU;', 'every 6 hours;'), Codes.grade3WithoutEscalation, 'error', 'grade 3:');
        await expectFinding(ICANS, mutated(ICANS, 'grade 4 (ICE 0): dexamethasone 10 mg IV every 6 hours; transfer ICU;', 'grade 4 (ICE 0): dexamethasone 10 mg IV every 6 hours; consider transfer ICU;'), Codes.grade3WithoutEscalation, 'error', 'grade 4 (ICE 0)');
    });

    test('passing: the shared panels; a toxicity panel (tumor flare) needs no ICU', async () => {
        for (const path of [CRS, ICANS, 'teclistamab-outpatient.titra']) await expectNone(path, examples[path], Codes.grade3WithoutEscalation);
    });
});

describe(`${Codes.missingCrsIcansHold}, ${Codes.holdWithoutResume}`, () => {
    test('a CRS panel and no hold on CRS grade', async () => {
        const message = await expectFinding(TEC, mutated(TEC, '    when CRS grade >= 1 resume when resolved\n', ''), Codes.missingCrsIcansHold, 'error', 'crs-panel uses');
        expect(message).toContain('CRS');
    });

    test('a hold without resume or discontinuation', async () => {
        await expectFinding(TEC, mutated(TEC, 'when active-infection resume when resolved', 'when active-infection'), Codes.holdWithoutResume, 'error', 'when active-infection');
    });

    test('passing: holds on CRS and ICANS that resume; a permanent discontinuation', async () => {
        await expectNone(TEC, examples[TEC], Codes.missingCrsIcansHold);
        await expectNone(TEC, mutated(TEC, 'when active-infection resume when resolved', 'when active-infection discontinue permanently'), Codes.holdWithoutResume);
    });
});

describe(Codes.stepUpNotIncreasing, () => {
    test('a step-up dose lower than the one before', async () => {
        await expectFinding(ELRA, mutated(ELRA, 'dose SUD2 32 mg', 'dose SUD2 10 mg'), Codes.stepUpNotIncreasing, 'error', 'dose SUD2');
    });

    test('passing: increasing doses; the full dose may repeat (epcoritamab days 15 and 22)', async () => {
        await expectNone('epcoritamab-dlbcl.titra', examples['epcoritamab-dlbcl.titra'], Codes.stepUpNotIncreasing);
        await expectNone(ELRA, examples[ELRA], Codes.stepUpNotIncreasing);
    });
});

describe(Codes.windowExcludesDay, () => {
    test('day 4 is 3 days after day 1, outside a window of 5 to 7 days', async () => {
        await expectFinding(TEC, mutated(TEC, 'window 2 to 7 days after SUD1', 'window 5 to 7 days after SUD1'), Codes.windowExcludesDay, 'error', 'window 5 to 7');
    });

    test('passing: days 1, 3, 5 inside windows of 2 to 7 days', async () => {
        await expectNone('teclistamab-outpatient.titra', examples['teclistamab-outpatient.titra'], Codes.windowExcludesDay);
    });
});

describe(`${Codes.stepUpWithoutPremedication}, ${Codes.stepUpWithoutMonitoring}`, () => {
    test('a labeled step-up dose without premedication or monitoring (a missing safeguard): errors citing the label', async () => {
        const premedication = await expectFinding(TEC, mutated(TEC, 'day 4 window 2 to 7 days after SUD1 premedicate standard', 'day 4 window 2 to 7 days after SUD1'), Codes.stepUpWithoutPremedication, 'error', 'dose SUD2');
        expect(premedication).toContain('tecvaylihcp.com');
        const monitoring = await expectFinding(ELRA, mutated(ELRA, 'premedicate standard monitor inpatient 24 hours', 'premedicate standard'), Codes.stepUpWithoutMonitoring, 'error', 'dose SUD2');
        expect(monitoring).toContain('24 hours');
    });

    test('an agent Titra has no reference for: every dose below the full dose needs both', async () => {
        const text = protocolText('  step-up {\n    dose A 1 mg day 1\n    dose B 10 mg day 4\n  }').replace('agent teclistamab route subcut dose-basis actual-weight', 'agent newmab route IV dose-basis flat');
        await expectFinding('p.titra', text, Codes.stepUpWithoutPremedication, 'error', 'dose A');
        await expectFinding('p.titra', text, Codes.stepUpWithoutMonitoring, 'error', 'dose A');
    });

    test('passing: elranatamab needs no monitoring after its first treatment dose (label)', async () => {
        await expectNone(ELRA, examples[ELRA], Codes.stepUpWithoutMonitoring);
        await expectNone(ELRA, examples[ELRA], Codes.stepUpWithoutPremedication);
    });
});

describe(Codes.referenceMonitoringShorter, () => {
    test('failing: inpatient monitoring shorter than the label after a step-up dose is an error citing the label', async () => {
        const text = mutated(TEC, 'premedicate standard monitor inpatient 48 hours\n  }', 'premedicate standard monitor inpatient 24 hours\n  }');
        const message = await expectFinding(TEC, text, Codes.referenceMonitoringShorter, 'error', 'monitor inpatient 24 hours');
        expect(message).toContain('48 hours');
    });

    test('passing: the label hours, longer monitoring, and outpatient monitoring (an institution\'s choice) are not reported', async () => {
        await expectNone(TEC, examples[TEC], Codes.referenceMonitoringShorter);
        await expectNone(TEC, mutated(TEC, 'premedicate standard monitor inpatient 48 hours\n  }', 'premedicate standard monitor inpatient 72 hours\n  }'), Codes.referenceMonitoringShorter);
        await expectNone('teclistamab-outpatient.titra', examples['teclistamab-outpatient.titra'], Codes.referenceMonitoringShorter);
    });
});

describe(`${Codes.restartOverlap}, ${Codes.restartGap}`, () => {
    test('8 to 30 days overlaps more than 28 days', async () => {
        await expectFinding(TEC, mutated(TEC, 'last SUD2 8 to 28 days', 'last SUD2 8 to 30 days'), Codes.restartOverlap, 'error', 'last SUD2 more than 28');
    });

    test('up to 28 days then 30 to 56 days leaves day 29 without an instruction', async () => {
        const message = await expectFinding(TEC, mutated(TEC, 'last QW 29 to 56 days', 'last QW 30 to 56 days'), Codes.restartGap, 'error', 'last QW 30 to 56');
        expect(message).toContain('a delay of 29 days');
    });

    test('passing: contiguous whole-day ranges', async () => {
        for (const path of [TEC, ELRA, 'talquetamab-weekly.titra']) {
            await expectNone(path, examples[path], Codes.restartOverlap);
            await expectNone(path, examples[path], Codes.restartGap);
        }
    });
});

describe('incomplete protocols', () => {
    let consoleError: MockInstance;
    beforeAll(() => { consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined); });
    afterAll(() => consoleError.mockRestore());

    test('no clinical check throws on any prefix of an example (properties undefined after a syntax error)', async () => {
        for (const path of [TEC, 'teclistamab-outpatient.titra', ELRA]) {
            const text = examples[path];
            for (let end = 0; end < text.length; end += 53) {
                const documents = await buildFiles({ ...shared, [path]: text.slice(0, end) });
                expect([path, end, crashesOf(documents.get(path)!).map((d) => d.message)]).toEqual([path, end, []]);
            }
        }
    });

    test('no clinical check throws on a prefix of a shared panel', async () => {
        for (const path of [CRS, ICANS]) {
            const text = examples[path];
            for (let end = 0; end < text.length; end += 17) {
                const documents = await buildFiles({ [path]: text.slice(0, end) });
                expect([path, end, crashesOf(documents.get(path)!).map((d) => d.message)]).toEqual([path, end, []]);
            }
        }
    });
});

describe(Codes.maintenanceNotAfterLastStepUp, () => {
    test('a first maintenance phase after an earlier step-up dose is a warning naming the last dose', async () => {
        const message = await expectFinding(ELRA, mutated(ELRA, 'phase QW 76 mg every 1 week after TD1', 'phase QW 76 mg every 1 week after SUD2'), Codes.maintenanceNotAfterLastStepUp, 'warning', 'phase QW');
        expect(message).toContain('TD1');
    });

    test('inside a variant, the variant\'s own step-up and maintenance are compared', async () => {
        const path = 'teclistamab-high-risk.titra';
        const text = examples[path];
        const variantPhase = '      phase QW 1.5 mg/kg every 1 week after TD1';
        const at = text.indexOf(variantPhase);
        if (at < 0) throw new Error('variant phase not found');
        const changed = text.slice(0, at) + '      phase QW 1.5 mg/kg every 1 week after SUD2' + text.slice(at + variantPhase.length);
        const found = await findings(path, changed, Codes.maintenanceNotAfterLastStepUp);
        expect(found.map(([line, severity]) => [line, severity])).toEqual([[changed.slice(0, at).split('\n').length, 'warning']]);
    });

    test('passing: every example starts maintenance after its last step-up dose, or uses cycles', async () => {
        for (const path of Object.keys(examples).filter((p) => !p.startsWith('shared/'))) {
            await expectNone(path, examples[path], Codes.maintenanceNotAfterLastStepUp);
        }
    });
});

describe(Codes.restartDoseNotCovered, () => {
    test('a dose without any restart rule is a warning at the restart-after-delay block naming the dose', async () => {
        const text = mutated(ELRA, '    last TD1 up to 42 days: continue\n    last TD1 43 to 84 days: restart from SUD2 then next after 7 days\n    last TD1 more than 84 days: restart from SUD1\n', '');
        const message = await expectFinding(ELRA, text, Codes.restartDoseNotCovered, 'warning', 'restart-after-delay {');
        expect(message).toContain('TD1');
    });

    test('each uncovered dose is reported', async () => {
        const text = mutated(TEC, '    last QW up to 28 days: continue\n    last QW 29 to 56 days: restart from SUD2\n    last QW more than 56 days: restart from SUD1\n', '');
        const found = await findings(TEC, text, Codes.restartDoseNotCovered);
        expect(found.map(([, severity, message]) => [severity, /rule for (\S+):/.exec(message)?.[1]])).toEqual([['warning', 'QW']]);
    });

    test('passing: every dose covered; no table at all is not reported (linvoseltamab, epcoritamab)', async () => {
        for (const path of [TEC, ELRA, 'talquetamab-weekly.titra', 'teclistamab-high-risk.titra', 'teclistamab-outpatient.titra', 'linvoseltamab.titra', 'epcoritamab-dlbcl.titra']) {
            await expectNone(path, examples[path], Codes.restartDoseNotCovered);
        }
    });
});

describe(Codes.referencePremedicationDiffers, () => {
    test('a label drug missing from the step-up premedication (a missing safeguard) is an error with the label dose and source', async () => {
        const message = await expectFinding(ELRA, mutated(ELRA, '    diphenhydramine 25 mg PO\n', ''), Codes.referencePremedicationDiffers, 'error', 'premedication standard');
        expect(message).toContain('diphenhydramine 25 mg');
        expect(message).toContain('Elrexfio USPI');
    });

    test('below the label range a warning, above it or 10-fold below an error, on the order; unconfirmed label orders give information', async () => {
        const message = await expectFinding(ELRA, mutated(ELRA, 'dexamethasone 20 mg PO or IV', 'dexamethasone 10 mg PO or IV'), Codes.referencePremedicationDiffers, 'warning', 'dexamethasone 10 mg');
        await expectFinding(ELRA, mutated(ELRA, 'dexamethasone 20 mg PO or IV', 'dexamethasone 30 mg PO or IV'), Codes.referencePremedicationDiffers, 'error', 'dexamethasone 30 mg');
        await expectFinding(ELRA, mutated(ELRA, 'dexamethasone 20 mg PO or IV', 'dexamethasone 2 mg PO or IV'), Codes.referencePremedicationDiffers, 'error', 'dexamethasone 2 mg');
        expect(message).toContain('20 mg');
        const info = await expectFinding(TEC, mutated(TEC, 'acetaminophen 650 mg PO or IV', 'acetaminophen 1500 mg PO or IV'), Codes.referencePremedicationDiffers, 'info', 'acetaminophen 1500 mg');
        expect(info).toContain('650 to 1000 mg');
        expect(info).toContain('(unconfirmed)');
    });

    test('passing: label premedication, a dose inside the label range, an extra drug and the same dose in another unit', async () => {
        await expectNone(TEC, mutated(TEC, 'acetaminophen 650 mg PO or IV', 'acetaminophen 1000 mg PO or IV\n    cetirizine 10 mg'), Codes.referencePremedicationDiffers);
        await expectNone(ELRA, mutated(ELRA, 'dexamethasone 20 mg PO or IV', 'dexamethasone 20000 mcg PO or IV'), Codes.referencePremedicationDiffers);
        for (const path of ['talquetamab-weekly.titra', 'talquetamab-biweekly.titra', 'linvoseltamab.titra', 'epcoritamab-dlbcl.titra']) {
            await expectNone(path, examples[path], Codes.referencePremedicationDiffers);
        }
    });
});

const EPCO = 'epcoritamab-dlbcl.titra';
const GLOFIT = 'glofitamab.titra';
const MOSUN = 'mosunetuzumab.titra';

/** The `grave` flag of the data of each finding with `code`, in order. */
async function graveFlags(path: string, text: string, code: string): Promise<Array<boolean | undefined>> {
    const documents = await buildFiles({ ...shared, [path]: text });
    return diagnosticsWithCode(documents.get(path)!, code).map((d) => (d.data as { grave?: boolean }).grave);
}

/** A blinatumomab protocol under 45 kg (mcg/m2/day with the label's caps) with the given step-up doses. */
function blinatumomab(doses: string): string {
    return `protocol BLIN "Blinatumomab" {\n  version 1.0.0\n  status draft\n  agent blinatumomab route IV dose-basis body-surface-area\n  requires weight, height\n`
        + `  premedication dex {\n    dexamethasone 20 mg IV\n    give 1 hours before dose\n  }\n  step-up {\n${doses}\n  }\n}\n`;
}

const CAPPED = '    dose D1 5 mcg/m2/day day 1 premedicate dex max 9 mcg/day per dose infuse over 7 days\n'
    + '    dose D8 15 mcg/m2/day day 8 premedicate dex max 28 mcg/day per dose infuse over 7 days';

describe(Codes.agentUnknown, () => {
    test('a typo is an error offering the closest known agent; a name far from all lists the known agents', async () => {
        const message = await expectFinding(TEC, mutated(TEC, 'agent teclistamab', 'agent teclistamb'), Codes.agentUnknown, 'error', 'agent teclistamb');
        expect(message).toContain("Did you mean 'teclistamab'?");
        const documents = await buildFiles({ ...shared, [TEC]: mutated(TEC, 'agent teclistamab', 'agent teclistamb') });
        expect(diagnosticsWithCode(documents.get(TEC)!, Codes.agentUnknown).map((d) => d.data)).toEqual([{ code: Codes.agentUnknown, suggestions: ['teclistamab'] }]);
        const far = await expectFinding(TEC, mutated(TEC, 'agent teclistamab', 'agent newmab'), Codes.agentUnknown, 'error', 'agent newmab');
        expect(far).toContain('Known agents: teclistamab, elranatamab');
    });

    test('passing: the agent of every example; a generic name in capitals', async () => {
        for (const path of Object.keys(examples).filter((p) => !p.startsWith('shared/'))) await expectNone(path, examples[path], Codes.agentUnknown);
        await expectNone(TEC, mutated(TEC, 'agent teclistamab', 'agent Teclistamab'), Codes.agentUnknown);
    });
});

describe(Codes.agentNotGenericName, () => {
    test('the brand or suffixed US name is a warning naming the generic, and the label checks still run (a 10-fold TD1)', async () => {
        const brand = mutated(TEC, 'agent teclistamab', 'agent Tecvayli').replace('dose TD1 1.5 mg/kg', 'dose TD1 15 mg/kg');
        const message = await expectFinding(TEC, brand, Codes.agentNotGenericName, 'warning', 'agent Tecvayli');
        expect(message).toContain("'teclistamab'");
        await expectFinding(TEC, brand, Codes.referenceDoseDiffers, 'error', 'dose TD1');
        await expectFinding(ELRA, mutated(ELRA, 'agent elranatamab', 'agent elranatamab-bcmm'), Codes.agentNotGenericName, 'warning', 'agent elranatamab-bcmm');
        await expectFinding(ELRA, mutated(ELRA, 'agent elranatamab route subcut', 'agent Elrexfio route IV'), Codes.referenceRouteDiffers, 'error', 'agent Elrexfio');
    });

    test('passing: generic names', async () => {
        for (const path of Object.keys(examples).filter((p) => !p.startsWith('shared/'))) await expectNone(path, examples[path], Codes.agentNotGenericName);
    });
});

describe(`${Codes.referenceDoseDiffers}: grave`, () => {
    test('a 10-fold dose or a unit-kind swap carries grave: true; a smaller difference does not', async () => {
        expect(await graveFlags(TEC, mutated(TEC, 'dose TD1 1.5 mg/kg', 'dose TD1 15 mg/kg'), Codes.referenceDoseDiffers)).toEqual([true]);
        expect(await graveFlags(TEC, mutated(TEC, 'dose SUD1 0.06 mg/kg', 'dose SUD1 0.06 mg'), Codes.referenceDoseDiffers)).toEqual([true]);
        expect(await graveFlags(ELRA, mutated(ELRA, 'dose SUD2 32 mg', 'dose SUD2 40 mg'), Codes.referenceDoseDiffers)).toEqual([undefined]);
    });
});

describe(`${Codes.referenceDoseDiffers} in cycles, ${Codes.referenceCycleDaysDiffer}`, () => {
    test('a 10-fold cycle dose is a grave error, more than the label an error, less a warning', async () => {
        const tenFold = mutated(EPCO, 'cycles 2 to 3: 48 mg', 'cycles 2 to 3: 480 mg');
        const message = await expectFinding(EPCO, tenFold, Codes.referenceDoseDiffers, 'error', 'cycles 2 to 3');
        expect(message).toContain('48 mg on day 1 of cycle 2');
        expect(await graveFlags(EPCO, tenFold, Codes.referenceDoseDiffers)).toEqual([true]);
        await expectFinding(MOSUN, mutated(MOSUN, 'cycles 3 to 8: 30 mg', 'cycles 3 to 8: 60 mg'), Codes.referenceDoseDiffers, 'error', 'cycles 3 to 8');
        await expectFinding(EPCO, mutated(EPCO, 'cycles 4 to 9: 48 mg', 'cycles 4 to 9: 24 mg'), Codes.referenceDoseDiffers, 'warning', 'cycles 4 to 9');
    });

    test('days the label does not give in a cycle are an error (more often); label days left out a warning', async () => {
        await expectFinding(EPCO, mutated(EPCO, 'cycles 4 to 9: 48 mg on days 1, 15', 'cycles 4 to 9: 48 mg on days 1, 8, 15, 22'), Codes.referenceCycleDaysDiffer, 'error', 'cycles 4 to 9');
        // A range spanning a change of the label (weekly in cycles 2-3, days 1 and 15 in 4-9) is compared where it changes.
        await expectFinding(EPCO, mutated(EPCO, 'cycles 2 to 3: 48 mg on days 1, 8, 15, 22\n    cycles 4 to 9: 48 mg on days 1, 15\n', 'cycles 2 to 9: 48 mg on days 1, 8, 15, 22\n'), Codes.referenceCycleDaysDiffer, 'error', 'cycles 2 to 9');
        await expectFinding(EPCO, mutated(EPCO, 'cycles 2 to 3: 48 mg on days 1, 8, 15, 22', 'cycles 2 to 3: 48 mg on days 1, 15'), Codes.referenceCycleDaysDiffer, 'warning', 'cycles 2 to 3');
    });

    test('passing: the cycles of every example', async () => {
        for (const path of [EPCO, GLOFIT, MOSUN]) {
            await expectNone(path, examples[path], Codes.referenceDoseDiffers);
            await expectNone(path, examples[path], Codes.referenceCycleDaysDiffer);
        }
    });
});

describe(`${Codes.referenceCycleLengthDiffers}, ${Codes.referenceCycleCountDiffers}`, () => {
    test('cycles shorter than the label are an error, longer a warning', async () => {
        await expectFinding(EPCO, mutated(EPCO, 'cycles of 28 days', 'cycles of 21 days'), Codes.referenceCycleLengthDiffers, 'error', 'cycles of 21 days');
        await expectFinding(GLOFIT, mutated(GLOFIT, 'cycles of 21 days', 'cycles of 28 days'), Codes.referenceCycleLengthDiffers, 'warning', 'cycles of 28 days');
    });

    test('more cycles than the label allows is an error: a higher max, or no max with a rule without end', async () => {
        const message = await expectFinding(GLOFIT, mutated(GLOFIT, 'max 12', 'max 18'), Codes.referenceCycleCountDiffers, 'error', 'max 18');
        expect(message).toContain('at most 12 cycles');
        await expectFinding(GLOFIT, mutated(GLOFIT, 'cycles of 21 days max 12', 'cycles of 21 days').replace('cycles 4 to 12:', 'cycles 4 onward:'), Codes.referenceCycleCountDiffers, 'error', 'cycles of 21 days');
        await expectFinding(MOSUN, mutated(MOSUN, 'max 17', 'max 24'), Codes.referenceCycleCountDiffers, 'error', 'max 24');
    });

    test('passing: the label cycle length; the label maximum (glofitamab 12, mosunetuzumab 17); fewer; no label maximum (epcoritamab)', async () => {
        await expectNone(GLOFIT, mutated(GLOFIT, 'max 12', 'max 8').replace('cycles 4 to 12:', 'cycles 4 to 8:'), Codes.referenceCycleCountDiffers);
        for (const path of [EPCO, GLOFIT, MOSUN]) {
            await expectNone(path, examples[path], Codes.referenceCycleLengthDiffers);
            await expectNone(path, examples[path], Codes.referenceCycleCountDiffers);
        }
    });
});

describe(Codes.referenceInfusionDiffers, () => {
    test('an infusion faster than the label is an error, slower a warning, in step-up doses, cycles and maintenance', async () => {
        await expectFinding('linvoseltamab.titra', mutated('linvoseltamab.titra', 'infuse over 4 hours', 'infuse over 1 hour'), Codes.referenceInfusionDiffers, 'error', 'dose SUD1');
        await expectFinding(GLOFIT, mutated(GLOFIT, 'cycle 2: 30 mg on day 1 premedicate crs infuse over 4 hours', 'cycle 2: 30 mg on day 1 premedicate crs infuse over 1 hour'), Codes.referenceInfusionDiffers, 'error', 'cycle 2:');
        await expectFinding(GLOFIT, mutated(GLOFIT, 'cycle 3: 30 mg on day 1 premedicate crs infuse over 2 hours', 'cycle 3: 30 mg on day 1 premedicate crs infuse over 6 hours'), Codes.referenceInfusionDiffers, 'warning', 'cycle 3:');
        // A maintenance phase is compared with the label's later-cycle dose of the same amount (glofitamab 30 mg, cycle 2: 4 hours).
        const maintenance = mutated(GLOFIT, /  cycles of 21 days max 12 \{[^}]*\}/.exec(examples[GLOFIT])![0], '  maintenance {\n    phase C 30 mg every 3 weeks after SUD2 infuse over 1 hour\n  }');
        await expectFinding(GLOFIT, maintenance, Codes.referenceInfusionDiffers, 'error', 'phase C');
    });

    test('a continuous infusion written in hours (blinatumomab over 7 hours) is an error', async () => {
        const message = await expectFinding('blin.titra', blinatumomab(CAPPED.replace('max 28 mcg/day per dose infuse over 7 days', 'max 28 mcg/day per dose infuse over 7 hours')), Codes.referenceInfusionDiffers, 'error', 'dose D8');
        expect(message).toContain('continuous infusion');
    });

    test('passing: the label durations of every example; a 7-day blinatumomab bag', async () => {
        for (const path of Object.keys(examples).filter((p) => !p.startsWith('shared/'))) await expectNone(path, examples[path], Codes.referenceInfusionDiffers);
        await expectNone('blin.titra', blinatumomab(CAPPED), Codes.referenceInfusionDiffers);
    });
});

describe(Codes.referenceCapMissing, () => {
    test('a BSA-based dose without its label cap, or with a higher cap, is an error', async () => {
        const message = await expectFinding('blin.titra', blinatumomab(CAPPED.replace(' max 9 mcg/day per dose', '')), Codes.referenceCapMissing, 'error', 'dose D1');
        expect(message).toContain('9 mcg/day');
        await expectFinding('blin.titra', blinatumomab(CAPPED.replace('max 28 mcg/day', 'max 56 mcg/day')), Codes.referenceCapMissing, 'error', 'dose D8');
    });

    test('passing: the label caps, or a lower one', async () => {
        await expectNone('blin.titra', blinatumomab(CAPPED), Codes.referenceCapMissing);
        await expectNone('blin.titra', blinatumomab(CAPPED.replace('max 28 mcg/day', 'max 20 mcg/day')), Codes.referenceCapMissing);
    });
});

describe(Codes.referenceRestartDiffers, () => {
    test('restarting at a later (higher) dose than the label for the delay is an error naming the label row', async () => {
        const message = await expectFinding(TEC, mutated(TEC, 'last QW more than 56 days: restart from SUD1', 'last QW more than 56 days: continue'), Codes.referenceRestartDiffers, 'error', 'last QW more than 56');
        expect(message).toContain('restart at step-up dose 1');
        await expectFinding(ELRA, mutated(ELRA, 'last SUD2 more than 28 days: restart from SUD1', 'last SUD2 more than 28 days: restart from TD1'), Codes.referenceRestartDiffers, 'error', 'last SUD2 more than 28');
    });

    test('an earlier (lower) dose is a warning; against an unconfirmed table (talquetamab) information', async () => {
        await expectFinding(TEC, mutated(TEC, 'last QW 29 to 56 days: restart from SUD2', 'last QW 29 to 56 days: restart from SUD1'), Codes.referenceRestartDiffers, 'warning', 'last QW 29 to 56');
        const path = 'talquetamab-weekly.titra';
        await expectFinding(path, mutated(path, 'last TD1 36 to 56 days: restart from SUD2', 'last TD1 36 to 56 days: repeat TD1'), Codes.referenceRestartDiffers, 'info', 'last TD1 36 to 56');
    });

    test('a dose that differs from the label is reported as a dose, not again in every restart row that names it', async () => {
        await expectNone(ELRA, mutated(ELRA, 'dose TD1 76 mg', 'dose TD1 96 mg'), Codes.referenceRestartDiffers);
    });

    test('passing: the label restart tables of the examples', async () => {
        for (const path of Object.keys(examples).filter((p) => !p.startsWith('shared/'))) await expectNone(path, examples[path], Codes.referenceRestartDiffers);
    });
});

const CYTOPENIAS = 'shared/imwg-cytopenias.titra';
const INFECTION = 'shared/imwg-infection-prophylaxis.titra';

describe(`${Codes.implausibleThreshold}`, () => {
    test('a platelet hold at 25000 x10^9/L lies outside the plausible range: an error with the range and its source', async () => {
        const text = mutated(CYTOPENIAS, 'when platelets < 25 x10^9/L', 'when platelets < 25000 x10^9/L');
        const message = await expectFinding(CYTOPENIAS, text, Codes.implausibleThreshold, 'error', 'platelets < 25000');
        expect(message).toContain('at most 1000 x10^9/L');
        expect(message).toContain('unit or scale slip');
        expect(message).toContain('OHDSI DataQualityDashboard');
        // One finding per threshold: an implausible threshold is not also a scale slip.
        expect(await findings(CYTOPENIAS, text, Codes.thresholdScaleSlip)).toEqual([]);
    });

    test('the threshold is converted to the observation unit first: hemoglobin < 8 g/L is 0.8 g/dL', async () => {
        const text = mutated(INFECTION, 'if hemoglobin < 8 g/dL', 'if hemoglobin < 8 g/L');
        expect(await expectFinding(INFECTION, text, Codes.implausibleThreshold, 'error', 'hemoglobin < 8 g/L')).toContain('3 to 36 g/dL');
    });

    test('passing: the same threshold in another unit (platelets < 25000 /uL), and an observation without a range (IgG)', async () => {
        await expectNone(CYTOPENIAS, mutated(CYTOPENIAS, 'when platelets < 25 x10^9/L', 'when platelets < 25000 /uL'), Codes.implausibleThreshold);
        await expectNone(INFECTION, mutated(INFECTION, 'if IgG < 400 mg/dL', 'if IgG < 40000 mg/dL'), Codes.implausibleThreshold);
    });
});

describe(`${Codes.thresholdScaleSlip}`, () => {
    test('a hold at ANC < 5 x10^9/L is ten times the IMWG hold at ANC < 0.5: an error naming the guideline threshold', async () => {
        const message = await expectFinding(CYTOPENIAS, mutated(CYTOPENIAS, 'when ANC < 0.5 x10^9/L', 'when ANC < 5 x10^9/L'), Codes.thresholdScaleSlip, 'error', 'ANC < 5');
        expect(message).toContain('IMWG 2024 threshold ANC < 0.5 x10^9/L');
        expect(message).toContain('IMWG 2024 table 3');
    });

    test('a platelet hold at 500 x10^9/L (inside the plausible range), IVIG at IgG < 4000 mg/dL and prophylaxis until CD4 > 2000 /uL', async () => {
        await expectFinding(CYTOPENIAS, mutated(CYTOPENIAS, 'when platelets < 25 x10^9/L', 'when platelets < 500 x10^9/L'), Codes.thresholdScaleSlip, 'error', 'platelets < 500');
        await expectFinding(INFECTION, mutated(INFECTION, 'if IgG < 400 mg/dL', 'if IgG < 4000 mg/dL'), Codes.thresholdScaleSlip, 'error', 'IgG < 4000');
        const cd4 = mutated(INFECTION, 'until CD4 > 200 /uL\n    "CMV', 'until CD4 > 2000 /uL\n    "CMV');
        await expectFinding(INFECTION, cd4, Codes.thresholdScaleSlip, 'error', 'CD4 > 2000');
    });

    test('passing: thresholds within ten times of the guideline of their direction (ANC < 1.0, ANC > 1.5, platelets < 10)', async () => {
        const text = mutated(CYTOPENIAS, 'when ANC < 0.5 x10^9/L resume when ANC > 1.0', 'when ANC < 1.0 x10^9/L resume when ANC > 1.5')
            .replace('when platelets < 25 x10^9/L', 'when platelets < 10 x10^9/L');
        await expectNone(CYTOPENIAS, text, Codes.thresholdScaleSlip);
        for (const path of Object.keys(examples)) await expectNone(path, examples[path], Codes.thresholdScaleSlip);
    });
});

describe(`${Codes.implausiblePremedicationTiming}`, () => {
    test('premedication 1 to 3 days before the dose: an error citing the label times', async () => {
        const message = await expectFinding(TEC, mutated(TEC, 'give 1 to 3 hours before dose', 'give 1 to 3 days before dose'), Codes.implausiblePremedicationTiming, 'error', 'give 1 to 3 days');
        expect(message).toContain('30 minutes to 3 hours');
        expect(message).toContain('Tecvayli and Talvey 1-3 h');
    });

    test('per order: diphenhydramine 30 to 60 hours before the dose', async () => {
        const path = 'linvoseltamab.titra';
        await expectFinding(path, mutated(path, 'diphenhydramine 25 mg 30 to 60 minutes', 'diphenhydramine 25 mg 30 to 60 hours'), Codes.implausiblePremedicationTiming, 'error', 'diphenhydramine 25 mg 30 to 60 hours');
    });

    test('passing: 24 hours, minutes, and every example', async () => {
        await expectNone(TEC, mutated(TEC, 'give 1 to 3 hours before dose', 'give 12 to 24 hours before dose'), Codes.implausiblePremedicationTiming);
        for (const path of Object.keys(examples)) await expectNone(path, examples[path], Codes.implausiblePremedicationTiming);
    });
});

describe(`${Codes.implausibleTiming}`, () => {
    const HIGH_RISK = 'teclistamab-high-risk.titra';

    test('pre-treatment: within 28 weeks is an error (long over), within 28 hours a warning (a unit slip)', async () => {
        expect(await expectFinding(HIGH_RISK, mutated(HIGH_RISK, 'complete within 28 days', 'complete within 28 weeks'), Codes.implausibleTiming, 'error', 'complete within 28 weeks'))
            .toContain('Chalopin');
        await expectFinding(HIGH_RISK, mutated(HIGH_RISK, 'complete within 28 days', 'complete within 28 hours'), Codes.implausibleTiming, 'warning', 'complete within 28 hours');
    });

    test('supportive care: 3 hours after the last dose is an error, 36 months a warning', async () => {
        expect(await expectFinding(INFECTION, mutated(INFECTION, 'continue 3 months after', 'continue 3 hours after'), Codes.implausibleTiming, 'error', 'continue 3 hours'))
            .toContain('IMWG 2024 table 4');
        await expectFinding(INFECTION, mutated(INFECTION, 'continue 3 months after', 'continue 36 months after'), Codes.implausibleTiming, 'warning', 'continue 36 months');
    });

    test('escalation after 48 days without improvement is a warning', async () => {
        await expectFinding(ICANS, mutated(ICANS, 'if no improvement after 48 hours', 'if no improvement after 48 days'), Codes.implausibleTiming, 'warning', 'after 48 days');
    });

    test('passing: 7 days before, 6 months after, after 2 days, and every example', async () => {
        await expectNone(HIGH_RISK, mutated(HIGH_RISK, 'complete within 28 days', 'complete within 7 days'), Codes.implausibleTiming);
        await expectNone(INFECTION, mutated(INFECTION, 'continue 3 months after', 'continue 6 months after'), Codes.implausibleTiming);
        await expectNone(ICANS, mutated(ICANS, 'if no improvement after 48 hours', 'if no improvement after 2 days'), Codes.implausibleTiming);
        for (const path of Object.keys(examples)) await expectNone(path, examples[path], Codes.implausibleTiming);
    });
});

describe(`${Codes.guidelineTherapyMissing}`, () => {
    test('CRS grade 2 without tocilizumab: an error quoting IMWG panel 1 grade 2', async () => {
        const text = mutated(CRS, 'grade 2: tocilizumab 8 mg/kg IV max 800 mg per dose max 3 doses per 24 hours; oxygen', 'grade 2: oxygen');
        const message = await expectFinding(CRS, text, Codes.guidelineTherapyMissing, 'error', 'grade 2');
        expect(message).toContain('CRS grade 2 has no tocilizumab');
        expect(message).toContain('"Tocilizumab 8 mg/kg IV; if no improvement add second line (steroids); oxygen, fluids."');
    });

    test('only considered, or only if there is no improvement, is not enough for a recommended therapy', async () => {
        const considered = await expectFinding(CRS, mutated(CRS, 'grade 2: tocilizumab', 'grade 2: consider tocilizumab'), Codes.guidelineTherapyMissing, 'error', 'grade 2');
        expect(considered).toContain('only considers tocilizumab');
        const later = await expectFinding(ICANS, mutated(ICANS, 'grade 3 (ICE 0 to 2): dexamethasone 10 mg IV every 6 hours; transfer ICU', 'grade 3 (ICE 0 to 2): transfer ICU'),
            Codes.guidelineTherapyMissing, 'error', 'grade 3');
        expect(later).toContain('gives corticosteroids only if there is no improvement');
    });

    test('corticosteroids named in an instruction count ("high-dose corticosteroids"); their absence at CRS grade 4 is an error', async () => {
        await expectFinding(CRS, mutated(CRS, '"high-dose corticosteroids"; transfer ICU', 'transfer ICU'), Codes.guidelineTherapyMissing, 'error', 'grade 4');
    });

    test('a consider-only therapy left out is an information (CRS grade 1 without tocilizumab)', async () => {
        const text = mutated(CRS, 'grade 1: observe; consider tocilizumab 8 mg/kg IV max 800 mg per dose;\n      if no improvement after 24 hours: tocilizumab 8 mg/kg IV max 800 mg per dose max 3 doses per 24 hours', 'grade 1: observe');
        await expectFinding(CRS, text, Codes.guidelineTherapyMissing, 'info', 'grade 1');
    });

    test('passing: the shared IMWG panels and a brand name (Actemra) for tocilizumab', async () => {
        await expectNone(CRS, examples[CRS], Codes.guidelineTherapyMissing);
        await expectNone(ICANS, examples[ICANS], Codes.guidelineTherapyMissing);
        await expectNone(CRS, mutated(CRS, 'grade 2: tocilizumab', 'grade 2: Actemra'), Codes.guidelineTherapyMissing);
    });
});
