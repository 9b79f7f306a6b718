// The help texts of `titra`: one entry per command (usage, what it does, an example), the global usage built from them.
import { titraVersion } from '@titra/language';

export interface CommandHelp {
    /** Usage lines after `titra `, first the command name; a line starting with spaces continues the one before. */
    usage: string[];
    /** What the command does, in one or two sentences. */
    description: string;
    example: string;
    /** The exit codes of the command. */
    exit: string;
}

export const COMMANDS = {
    check: {
        usage: ['check [paths...] [--format text|json|sarif] [--strict]'],
        description: 'Checks protocols and libraries (the files and folders given, default the working folder) and reports every finding as file:line:column.',
        example: 'titra check examples --format sarif > titra.sarif',
        exit: '0 clean, 1 errors found (or warnings with --strict), 2 usage or input error'
    },
    compile: {
        usage: ['compile <file|dir>... [-o FILE | --out-dir DIR] [--target orderset|fhir-r4] [--allow-draft]',
            '    [--fhir-base URL] [--fhir-bundle collection|transaction] [--fhir-package DIR]'],
        description: 'Compiles protocols into titra.orderset/1 JSON (or FHIR R4 Bundles), <name>.orderset.json beside each protocol by default; nothing is written when a file has an error.',
        example: 'titra compile examples/teclistamab-inpatient.titra -o out.json',
        exit: '0 written, 1 errors found (nothing written), 2 usage or input error'
    },
    schema: {
        usage: ['schema [--schedule]'],
        description: 'Prints the JSON Schema of the order-set format (--schedule: of the schedule format).',
        example: 'titra schema > titra.orderset-1.schema.json',
        exit: '0, 2 usage error'
    },
    diff: {
        usage: ['diff <old> <new> [--format text|markdown|json] [--as PATH]', 'diff --git <rev> <file> [--format text|markdown|json]'],
        description: 'Lists the clinical changes between two versions of a protocol (.titra or compiled .json), sorted by risk.',
        example: 'titra diff --git HEAD~1 examples/teclistamab-inpatient.titra',
        exit: '0 clinically identical, 1 different, 2 usage or input error (or a version with errors)'
    },
    textconv: {
        usage: ['textconv <file>'],
        description: "Prints the canonical clinical text of a protocol, one fact a line (git's textconv driver).",
        example: 'titra textconv examples/teclistamab-inpatient.titra',
        exit: '0, 2 usage or input error'
    },
    render: {
        usage: ['render <file> --html|--md [-o FILE]'],
        description: 'Renders a printable protocol document for sign-off (standard output without -o).',
        example: 'titra render examples/teclistamab-inpatient.titra --html -o teclistamab.html',
        exit: '0, 1 protocol errors, 2 usage or input error'
    },
    schedule: {
        usage: [
            'schedule <file.titra|orderset.json> --start YYYY-MM-DD [--weight KG] [--height CM] [--age YEARS]',
            '    [--sex female|male] [--flag NAME]... [--events events.json] [--until YYYY-MM-DD] [--format text|json]'
        ],
        description: 'Computes the calendar of a protocol for one patient; --start is cycle 1 day 1.',
        example: 'titra schedule examples/teclistamab-inpatient.titra --weight 72 --start 2026-12-01',
        exit: '0, 1 protocol errors, 2 usage or input error'
    },
    test: {
        usage: ['test [paths...]'],
        description: 'Runs scenario files (*.scenario.json, default below the working folder) and prints pass or FAIL with the first difference.',
        example: 'titra test examples/scenarios',
        exit: '0 all pass, 1 a failure, 2 usage or input error'
    },
    fmt: {
        usage: ['fmt [paths...] [--check]'],
        description: 'Rewrites .titra files in canonical layout (--check: writes nothing and lists the files that would change).',
        example: 'titra fmt --check examples',
        exit: '0, 1 --check found files to reformat, 2 a syntax error or input error'
    },
    help: {
        usage: ['help [command]'],
        description: 'Prints this overview, or the help of one command (also: titra <command> --help).',
        example: 'titra help schedule',
        exit: '0, 2 unknown command'
    }
} as const satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof COMMANDS;

/** A usage line as printed: `titra <usage>`, or a continuation indented under the line before. */
const usageLine = (usage: string) => (usage.startsWith(' ') ? `      ${usage.trimStart()}` : `titra ${usage}`);

export function isCommandName(name: string): name is CommandName {
    return Object.hasOwn(COMMANDS, name);
}

/** The overview: every command's usage and description. */
export function usageText(): string {
    const lines = [`titra ${titraVersion} - check and compile Titra treatment protocols`, '', 'Usage:'];
    for (const help of Object.values(COMMANDS) as CommandHelp[]) {
        lines.push(...help.usage.map((usage) => `  ${usageLine(usage)}`), `      ${help.description}`);
    }
    lines.push('', "Run 'titra help <command>' or 'titra <command> --help' for a command's example.",
        'Exit codes: 0 success, 1 errors found (check: or warnings with --strict), 2 usage or input error.');
    return lines.join('\n');
}

/** The help of one command: usage, description, example and exit codes. */
export function commandHelpText(name: CommandName): string {
    const help: CommandHelp = COMMANDS[name];
    return [
        ...help.usage.map((usage, index) => `${index === 0 ? 'Usage: ' : '       '}${usageLine(usage)}`),
        '', help.description, '', 'Example:', `  ${help.example}`, '', `Exit codes: ${help.exit}`
    ].join('\n');
}
