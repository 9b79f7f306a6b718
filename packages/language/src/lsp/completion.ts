// Completion: agents and drugs from the knowledge base, units valid at the position, and snippets for step-up blocks and CRS/ICANS panels.
import { AstUtils, GrammarAST, type MaybePromise } from 'langium';
import { type CompletionAcceptor, type CompletionContext, DefaultCompletionProvider, type NextFeature } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { translateUnit } from '../vocabulary/unit-spellings.js';
import { observationDefinition } from '../knowledge/knowledge-base.js';
import {
    agentReference, gradingReference, knownAgentNames, knownSupportiveDrugNames, supportiveDrugReference
} from '../knowledge/reference.js';
import { commensurable } from '../orderset/units.js';

/** Dose units as pharmacists write them; every one is a unit the compiler translates to UCUM. */
export const DOSE_UNITS = ['mg', 'mcg', 'g', 'mg/kg', 'mcg/kg', 'mg/m2', 'mcg/m2', 'mcg/day', 'mcg/m2/day', 'units', 'units/kg', 'mL'] as const;

/** Units of lab and measurement thresholds; an observation is offered those of its kind. */
export const THRESHOLD_UNITS = ['x10^9/L', '/uL', 'g/dL', 'g/L', 'mg/dL', 'mg/L', 'kg', 'cm'] as const;

/** The observation compared just before the cursor (`ANC < 0.5 |`), read from the text: the document may not parse yet. */
const OBSERVATION_BEFORE = /([_a-zA-Z\u00B5\u03BC][\w\-\u00B5\u03BC]*)\s*(?:<=|>=|<|>|=)\s*(?:\d+(?:\.\d*)?|\.\d+)\s*$/;

/** The units a threshold of `observation` may be written in: its display unit first, then others of its kind. */
export function thresholdUnitsFor(observation: string | undefined): string[] {
    const definition = observation === undefined ? undefined : observationDefinition(observation);
    if (!definition) return [...THRESHOLD_UNITS];
    const sameKind = THRESHOLD_UNITS.filter((unit) => {
        const ucum = translateUnit(unit)?.ucum;
        return unit !== definition.displayUnit && ucum !== undefined && commensurable(ucum, definition.unit);
    });
    return [definition.displayUnit, ...sameKind];
}

/** Supportive drugs of the panels and premedication drugs of the agents, each with where the knowledge base uses it. */
function knownDrugs(): Map<string, string> {
    const premedicatedAgents = new Map<string, string[]>();
    for (const agent of knownAgentNames()) {
        for (const order of agentReference(agent)?.premedication?.orders ?? []) {
            const agents = premedicatedAgents.get(order.drug) ?? [];
            if (!agents.includes(agent)) agents.push(agent);
            premedicatedAgents.set(order.drug, agents);
        }
    }
    const names = [...new Set([...knownSupportiveDrugNames(), ...premedicatedAgents.keys()])];
    return new Map(names.map((name) => {
        const uses = [
            ...(supportiveDrugReference(name) ? ['supportive care'] : []),
            ...(premedicatedAgents.has(name) ? [`premedication of ${premedicatedAgents.get(name)!.join(', ')}`] : [])
        ];
        return [name, uses.join('; ')];
    }));
}

/** Snippets of whole blocks, offered with the keyword that starts them. Doses and actions are placeholders, never values. */
function blockSnippets(): Record<string, { label: string; body: string; documentation: string }> {
    const unitChoice = (n: number) => `\${${n}|${DOSE_UNITS.join(',')}|}`;
    const crs = gradingReference('crs');
    const icans = gradingReference('icans');
    const ice = (min: number, max: number) => (min === max ? `ICE ${min}` : `ICE ${min} to ${max}`);
    // Tab stops 1 and 2 are the panel's name and title; each grade's management follows. Left as it is, the
    // placeholder is a "TODO: ..." instruction, which the panel checks report as an unwritten grade.
    const todo = (system: string, grade: number, stop: number) => `\${${stop}:"TODO: write the management of ${system} grade ${grade}"}`;
    const crsGrades = crs.grades.filter((g) => g.grade <= 4).map((g, i) => `\tgrade ${g.grade}: ${todo('CRS', g.grade, i + 3)}`);
    const icansGrades = icans.grades.filter((g) => g.grade <= 4)
        .map((g, i) => `\tgrade ${g.grade}${g.ice ? ` (${ice(g.ice.min, g.ice.max)})` : ''}: ${todo('ICANS', g.grade, i + 3)}`);
    const definitions = (system: typeof crs) => system.grades.map((g) => `- grade ${g.grade}${g.ice ? ` (${ice(g.ice.min, g.ice.max)})` : ''}: ${g.definition}`).join('\n');
    return {
        'step-up': {
            label: 'step-up block',
            body: [
                'step-up {',
                `\tdose \${1:SUD1} \${2:amount} ${unitChoice(3)} day \${4:day} premedicate \${5:premedication}`,
                `\tdose \${6:SUD2} \${7:amount} ${unitChoice(8)} day \${9:day} window \${10:min} to \${11:max} days after \${1:SUD1} premedicate \${5:premedication}`,
                `\tdose \${12:TD1} \${13:amount} ${unitChoice(14)} day \${15:day} window \${16:min} to \${17:max} days after \${6:SUD2} premedicate \${5:premedication}`,
                '}'
            ].join('\n'),
            documentation: 'Two step-up doses and the first treatment dose. Fill in the doses, days and windows from the label of the agent.'
        },
        'crs-panel': {
            label: 'crs-panel with grades 1-4',
            body: ['crs-panel ${1:name} "${2:title}" {', ...crsGrades, '}'].join('\n'),
            documentation: `ASTCT CRS grades (${crs.source}):\n${definitions(crs)}`
        },
        'icans-panel': {
            label: 'icans-panel with ICE ranges',
            body: ['icans-panel ${1:name} "${2:title}" {', ...icansGrades, '}'].join('\n'),
            documentation: `ASTCT ICANS grades and ICE ranges (${icans.source}):\n${definitions(icans)}`
        }
    };
}

