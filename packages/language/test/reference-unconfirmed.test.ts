// Reference checks built on unconfirmed values are information and say "(unconfirmed)", except a grave (10-fold) dose, an error.
import { describe, expect, test, vi } from 'vitest';
import type * as Reference from '../src/knowledge/reference.js';
import { Codes } from '../src/validation/codes.js';
import { buildFiles, diagnosticsWithCode, exampleFiles } from '#test-support/language-services.js';

// The teclistamab schedule as if the label had not been verified: every schedule entry confirmed: false.
vi.mock('../src/knowledge/reference.js', async (importOriginal) => {
    const actual = await importOriginal<typeof Reference>();
    return {
        ...actual,
        agentByAnyName: (name: string) => {
            const agent = actual.agentByAnyName(name);
            return agent && { ...agent, schedules: agent.schedules.map((s) => ({ ...s, confirmed: false })) };
        }
    };
});

const examples = exampleFiles();
const shared = Object.fromEntries(Object.entries(examples).filter(([path]) => path.startsWith('shared/')));

async function findingsOf(text: string, code: string) {
    const document = (await buildFiles({ ...shared, 'main.titra': text })).get('main.titra')!;
    return diagnosticsWithCode(document, code).map((d) => [d.severity, String(d.message).includes('(unconfirmed)')]);
}

describe('unconfirmed reference schedule', () => {
    test('a 10-fold dose against an unconfirmed schedule stays an error, marked (unconfirmed)', async () => {
        const text = examples['teclistamab-inpatient.titra'].replace('dose TD1 1.5 mg/kg', 'dose TD1 15 mg/kg');
        expect(await findingsOf(text, Codes.referenceDoseDiffers)).toEqual([[1, true]]);
    });

    test('a higher dose short of 10-fold against an unconfirmed schedule is information', async () => {
        const text = examples['teclistamab-inpatient.titra'].replace('dose TD1 1.5 mg/kg', 'dose TD1 3 mg/kg');
        expect(await findingsOf(text, Codes.referenceDoseDiffers)).toEqual([[3, true]]);
    });

    test('a day and a window that differ are information too, even sooner than the label', async () => {
        const text = examples['teclistamab-inpatient.titra'].replace('dose TD1 1.5 mg/kg day 7 window 2 to 7 days', 'dose TD1 1.5 mg/kg day 5 window 1 to 10 days');
        expect(await findingsOf(text, Codes.referenceDayDiffers)).toEqual([[3, true]]);
        expect(await findingsOf(text, Codes.referenceWindowDiffers)).toEqual([[3, true]]);
    });
});
