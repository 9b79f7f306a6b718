// The SARIF 2.1.0 log of a check for GitHub code scanning: rules described from the README, locations relative to the workspace.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHECKS_DOCUMENTATION_URL, TITRA_HOME_URL } from '@titra/language';
import { checkDescription } from './check-descriptions.js';
import type { Finding, Severity } from './diagnostics.js';

/** The base id of the workspace folder, which artifact URIs are relative to (resolved in `originalUriBaseIds`). */
const SOURCE_ROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

function sarifLevel(severity: Severity | string): SarifLevel {
    return severity.startsWith('error') ? 'error' : severity.startsWith('warning') ? 'warning' : 'note';
}

/** `safety/naked-decimal` -> `SafetyNakedDecimal`: a rule name as SARIF viewers show it. */
function ruleName(code: string): string {
    return code.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word) => word[0].toUpperCase() + word.slice(1)).join('');
}

/** Markdown as plain text: code spans and links keep their words. */
function plain(markdown: string): string {
    return markdown.replace(/`([^`]*)`/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

function sentence(text: string): string {
    const trimmed = text.trim();
    return `${trimmed[0]?.toUpperCase() ?? ''}${trimmed.slice(1)}${/[.!?]$/.test(trimmed) ? '' : '.'}`;
}

/** A SARIF rule for a check code, described by the README's table of checks. */
function rule(code: string, severity: Severity): object {
    const described = checkDescription(code);
    const catches = described?.catches ?? `findings of the check ${code}`;
    const source = described?.source ?? 'the Titra language';
    const summary = sentence(plain(catches).split(/[:;(]/)[0]);
    const full = `${sentence(plain(catches))} Source: ${plain(source)}.`;
    return {
        id: code,
        name: ruleName(code),
        shortDescription: { text: summary },
        fullDescription: { text: full },
        help: {
            text: `${full} See ${CHECKS_DOCUMENTATION_URL}.`,
            markdown: `**${code}** (${described?.severity ?? severity}): ${catches}\n\nSource: ${source}\n\nSee [the table of checks](${CHECKS_DOCUMENTATION_URL}).`
        },
        helpUri: CHECKS_DOCUMENTATION_URL,
        defaultConfiguration: { level: sarifLevel(described?.severity ?? severity) }
    };
}

/** Where a finding's file is: relative to the workspace folder (`%SRCROOT%`) when inside it, else a file:// URL. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
    const absolute = path.resolve(file);
    const relative = path.relative(root, absolute);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

/** SARIF 2.1.0 log of the findings (suppressed ones with an in-source suppression), accepted by GitHub code scanning. */
export function toSarif(findings: Finding[], toolVersion: string, root: string): object {
    const codes = [...new Set(findings.map((f) => f.code))].sort();
    const rules = codes.map((code) => rule(code, findings.find((f) => f.code === code)!.severity));
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: { driver: { name: 'titra', version: toolVersion, semanticVersion: toolVersion, informationUri: TITRA_HOME_URL, rules } },
            originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(root.endsWith(path.sep) ? root : root + path.sep).href } },
            results: findings.map((f) => ({
                ruleId: f.code,
                ruleIndex: codes.indexOf(f.code),
                level: sarifLevel(f.severity),
                message: { text: f.message },
                ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.reason ?? '' }] } : {}),
                locations: [{
                    physicalLocation: {
                        artifactLocation: artifactLocation(f.file, root),
                        region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn }
                    }
                }]
            }))
        }]
    };
}
