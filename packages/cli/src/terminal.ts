// Where the CLI prints: standard output for results, standard error for diagnostics and progress.
export interface Terminal {
    out(text: string): void;
    err(text: string): void;
    /** Colors only on an interactive terminal, and never when NO_COLOR is set. */
    color: boolean;
}

export const processTerminal: Terminal = {
    out: (text) => process.stdout.write(text + '\n'),
    err: (text) => process.stderr.write(text + '\n'),
    color: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR
};
