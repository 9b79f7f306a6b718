// Governance checks: review-by date passed (with a fixed clock), owner and references of active protocols.
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { fixedClock } from '../src/environment/clock.js';
import { createTitraServices } from '../src/titra-module.js';
import { Codes } from '../src/validation/codes.js';
import { buildOne, lineOfText, linesOf } from '#test-support/language-services.js';

/** Services whose clock says `date` is today. */
const servicesOn = (date: string) => createTitraServices(EmptyFileSystem, { environment: { Clock: () => fixedClock(date) } });

/** A protocol with the given governance lines and an agent. */
function governed(lines: string): string {
    return `protocol P "Test" {\n  version 1.0.0\n${lines}\n  agent teclistamab route subcut dose-basis actual-weight\n}\n`;
}

const ACTIVE = '  status active\n  owner "Pharmacy and Therapeutics Committee"\n  reference "Tecvayli US prescribing information"';

describe(Codes.reviewOverdue, () => {
    const text = governed(`${ACTIVE}\n  review-by 2026-06-30`);

    test('failing: a review-by date before today is a warning on the date', async () => {
        const document = await buildOne(text, undefined, true, servicesOn('2026-07-01'));
        expect(linesOf(document, Codes.reviewOverdue)).toEqual([lineOfText(text, 'review-by')]);
        const warning = document.diagnostics?.find((d) => d.code === Codes.reviewOverdue);
        expect(warning?.severity).toBe(2);
        expect(warning?.message).toContain('2026-06-30');
    });

    test('passing: due today or later', async () => {
        expect(linesOf(await buildOne(text, undefined, true, servicesOn('2026-06-30')), Codes.reviewOverdue)).toEqual([]);
    });

    test('libraries are reviewed too', async () => {
        const library = 'library L "Shared" {\n  version 1.0.0\n  review-by 2026-12-31\n}\n';
        expect(linesOf(await buildOne(library, 'shared.titra', true, servicesOn('2027-01-01')), Codes.reviewOverdue)).toEqual([3]);
    });
});

describe(Codes.activeWithoutOwner, () => {
    test('failing: an active protocol without owner is an error on the status line', async () => {
        const text = governed('  status active\n  reference "Tecvayli US prescribing information"');
        const document = await buildOne(text);
        expect(linesOf(document, Codes.activeWithoutOwner)).toEqual([lineOfText(text, 'status active')]);
        expect(document.diagnostics?.find((d) => d.code === Codes.activeWithoutOwner)?.severity).toBe(1);
    });

    test('passing: with an owner, or while a draft', async () => {
        expect(linesOf(await buildOne(governed(ACTIVE)), Codes.activeWithoutOwner)).toEqual([]);
        expect(linesOf(await buildOne(governed('  status draft')), Codes.activeWithoutOwner)).toEqual([]);
    });
});

describe(Codes.activeWithoutReference, () => {
    test('failing: an active protocol without references is an error on the status line', async () => {
        const text = governed('  status active\n  owner "Pharmacy and Therapeutics Committee"');
        const document = await buildOne(text);
        expect(linesOf(document, Codes.activeWithoutReference)).toEqual([lineOfText(text, 'status active')]);
        expect(document.diagnostics?.find((d) => d.code === Codes.activeWithoutReference)?.severity).toBe(1);
    });

    test('passing: with a reference, or retired', async () => {
        expect(linesOf(await buildOne(governed(ACTIVE)), Codes.activeWithoutReference)).toEqual([]);
        expect(linesOf(await buildOne(governed('  status retired')), Codes.activeWithoutReference)).toEqual([]);
    });
});
