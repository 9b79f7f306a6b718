// Generated narratives (Resource.text) of the exported resources: their titles and details as escaped XHTML.
import { escapeHtml } from '../orderset/text/index.js';
import type { Narrative, PlanDefinitionAction } from './fhir-types.js';

/** An XHTML list item per text, and a nested list under it for its children. */
export interface NarrativeItem {
    text: string;
    items?: NarrativeItem[];
}

function list(items: NarrativeItem[]): string {
    if (items.length === 0) return '';
    return `<ul>${items.map((item) => `<li>${escapeHtml(item.text)}${list(item.items ?? [])}</li>`).join('')}</ul>`;
}

/** A generated narrative: the heading in a paragraph, then the items as a (nested) list. */
export function narrative(heading: string, items: NarrativeItem[] = []): Narrative {
    return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeHtml(heading)}</p>${list(items)}</div>` };
}

/** The action titles of a PlanDefinition as narrative items, nested as the actions are. */
export function actionItems(actions: PlanDefinitionAction[]): NarrativeItem[] {
    return actions.map((action) => ({ text: action.title, items: actionItems(action.action ?? []) }));
}
