// Hover: label facts for an agent, computed doses for an example patient, ASTCT grade definitions, observations, keywords, reference targets.
import { AstUtils, type AstNode, CstUtils, GrammarAST, type LangiumDocument, type MaybePromise } from 'langium';
import { AstNodeHoverProvider, type LangiumSharedServices } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import * as ast from '../grammar/generated/ast.js';
import type { KnowledgeBase } from '../knowledge/knowledge-service.js';
import { plausibleRangeMeaning, type ObservationDefinition } from '../knowledge/knowledge-base.js';
import type { AgentReference } from '../knowledge/reference.js';
import type { TitraServices } from '../titra-module.js';
import { exampleDose, exampleDoseText, examplePatient, type ExamplePatient } from './example-dose.js';
import { keywordHelp } from './keyword-help.js';

const unconfirmed = (confirmed: boolean) => (confirmed ? '' : ' (unconfirmed)');

/** Markdown with label facts of an agent from the knowledge base. */
export function agentHover(agent: AgentReference): string {
    const lines = [`**${agent.name}** (${agent.brand}), ${agent.route}, dose basis ${agent.doseBasis.join(' or ')}`];
    for (const schedule of agent.schedules) {
        const steps = schedule.steps.map((s) => {
            const window = s.window ? `, ${s.window.min}-${s.window.max} ${s.window.unit} after the previous` : '';
            return `${s.label}: ${s.value} ${s.unit}${s.day ? ` on day ${s.day}` : ''}${window}${s.monitorHours ? `, ${s.monitorHours} h monitoring` : ''}`;
        });
        lines.push('', `Step-up (${schedule.name})${unconfirmed(schedule.confirmed)}:`, ...steps.map((s) => `- ${s}`), `  _Source: ${schedule.source}_`);
    }
    if (agent.maintenance.length > 0) {
        lines.push('', 'Maintenance:', ...agent.maintenance.map((m) => `- ${m.description}${unconfirmed(m.confirmed)}`));
    }
    if (agent.premedication) lines.push('', `Premedication${unconfirmed(agent.premedication.confirmed)}: ${agent.premedication.description}`);
    if (agent.monitoring) lines.push('', `Monitoring${unconfirmed(agent.monitoring.confirmed)}: ${agent.monitoring.description}`);
    if (agent.restart) lines.push('', `Restart after delay${unconfirmed(agent.restart.confirmed)}: ${agent.restart.description}`);
    lines.push('', `_Source: ${agent.source}_`);
    return lines.join('\n');
}

/** Markdown with the dose the editor's example patient gets, with its basis and cap (the inlay hint's computation). */
export function doseHover(amount: ast.DoseAmount, patient: ExamplePatient): string | undefined {
    const computed = exampleDose(amount, patient);
    return computed ? exampleDoseText(computed, patient) : undefined;
}

/** Markdown comparing a step-up dose with the label's dose at the same position. */
export function labelComparison(dose: ast.StepUpDose, knowledge: KnowledgeBase): string | undefined {
    const protocol = AstUtils.getContainerOfType(dose, ast.isProtocol);
    const agent = protocol?.members.find(ast.isAgent);
    const reference = agent ? knowledge.agentReference(agent.drug) : undefined;
    if (!reference || !ast.isStepUp(dose.$container)) return undefined;
    const index = dose.$container.doses.indexOf(dose);
    const rows = reference.schedules.flatMap((s) => {
        const step = s.steps[index];
        return step ? [`Label (${s.name})${unconfirmed(s.confirmed)}: ${step.label} ${step.value} ${step.unit}${step.day ? ` on day ${step.day}` : ''} _(${s.source})_`] : [];
    });
    return rows.length > 0 ? rows.join('\n\n') : undefined;
}

