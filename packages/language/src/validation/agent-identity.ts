// The agent a protocol names must be one Titra knows: a brand or suffixed US name maps to its generic, an unknown name is an
// error with the closest known names, so that the label checks never switch off silently.
import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import { agentByAnyName, agentReference, knownAgentNames, type AgentReference } from '../knowledge/reference.js';
import { Codes, diagnostic } from './codes.js';

/** The labeled reference of an `agent` declaration, by generic, brand or suffixed US name (`Tecvayli`, `teclistamab-cqyv`). */
export function agentReferenceOf(agent: ast.Agent | undefined): AgentReference | undefined {
    return agent?.drug === undefined ? undefined : agentByAnyName(agent.drug);
}

/** The first agent declared by the protocol that contains `node`, with its reference when Titra knows the agent. */
export function agentOf(node: AstNode): { drug: string; reference: AgentReference } | undefined {
    const protocol = AstUtils.getContainerOfType(node, ast.isProtocol);
    const agent = protocol?.members.find(ast.isAgent);
    const reference = agentReferenceOf(agent);
    return agent?.drug !== undefined && reference ? { drug: agent.drug, reference } : undefined;
}

/** Every name an agent answers to: generic, brand and suffixed US name. */
function namesOf(reference: AgentReference): string[] {
    return [reference.name, reference.brand, ...(reference.usNonproprietaryName.name ? [reference.usNonproprietaryName.name] : [])];
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), case-insensitive. */
function editDistance(a: string, b: string): number {
    const s = a.toLowerCase();
    const t = b.toLowerCase();
    const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= s.length; i++) {
        for (let j = 1; j <= t.length; j++) {
            const cost = s[i - 1] === t[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[s.length][t.length];
}

/** A typo is at most this many edits from a known name: a third of the name's length, at least 2. */
function typoLimit(name: string): number {
    return Math.max(2, Math.floor(name.length / 3));
}

/** The generic names of the known agents whose names are closest to `written` within the typo limit, closest first. */
export function closestAgentNames(written: string): string[] {
    const candidates = knownAgentNames().flatMap((generic) => {
        const distances = namesOf(agentReference(generic)!).map((name) => editDistance(written, name));
        const best = Math.min(...distances);
        return best <= typoLimit(written) ? [{ generic, best }] : [];
    });
    return candidates.sort((a, b) => a.best - b.best || a.generic.localeCompare(b.generic)).slice(0, 3).map((c) => c.generic);
}

/**
 * The agent is one of the knowledge base: its generic name is the spelling to use (warning with the generic as fix for a
 * brand or suffixed name, whose label checks still run); an unknown name is an error offering the closest known names.
 */
export function checkAgentKnown(agent: ast.Agent, accept: ValidationAcceptor): void {
    if (agent.drug === undefined) return;
    const reference = agentByAnyName(agent.drug);
    if (reference) {
        if (reference.name.toLowerCase() === agent.drug.toLowerCase()) return;
        const kind = reference.brand.toLowerCase() === agent.drug.toLowerCase() ? 'the brand name' : 'the US nonproprietary name with its suffix';
        accept('warning', `'${agent.drug}' is ${kind} of ${reference.name}: write the generic name '${reference.name}' (source: ${reference.usNonproprietaryName.source}). The label checks use ${reference.brand} (${reference.name}).`, {
            node: agent, property: 'drug', ...diagnostic(Codes.agentNotGenericName, { generic: reference.name })
        });
        return;
    }
    const suggestions = closestAgentNames(agent.drug);
    const hint = suggestions.length > 0 ? `Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : `Known agents: ${knownAgentNames().join(', ')}.`;
    accept('error', `Titra does not know the agent '${agent.drug}', so none of its doses, days, route, premedication, monitoring or restarts can be checked against a label. ${hint}`, {
        node: agent, property: 'drug', ...diagnostic(Codes.agentUnknown, { suggestions })
    });
}
