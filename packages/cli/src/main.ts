// Entry point of the `titra` command: parses arguments and dispatches to the commands.
import { parseArgs } from 'node:util';
import { titraVersion } from '@titra/language';
import { printCheckInputError, runCheck } from './commands/check.js';
import { runCompile } from './commands/compile.js';
import { runDiff, runTextconv } from './commands/diff.js';
import { runFmt } from './commands/fmt.js';
import { runRender } from './commands/render.js';
import { runSchedule } from './commands/schedule.js';
import { runSchema } from './commands/schema.js';
import { runTest } from './commands/test.js';
import { commandHelpText, isCommandName, usageText } from './help.js';
import { processTerminal, type Terminal } from './terminal.js';
import { InputError } from './workspace-loader.js';

class UsageError extends Error {}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
        throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not '${value}'`);
    }
    return value as T;
}

/** Node's parseArgs messages, reworded: an unknown option is named plainly, without advice about '--'. */
function usageMessage(error: Error): string {
    const code = (error as NodeJS.ErrnoException).code;
    const option = /'(-[^' ]*)/.exec(error.message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option '${option}'`;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
        if (error.message.includes('argument missing')) return `${option} needs a value`;
        if (error.message.includes('ambiguous')) return `${option} needs a value; to give one starting with '-', write ${option}=VALUE`;
    }
    return error.message;
}

/**
 * `--weight -5` as `--weight=-5`: a value that looks like a negative number belongs to the option before it (parseArgs
 * would call it ambiguous), so that the option's own check can say what is wrong with it.
 */
function attachNegativeValues(args: string[]): string[] {
    const out: string[] = [];
    for (const arg of args) {
        const previous = out.at(-1);
        if (/^-\d/.test(arg) && previous !== undefined && /^--[a-z][\w-]*$/.test(previous)) out[out.length - 1] = `${previous}=${arg}`;
        else out.push(arg);
    }
    return out;
}

export async function main(argv: string[], terminal: Terminal = processTerminal): Promise<number> {
    const [command, ...given] = argv;
    // `titra <command> --help` (before any `--`) prints the command's help instead of running it.
    const options = given.slice(0, given.includes('--') ? given.indexOf('--') : given.length);
    if (command !== undefined && isCommandName(command) && (options.includes('--help') || options.includes('-h'))) {
        terminal.out(commandHelpText(command));
        return 0;
    }
    const rest = attachNegativeValues(given);
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
                    options: {
                        output: { type: 'string', short: 'o' }, 'out-dir': { type: 'string' }, target: { type: 'string' },
                        'allow-draft': { type: 'boolean', default: false },
                        'fhir-base': { type: 'string' }, 'fhir-bundle': { type: 'string' }, 'fhir-package': { type: 'string' }
                    }
                });
                if (positionals.length === 0) throw new UsageError('compile needs a protocol file or folder');
                return await runCompile(terminal, {
                    paths: positionals,
                    output: values.output,
                    outDir: values['out-dir'],
                    allowDraft: values['allow-draft'] ?? false,
                    target: choice(values.target, ['orderset', 'fhir-r4'] as const, '--target', 'orderset'),
                    fhirBase: values['fhir-base'],
                    fhirBundle: values['fhir-bundle'] === undefined ? undefined : choice(values['fhir-bundle'], ['collection', 'transaction'] as const, '--fhir-bundle', 'collection'),
                    fhirPackage: values['fhir-package']
                });
            }
            case 'schedule': {
                const { values, positionals } = parseArgs({
                    args: rest, allowPositionals: true,
                    options: {
                        weight: { type: 'string' }, height: { type: 'string' }, age: { type: 'string' }, sex: { type: 'string' },
                        start: { type: 'string' }, until: { type: 'string' },
                        flag: { type: 'string', multiple: true }, events: { type: 'string' }, format: { type: 'string' }
                    }
                });
                if (positionals.length !== 1) throw new UsageError('schedule needs exactly one protocol (.titra) or order set (.json)');
                return await runSchedule(terminal, {
                    file: positionals[0],
                    weight: values.weight, height: values.height, age: values.age, sex: values.sex, start: values.start, until: values.until,
                    flags: values.flag ?? [], events: values.events,
                    format: choice(values.format, ['text', 'json'] as const, '--format', 'text')
                });
            }
            case 'test': {
                const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
                return await runTest(terminal, positionals);
            }
            case 'fmt': {
                const { values, positionals } = parseArgs({
                    args: rest, allowPositionals: true, options: { check: { type: 'boolean', default: false } }
                });
                return await runFmt(terminal, { paths: positionals, check: values.check ?? false });
            }
            case 'diff': {
                const { values, positionals } = parseArgs({
                    args: rest, allowPositionals: true,
                    options: { git: { type: 'string' }, format: { type: 'string' }, as: { type: 'string' } }
                });
                return await runDiff(terminal, {
                    files: positionals, git: values.git, as: values.as,
                    format: choice(values.format, ['text', 'markdown', 'json'] as const, '--format', 'text'),
                    color: terminal.color && Boolean(process.stdout.isTTY)
                });
            }
            case 'render': {
                const { values, positionals } = parseArgs({
                    args: rest, allowPositionals: true,
                    options: { html: { type: 'boolean', default: false }, md: { type: 'boolean', default: false }, output: { type: 'string', short: 'o' } }
                });
                if (positionals.length !== 1) throw new UsageError('render needs exactly one protocol (.titra) or order set (.json)');
                if (values.html === values.md) throw new UsageError('render needs one of --html or --md');
                return await runRender(terminal, { file: positionals[0], format: values.html ? 'html' : 'md', output: values.output });
            }
            case 'textconv': {
                const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
                if (positionals.length !== 1) throw new UsageError('textconv needs exactly one protocol (.titra) or order set (.json)');
                return await runTextconv(terminal, positionals[0]);
            }
            case 'schema': {
                const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { schedule: { type: 'boolean', default: false } } });
                if (positionals.length > 0) throw new UsageError('schema takes no arguments');
                return runSchema(terminal, values.schedule ? 'schedule' : 'orderset');
            }
            case '--version':
            case 'version':
                terminal.out(titraVersion);
                return 0;
            case 'help': {
                const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
                if (positionals.length > 1) throw new UsageError('help takes at most one command');
                const [topic] = positionals;
                if (topic === undefined) terminal.out(usageText());
                else if (isCommandName(topic)) terminal.out(commandHelpText(topic));
                else throw new UsageError(`unknown command '${topic}'`);
                return 0;
            }
            case undefined:
            case '--help':
            case '-h':
                terminal.out(usageText());
                return command === undefined ? 2 : 0;
            default:
                throw new UsageError(`unknown command '${command}'`);
        }
    } catch (error) {
        if (error instanceof UsageError || (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))) {
            // A jq pipeline reading `titra check --format json` gets the envelope even when the arguments are wrong.
            if (command === 'check' && rest.some((arg, i) => arg === '--format=json' || (arg === '--format' && rest[i + 1] === 'json'))) {
                printCheckInputError(terminal, usageMessage(error));
            }
            terminal.err(`titra: ${usageMessage(error)}\n\n${usageText()}`);
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