/** Markdown with the ASTCT definition of a CRS or ICANS grade and the IMWG 2024 management of that grade. */
export function gradeHover(entry: ast.GradeEntry, knowledge: KnowledgeBase): string | undefined {
    const panel = entry.$container;
    const system = ast.isCrsPanel(panel) ? 'crs' : ast.isIcansPanel(panel) ? 'icans' : undefined;
    if (!system) return undefined;
    const grading = knowledge.gradingReference(system);
    const grade = grading.grades.find((g) => g.grade === Number(entry.grade));
    if (!grade) return undefined;
    const ice = grade.ice ? ` (ICE ${grade.ice.min === grade.ice.max ? grade.ice.min : `${grade.ice.min}-${grade.ice.max}`})` : '';
    const definition = `**ASTCT ${system.toUpperCase()} grade ${grade.grade}**${ice}: ${grade.definition}\n\n${grading.rule}\n\n_Source: ${grading.source}_`;
    const imwg = knowledge.guidelinePanel(system);
    const guideline = imwg.grades.find((g) => g.grade === grade.grade);
    return guideline ? `${definition}\n\n**${imwg.title}, grade ${guideline.grade}**: ${guideline.text}\n\n_Source: ${imwg.source}_` : definition;
}

/** Markdown with an observation's reference unit and plausible range, with their sources. */
export function observationHover(observation: ObservationDefinition): string {
    const lines = [`**${observation.name}**: ${observation.description}, in ${observation.displayUnit}${unconfirmed(observation.confirmed)} _(${observation.source})_`];
    const range = observation.plausibleRange;
    if (range) {
        const bounds = range.low !== undefined && range.high !== undefined ? `${range.low} to ${range.high}` : range.low !== undefined ? `from ${range.low}` : `up to ${range.high}`;
        lines.push('', `Plausible range: ${bounds} ${observation.displayUnit}${unconfirmed(range.confirmed)}: a threshold outside it is reported (\`observation/implausible-threshold\`). _${plausibleRangeMeaning}_`);
    }
    return lines.join('\n');
}

/** The first lines of a declaration, as its hover. */
function declarationHover(node: AstNode): string | undefined {
    const text = node.$cstNode?.text;
    if (!text) return undefined;
    const lines = text.split(/\r?\n/);
    const shown = lines.slice(0, 8).join('\n') + (lines.length > 8 ? '\n...' : '');
    const file = AstUtils.getDocument(node).uri.path.split('/').pop();
    return `${'```titra'}\n${shown}\n${'```'}\n\n_Declared in ${file}, line ${(node.$cstNode?.range.start.line ?? 0) + 1}_`;
}

export class TitraHoverProvider extends AstNodeHoverProvider {
    private readonly knowledge: KnowledgeBase;
    private readonly shared: LangiumSharedServices;

    constructor(services: TitraServices) {
        super(services);
        this.knowledge = services.knowledge.KnowledgeBase;
        this.shared = services.shared;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        if (!leaf) return undefined;
        // On a keyword, what the keyword means, then what it belongs to (the agent's label, the grade's definition...).
        const keyword = GrammarAST.isKeyword(leaf.grammarSource) ? keywordHelp(leaf.grammarSource.value) : undefined;
        const content = [keyword, await this.contentAt(leaf.astNode, leaf)].filter((part) => part !== undefined).join('\n\n---\n\n');
        return content ? { contents: { kind: 'markdown', value: content }, range: leaf.range } : undefined;
    }

    private async contentAt(node: AstNode, leaf: NonNullable<ReturnType<typeof CstUtils.findLeafNodeAtOffset>>): Promise<string | undefined> {
        const target = this.references.findDeclarations(leaf).find((t) => t !== node);
        if (target) return declarationHover(target);
        for (let current: AstNode | undefined = node; current; current = current.$container) {
            if (ast.isAgent(current)) {
                const reference = this.knowledge.agentReference(current.drug);
                return reference ? agentHover(reference) : `No label reference for '${current.drug}' in Titra's knowledge base.`;
            }
            if (ast.isDoseAmount(current)) {
                const owner = current.$container;
                const parts = [doseHover(current, await examplePatient(this.shared)), ast.isStepUpDose(owner) ? labelComparison(owner, this.knowledge) : undefined];
                const text = parts.filter((p): p is string => p !== undefined).join('\n\n');
                return text || undefined;
            }
            if (ast.isStepUpDose(current)) return labelComparison(current, this.knowledge);
            if (ast.isObservationCondition(current) || ast.isRequires(current)) {
                const observation = this.knowledge.observationDefinition(ast.isRequires(current) ? leaf.text : current.observation);
                if (observation) return observationHover(observation);
            }
            if (ast.isGradeEntry(current)) return gradeHover(current, this.knowledge);
        }
        return undefined;
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        return declarationHover(node);
    }
}
