// `titra test`: runs scenario files (*.scenario.json) and reports pass/fail with the first difference.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkScenario, computeSchedule, formatDifference, Scenario, ScheduleInputError } from '@titra/language';
import { loadOrderSet } from '../order-set-source.js';
import type { Terminal } from '../terminal.js';
import { parseJsonInput } from '../json-input.js';
import { collectFiles, confinedRealPath, displayPath, InputError, readProtocolText, workspaceOf } from '../workspace-loader.js';

const SUFFIX = '.scenario.json';

async function collect(target: string, out: string[]): Promise<void> {
    const stat = await fs.stat(target).catch(() => null);
    if (!stat) throw new InputError(`${target}: no such file or directory`);
    if (stat.isFile()) out.push(path.resolve(target));
    else await collectFiles(path.resolve(target), SUFFIX, out);
}

export async function readScenario(file: string, workspaceRoot: string): Promise<Scenario> {
    const shown = displayPath(file);
    const real = await confinedRealPath(file, workspaceRoot, shown);
    const parsed = Scenario.safeParse(parseJsonInput(await readProtocolText(real, shown), shown));
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputError(`${shown}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return parsed.data;
}

export async function runTest(terminal: Terminal, paths: string[]): Promise<number> {
    const files: string[] = [];
    for (const p of paths.length > 0 ? paths : ['.']) await collect(p, files);
    if (files.length === 0) throw new InputError(`${paths.join(', ') || '.'}: no ${SUFFIX} files`);
    // A scenario's protocol must be inside the workspace of the scenarios (a `protocol` of ../../etc/passwd is refused).
    const workspaceRoot = await workspaceOf(files);
    let failed = 0;
    for (const file of files) {
        const scenario = await readScenario(file, workspaceRoot);
        const shown = displayPath(file);
        const protocol = path.resolve(path.dirname(file), scenario.protocol);
        const orderSet = await loadOrderSet(terminal, protocol, { workspaceRoot, shownAs: `${shown}: protocol "${scenario.protocol}"` });
        if (orderSet === 1) {
            terminal.out(`FAIL ${shown}: ${scenario.name}\n     the protocol ${scenario.protocol} has errors`);
            failed++;
            continue;
        }
        try {
            const schedule = computeSchedule({ orderSet, patient: scenario.patient, start: scenario.start, until: scenario.until, events: scenario.events });
            const difference = checkScenario(scenario, schedule);
            if (difference) {
                failed++;
                terminal.out(`FAIL ${shown}: ${scenario.name}\n     ${formatDifference(difference)}`);
            } else {
                terminal.out(`pass ${shown}: ${scenario.name}`);
            }
        } catch (error) {
            if (!(error instanceof ScheduleInputError)) throw error;
            failed++;
            terminal.out(`FAIL ${shown}: ${scenario.name}\n     ${error.message}`);
        }
    }
    terminal.out(`${files.length - failed} passed, ${failed} failed`);
    return failed > 0 ? 1 : 0;
}
