// Entry point of the `titra` command: parses arguments and dispatches to the commands.
import { parseArgs } from 'node:util';
import { runCheck } from './commands/check.js';
import { runCompile } from './commands/compile.js';
import { runSchema } from './commands/schema.js';
import { processTerminal, type Terminal } from './terminal.js';
import { titraVersion } from './version.js';
import { InputError } from './workspace-loader.js';

const USAGE = `titra ${titraVersion} - check and compile Titra treatment protocols

Usage:
  titra check [paths...] [--format text|json|sarif] [--strict]
  titra compile <file|dir>... [-o FILE | --out-dir DIR] [--target orderset]
  titra schema

Exit codes: 0 success, 1 errors found (check: or warnings with --strict), 2 usage or input error.`;

class UsageError extends Error {}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
        throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not '${value}'`);
    }
    return value as T;
}

export async function main(argv: string[], terminal: Terminal = processTerminal): Promise<number> {
    const [command, ...rest] = argv;
    try {
        switch (command) {
            case 'check': {
                const { values, positionals } = parseArgs({
                    args: rest, allowPositionals: true,
                    options: { format: { type: 'string' }, strict: { type: 'boolean', default: false } }
                });
                return await runCheck(terminal, {
                    paths: positionals,
                    format: choice(values.format, ['text', 'json', 'sarif'] as const, '--format', 'text'),
                    strict: values.strict ?? false
                });
            }
            case 'compile': {
                const { values, positionals } = parseArgs({
                    args: rest, allowPositionals: true,
                    options: { output: { type: 'string', short: 'o' }, 'out-dir': { type: 'string' }, target: { type: 'string' } }
                });
                if (positionals.length === 0) throw new UsageError('compile needs a protocol file or folder');
                return await runCompile(terminal, {
                    paths: positionals,
                    output: values.output,
                    outDir: values['out-dir'],
                    target: choice(values.target, ['orderset'] as const, '--target', 'orderset')
                });
            }
            case 'schema':
                if (rest.length > 0) throw new UsageError('schema takes no arguments');
                return runSchema(terminal);
            case '--version':
            case 'version':
                terminal.out(titraVersion);
                return 0;
            case undefined:
            case 'help':
            case '--help':
            case '-h':
                terminal.out(USAGE);
                return command === undefined ? 2 : 0;
            default:
                throw new UsageError(`unknown command '${command}'`);
        }
    } catch (error) {
        if (error instanceof UsageError || (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))) {
            terminal.err(`titra: ${error.message}\n\n${USAGE}`);
            return 2;
        }
        if (error instanceof InputError) {
            terminal.err(`titra: ${error.message}`);
            return 2;
        }
        throw error;
    }
}

main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
        process.stderr.write(`titra: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
        process.exitCode = 70;
    }
);
