// Inlay hints: beside each weight- or BSA-based dose the amount for the example patient, beside each step-up dose the label's value.
import { AstUtils, type LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import * as ast from '../grammar/generated/ast.js';
import { formatNumber } from '../orderset/text/numbers.js';
import { quantityText } from '../orderset/text/units.js';
import type { TitraServices } from '../titra-module.js';
import { agentOf } from '../validation/agent-identity.js';
import { matchingSchedule } from '../validation/reference.js';
import { exampleDose, exampleDoseText, examplePatient, type ExamplePatient } from './example-dose.js';

/** The editor settings the hints follow (section `titra`), with the defaults of the extension's manifest. */
interface HintSettings {
    enabled: boolean;
    patient: ExamplePatient;
}

/** The label's value for a step-up dose, in the schedule the step-up block follows: "label 0.3 mg/kg (weekly)". */
export function labelHintText(dose: ast.StepUpDose): string | undefined {
    const agent = agentOf(dose);
    if (!agent) return undefined;
    const schedule = matchingSchedule(dose.$container, agent.reference);
    const step = schedule.steps[dose.$container.doses.indexOf(dose)];
    return step ? `label ${formatNumber(step.value)} ${step.unit}${agent.reference.schedules.length > 1 ? ` (${schedule.name})` : ''}` : undefined;
}

export class TitraInlayHintProvider implements InlayHintProvider {
    private readonly services: TitraServices;

    constructor(services: TitraServices) {
        this.services = services;
        // A changed setting (example patient, titra.inlayHints.enabled) shows at once: the editor is asked to request the hints again.
        services.shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(({ section }) => {
            if (section === 'titra') services.shared.lsp.Connection?.languages.inlayHint.refresh().catch(() => undefined);
        });
    }

    private async settings(): Promise<HintSettings> {
        const [hints, patient] = await Promise.all([
            this.services.shared.workspace.ConfigurationProvider.getConfiguration('titra', 'inlayHints'),
            examplePatient(this.services.shared)
        ]);
        return { enabled: (hints as { enabled?: unknown } | undefined)?.enabled !== false, patient };
    }

    async getInlayHints(document: LangiumDocument, params: InlayHintParams): Promise<InlayHint[] | undefined> {
        const { enabled, patient } = await this.settings();
        if (!enabled) return [];
        const root = document.parseResult.value;
        const [start, end] = [document.textDocument.offsetAt(params.range.start), document.textDocument.offsetAt(params.range.end)];
        const hints: InlayHint[] = [];
        for (const amount of AstUtils.streamAst(root).filter(ast.isDoseAmount)) {
            const node = amount.$cstNode;
            if (!node || node.end < start || node.offset > end) continue;
            const computed = exampleDose(amount, patient);
            const label = ast.isStepUpDose(amount.$container) ? labelHintText(amount.$container) : undefined;
            const parts = [computed ? `= ${quantityText(computed.value, computed.unit)}${computed.capped ? ' (capped)' : ''}` : undefined, label].filter((p): p is string => p !== undefined);
            if (parts.length === 0) continue;
            hints.push({
                position: document.textDocument.positionAt(node.end),
                label: parts.join(' · '),
                kind: InlayHintKind.Type,
                paddingLeft: true,
                tooltip: computed
                    ? exampleDoseText(computed, patient)
                    : 'The labeled dose at this position of the step-up schedule the protocol follows'
            });
        }
        return hints;
    }
}