export class TitraCompletionProvider extends DefaultCompletionProvider {
    private readonly snippets = blockSnippets();
    private readonly drugs = knownDrugs();

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        // The follow-element computation descends into data-type rules: a drug name or a unit is an ID of DrugName or UnitAtom.
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name;
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment)?.feature;
        if (rule === 'Agent' && assignment === 'drug') return this.completeAgents(context, acceptor);
        if (rule === 'DrugName') return this.completeDrugs(context, acceptor);
        if (rule === 'UnitAtom' || rule === 'Unit') {
            // At the start of a unit, whole units replace the atom keywords (a dose is not `16 day`); after a `/` they stay.
            const before = context.textDocument.getText().slice(0, context.tokenOffset);
            if (!/\/\s*$/.test(before)) return this.completeUnits(context, acceptor, before);
        }
        return super.completionFor(context, next, acceptor);
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        const snippet = this.snippets[keyword.value];
        if (snippet) {
            acceptor(context, {
                label: snippet.label,
                filterText: keyword.value,
                kind: CompletionItemKind.Snippet,
                detail: 'Snippet',
                documentation: { kind: 'markdown', value: snippet.documentation },
                insertText: snippet.body,
                insertTextFormat: InsertTextFormat.Snippet,
                sortText: '2'
            });
        }
        return super.completionForKeyword(context, keyword, acceptor);
    }

    private completeAgents(context: CompletionContext, acceptor: CompletionAcceptor): void {
        for (const name of knownAgentNames()) {
            const agent = agentReference(name)!;
            acceptor(context, {
                label: agent.name,
                kind: CompletionItemKind.Value,
                detail: `${agent.brand}, ${agent.route}`,
                documentation: `${agent.brand} (${agent.name}), route ${agent.route}, dose basis ${agent.doseBasis.join(' or ')}. Source: ${agent.source}`,
                sortText: '0'
            });
        }
    }

    private completeDrugs(context: CompletionContext, acceptor: CompletionAcceptor): void {
        for (const [name, detail] of this.drugs) {
            const reference = supportiveDrugReference(name);
            const contexts = reference?.doses.map((d) => `- ${d.context}`) ?? [];
            acceptor(context, {
                label: name,
                kind: CompletionItemKind.Value,
                detail,
                ...(contexts.length > 0 ? { documentation: { kind: 'markdown', value: `Used in the knowledge base for:\n${contexts.join('\n')}` } } : {}),
                sortText: '0'
            });
        }
    }

    /**
     * Whole units: a threshold after `observation <op> value` gets the units of that observation's kind; amounts,
     * caps and rounding increments get dose units. `before` is the text before the unit.
     */
    private completeUnits(context: CompletionContext, acceptor: CompletionAcceptor, before: string): void {
        const observation = OBSERVATION_BEFORE.exec(before)?.[1];
        const units = observation === undefined ? DOSE_UNITS : thresholdUnitsFor(observation);
        const detail = observation === undefined ? 'dose unit'
            : observationDefinition(observation) ? `${observation} threshold unit` : 'threshold unit';
        units.forEach((unit, index) => acceptor(context, {
            label: unit,
            kind: CompletionItemKind.Unit,
            detail,
            sortText: `0${String(index).padStart(2, '0')}`
        }));
    }
}
