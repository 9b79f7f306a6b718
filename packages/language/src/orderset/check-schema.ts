// The titra.check/1 contract: what `titra check --format json` prints, findings or an input error, defined once as a zod schema.
import { z } from 'zod';

export const CHECK_FORMAT = 'titra.check/1';

const Severity = z.enum(['error', 'warning', 'info', 'hint']).meta({ id: 'Severity' });

export const CheckDiagnostic = z.object({
    file: z.string().meta({ description: 'the file, relative to the working folder (absolute when outside it), with the platform separator' }),
    line: z.number().int().positive().meta({ description: '1-based line where the finding starts' }),
    column: z.number().int().positive().meta({ description: '1-based column (UTF-16 code units) where the finding starts' }),
    endLine: z.number().int().positive(),
    endColumn: z.number().int().positive().meta({ description: 'column just after the finding' }),
    severity: Severity,
    code: z.string().meta({ description: 'the stable code of the check, e.g. safety/naked-decimal (README, table of checks)' }),
    message: z.string(),
    suppressed: z.boolean().meta({ description: 'silenced by a titra-ignore comment: not counted and not in the exit code' }),
    reason: z.string().optional().meta({ description: 'the reason the suppression comment gives (suppressed findings only)' })
}).meta({ id: 'CheckDiagnostic', description: 'One finding of a check' });

const CheckTool = z.object({
    name: z.literal('titra'),
    version: z.string().meta({ description: 'the version `titra --version` prints' })
}).meta({ id: 'CheckTool' });

export const CheckReport = z.discriminatedUnion('status', [
    z.object({
        format: z.literal(CHECK_FORMAT),
        status: z.literal('checked'),
        tool: CheckTool,
        counts: z.object({
            files: z.number().int().nonnegative().meta({ description: 'files checked: those given and the libraries they import' }),
            errors: z.number().int().nonnegative(),
            warnings: z.number().int().nonnegative(),
            information: z.number().int().nonnegative().meta({ description: 'findings of severity info or hint' }),
            suppressed: z.number().int().nonnegative()
        }).meta({ description: 'counts of the findings that are not suppressed, by severity, and of the suppressed ones' }),
        diagnostics: z.array(CheckDiagnostic).meta({ description: 'every finding, suppressed ones included, by file, line, column and code' })
    }).meta({ id: 'CheckFindings', description: 'The files were checked (exit 0, or 1 when there are errors, or warnings with --strict)' }),
    z.object({
        format: z.literal(CHECK_FORMAT),
        status: z.literal('input-error'),
        tool: CheckTool,
        error: z.object({ message: z.string().meta({ description: 'what is wrong with the input, as printed on standard error' }) })
    }).meta({ id: 'CheckInputError', description: 'Nothing was checked: a path, file or option could not be used (exit 2)' })
]).meta({ id: 'CheckReport', title: 'Titra check report (titra.check/1)', description: 'The output of `titra check --format json`' });

export type CheckReport = z.infer<typeof CheckReport>;
export type CheckDiagnostic = z.infer<typeof CheckDiagnostic>;
